"""Every rule in shapes/ fires on its fires.ttl and stays quiet on its passes.ttl.

The check is proved on a tiny rule set of its own (tests/fixtures/engine/): it must flag a rule
without fixtures and a SPARQL aggregate that mis-binds $this and so silently conforms.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from govgraph.rules import load_catalogue
from rule_coverage import convention_problems, coverage_problems

CATALOGUE = load_catalogue()
RULES = CATALOGUE.rules
ENGINE = FIXTURES / "engine"


def test_shapes_define_rules() -> None:
    assert RULES, "shapes/ defines no rule (a node shape with dcterms:identifier)"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_and_passes_on_its_fixtures(rule) -> None:
    assert coverage_problems(rule, CATALOGUE, FIXTURES / "rules") == []


def test_the_check_catches_missing_fixtures_and_a_silently_conforming_rule() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "shapes")
    problems = {r.id: coverage_problems(r, catalogue, ENGINE / "rules") for r in catalogue.rules}
    assert problems["T-NO-FIXTURES"] == [
        f"T-NO-FIXTURES: fires.ttl missing ({ENGINE / 'rules' / 'T-NO-FIXTURES' / 'fires.ttl'})",
        f"T-NO-FIXTURES: passes.ttl missing ({ENGINE / 'rules' / 'T-NO-FIXTURES' / 'passes.ttl'})"]
    assert problems["T-MISBOUND"] == ["T-MISBOUND: fires.ttl gives no finding of the rule"]
    # The correctly bound aggregate, the component rule and the core rules pass the same check.
    assert {rid: p for rid, p in problems.items() if p} .keys() == {"T-NO-FIXTURES", "T-MISBOUND"}
    assert {"T-PARITY", "T-REGION-SEATS", "T-SEAT-ROLE", "T-OLD-AREA"} <= problems.keys()



@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_follows_the_conventions(rule) -> None:
    assert convention_problems(rule, CATALOGUE) == []


def test_the_convention_check_can_fail() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "sloppy")
    assert convention_problems(catalogue.get("T-SLOPPY"), catalogue) == [
        "no sh:message @da",
        "dcterms:source https://w3id.org/govgraph/source/no-such-source is not a source of data/reference/sources.ttl",
        "validUntil before validFrom",
        "a sh:property shape is a blank node (give it an IRI rule:T-SLOPPY-…)",
    ]
