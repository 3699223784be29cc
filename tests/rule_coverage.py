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
from govgraph.vocab import RULE


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


def convention_problems(rule: Rule, catalogue: Catalogue) -> list[str]:
    """What metadata the engine and the catalogue rely on is missing (README, "How to write a rule")."""
    from rdflib import BNode
    from rdflib.namespace import RDF, SH

    problems = []
    if rule.iri != RULE[rule.id]:
        problems.append(f"IRI {rule.iri} is not rule:{rule.id}")
    for what, text in (("rdfs:label", rule.title), ("sh:message", rule.message)):
        problems += [f"no {what} @{lang}" for lang in ("da", "en") if not getattr(text, lang)]
    unnamed = {str(rule.layer).rsplit("/", 1)[-1], str(rule.source).rsplit("/", 1)[-1]}
    if rule.layer is None or rule.layer_label.en in unnamed:
        problems.append("no gg:layer with a label")
    if rule.source is None or rule.source_label.en in unnamed:
        problems.append(f"dcterms:source {rule.source} is not a source of data/reference/sources.ttl")
    if rule.valid_from and rule.valid_until and rule.valid_until < rule.valid_from:
        problems.append("validUntil before validFrom")
    shapes, _ = catalogue.shapes_graph([rule], components=False)
    if (rule.iri, RDF.type, SH.NodeShape) not in shapes:
        problems.append("not a sh:NodeShape")
    for prop in (SH.property, SH.node, SH.qualifiedValueShape, SH.sparql):
        if any(isinstance(shape, BNode) for shape in shapes.objects(None, prop)):
            problems.append(f"a {shapes.qname(prop)} shape is a blank node (give it an IRI rule:{rule.id}-…)")
    return problems
