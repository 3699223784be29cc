"""Test a user's own rules against their fixtures, as ``conftest verify`` tests policies.

Each rule (a node shape with ``dcterms:identifier``) of the given rule files has a folder
``<fixtures>/<ID>/`` with ``fires.ttl`` (a model on which the rule must give at least one finding)
and ``passes.ttl`` (one on which it must give none) — the layout of the project's own
``tests/fixtures/rules/``. The fixture's ``gg:effectiveDate`` must lie within the rule's dates.

Rules run through the public API (:func:`govgraph.validate.validate` with the rule file named), so
this checks the rules exactly as ``govgraph validate --rules FILE`` would.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import GovgraphError, UsageError
from .load import load
from .report import Finding
from .rules import Rule, load_catalogue
from .validate import validate

KINDS = ("fires", "passes")


@dataclass(frozen=True)
class FixtureResult:
    """One rule on one fixture: what was expected, what was found, and what is wrong (empty: it passed)."""

    rule: str
    kind: str  # fires | passes
    fixture: Path
    findings: tuple[Finding, ...] = ()
    problem: str = ""  # "", missing-fixture, unreadable, out-of-dates, missing-finding, extra-finding
    detail: str = ""  # the error message (unreadable) or the fixture's date (out-of-dates)

    @property
    def passed(self) -> bool:
        return not self.problem


def rules_of(rule_files: Sequence[Path]) -> tuple[Rule, ...]:
    """The rules written in ``rule_files`` (not the bundled ones they are read beside)."""
    for path in rule_files:
        if not path.is_file():
            raise UsageError(f"rule file {path} does not exist (check the path)",
                             da=f"regelfilen {path} findes ikke (tjek stien)")
    catalogue = load_catalogue(list(rule_files))
    wanted = {p.resolve() for p in rule_files}
    return tuple(r for r in catalogue.rules if r.file.resolve() in wanted)


def verify(rule_files: Sequence[Path], fixtures: Path) -> Iterator[FixtureResult]:
    """Run every rule of ``rule_files`` on ``fixtures/<ID>/fires.ttl`` and ``passes.ttl``, one result each."""
    rules = rules_of(rule_files)
    if not rules:
        names = ", ".join(str(p) for p in rule_files)
        raise UsageError(f"{names}: no rule found (a rule is a sh:NodeShape with a dcterms:identifier)",
                         da=f"{names}: ingen regel fundet (en regel er en sh:NodeShape med dcterms:identifier)")
    for rule in rules:
        for kind in KINDS:
            yield check_fixture(rule, kind, fixtures / rule.id / f"{kind}.ttl")


def check_fixture(rule: Rule, kind: str, path: Path) -> FixtureResult:
    """``rule`` on the fixture ``path``: must fire (``kind`` fires) or stay quiet (passes)."""
    if not path.is_file():
        return FixtureResult(rule.id, kind, path, problem="missing-fixture")
    try:
        report = validate(load([path]), rules=[str(rule.file)])
    except GovgraphError as error:
        return FixtureResult(rule.id, kind, path, problem="unreadable", detail=str(error))
    if report.as_of is not None and not rule.in_force(report.as_of):
        return FixtureResult(rule.id, kind, path, problem="out-of-dates", detail=report.as_of.isoformat())
    found = tuple(f for f in report.findings if f.rule == rule.id)
    if kind == "fires" and not found:
        return FixtureResult(rule.id, kind, path, found, problem="missing-finding")
    if kind == "passes" and found:
        return FixtureResult(rule.id, kind, path, found, problem="extra-finding")
    return FixtureResult(rule.id, kind, path, found)


__all__ = ["FixtureResult", "KINDS", "check_fixture", "rules_of", "verify"]
