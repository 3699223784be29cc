"""What counts is defined once: a seat with a vote is one that is not gg:votingRight false and not
role:Observer (model.has_vote, and every counting component of shapes/components.ttl), and compare's
parity equals the parity rule's finding on every fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from conftest import FIXTURES, ROOT
from govgraph import load, organization
from govgraph.metrics import parity
from govgraph.validate import validate
from govgraph.vocab import GG

COMPONENTS = ROOT / "shapes" / "components.ttl"
PARITY_FIXTURES = sorted((FIXTURES / "rules" / "DK22-LOC-PARITY").glob("*.ttl")) + \
    sorted((ROOT / "data" / "examples").glob("klynge-midt-2022-*.ttl"))


def test_every_component_that_reads_the_vote_also_excludes_observers() -> None:
    graph = Graph().parse(COMPONENTS)
    # The no-vote component is the one that looks for observers with a vote, so it reads both on purpose.
    texts = [str(o) for o in graph.objects(None, SH.select) if "$noVoteRole" not in str(o)]
    assert texts
    for text in texts:
        for var in set(re.findall(r"NOT EXISTS \{ (\?\w+) gg:votingRight false \}", text)):
            assert f"NOT EXISTS {{ {var} org:role role:Observer }}" in text, text[:200]


def _rule_parity(path: Path) -> dict[str, str]:
    report = validate(load([path]))
    return {f.focus_iri: f.value for f in report.findings if f.rule == "DK22-LOC-PARITY"}


def _compare_parity(path: Path) -> dict[str, str]:
    org = organization(load([path]))
    out = {}
    for row in parity(org, org.date).bodies:
        if row.regional != row.municipal:
            out[str(row.body)] = f"{row.regional} : {row.municipal}"
    return out


@pytest.mark.parametrize("path", PARITY_FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in PARITY_FIXTURES])
def test_compare_parity_equals_the_parity_rule(path: Path) -> None:
    rule = _rule_parity(path)
    assert rule == {iri: text for iri, text in _compare_parity(path).items() if iri in rule}


def test_an_observer_with_a_vote_counts_nowhere(tmp_path) -> None:
    """The case that once disagreed: the observer seat of the ok example given gg:votingRight true."""
    source = ROOT / "data" / "examples" / "klynge-midt-2022-ok.ttl"
    graph = Graph().parse(source)
    changed = 0
    for seat, value in list(graph.subject_objects(GG.votingRight)):
        if value == Literal(False):
            graph.set((seat, GG.votingRight, Literal(True)))
            changed += 1
    assert changed
    path = tmp_path / "observer-votes.ttl"
    graph.serialize(path, format="turtle")
    assert _rule_parity(path) == _compare_parity(path)


REPORTING_FIXTURES = sorted([*(FIXTURES / "rules" / "CORE-NO-CYCLE").glob("*.ttl"),
                             *(FIXTURES / "rules" / "CORE-REACHES-TOP").glob("*.ttl"),
                             ROOT / "data" / "examples" / "klynge-midt-2022-cycle.ttl",
                             *(ROOT / "data" / "scenarios").glob("nordjylland-*.ttl")])


@pytest.mark.parametrize("path", REPORTING_FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in REPORTING_FIXTURES])
def test_compare_reporting_figures_are_the_rules_findings(path: Path) -> None:
    """Cycles and bodies that do not reach the top body: compare's figures are the CORE rules' findings."""
    from govgraph.metrics import reporting_lines

    model = load([path])
    org = organization(model)
    report = validate(model)
    lines = reporting_lines(org, report.as_of)
    assert {str(b) for b in lines.on_cycles} == {f.focus_iri for f in report.findings if f.rule == "CORE-NO-CYCLE"}
    if lines.top is not None:
        assert {str(b) for b in lines.unreached} == \
            {f.focus_iri for f in report.findings if f.rule == "CORE-REACHES-TOP"}


def test_the_cycle_example_has_a_cycle_in_both() -> None:
    from govgraph.metrics import reporting_lines

    org = organization(load([ROOT / "data" / "examples" / "klynge-midt-2022-cycle.ttl"]))
    lines = reporting_lines(org, org.date)
    assert lines.on_cycles and lines.longest_chain is None


@pytest.mark.parametrize("path", sorted((FIXTURES / "rules" / "CORE-SEAT-ONE-BODY").glob("*.ttl")),
                         ids=lambda p: p.stem)
def test_lint_seat_body_is_the_rules_finding(path: Path) -> None:
    from govgraph.lint import lint

    model = load([path], strict=False)
    linted = {f.focus_iri for f in lint(model).findings if f.rule == "lint:seat-body"}
    ruled = {f.focus_iri for f in validate(model).findings if f.rule == "CORE-SEAT-ONE-BODY"}
    assert linted == ruled
    assert linted if "fires" in path.stem else not linted
