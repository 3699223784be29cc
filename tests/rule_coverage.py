"""Check that a rule has a fixture that makes it fire and one that passes, and that both behave.

Used by the suite test on every rule in shapes/ and, to prove the check itself can fail, on the
small rule set of tests/fixtures/engine/ (a rule without fixtures, a mis-bound SPARQL aggregate).
"""

from __future__ import annotations

from pathlib import Path

from govgraph import GovgraphError, load
from govgraph.model import organization
from govgraph.rules import Catalogue, Rule
from govgraph.validate import check


def coverage_problems(rule: Rule, catalogue: Catalogue, fixtures: Path) -> list[str]:
    """What is wrong with ``rule``'s fixtures in ``fixtures/<ID>/``; empty when it fires and passes as it should."""
    problems = []
    for kind in ("fires", "passes"):
        path = fixtures / rule.id / f"{kind}.ttl"
        if not path.exists():
            problems.append(f"{rule.id}: {kind}.ttl missing ({path})")
            continue
        try:
            model = load([path])
            day = organization(model).date
            if day is None or not rule.in_force(day):
                problems.append(f"{rule.id}: {kind}.ttl has no gg:effectiveDate within the rule's dates")
                continue
            found = [f for f in check(model, catalogue, [rule], day).findings if f.rule == rule.id]
        except GovgraphError as error:
            problems.append(f"{rule.id}: {kind}.ttl cannot be checked: {error}")
            continue
        if kind == "fires" and not found:
            problems.append(f"{rule.id}: fires.ttl gives no finding of the rule")
        if kind == "passes" and found:
            problems.append(f"{rule.id}: passes.ttl gives {len(found)} finding(s): {found[0].text('en')}")
    return problems
