"""Rule-set policy beyond the engine's convention check (tests/test_rule_fixtures.py): severity by
layer, nested shapes that speak with their rule, declared component parameters; and the catalogue as
`govgraph rules` prints it, kept as a golden file so that a change to a rule's title, layer, source or
dates shows up in review."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SH

from conftest import ROOT
from govgraph.rules import load_catalogue
from govgraph.vocab import LAYER

CATALOGUE = load_catalogue()
RULES = CATALOGUE.rules
SHAPES = CATALOGUE.graph
LAYERS = {LAYER.Integrity, LAYER.Law, LAYER.PoliticalAgreement, LAYER.LocalDecision}
SEVERITY_OF_LAYER = {LAYER.Integrity: {SH.Violation}, LAYER.Law: {SH.Violation},
                     LAYER.LocalDecision: {SH.Violation}, LAYER.PoliticalAgreement: {SH.Warning, SH.Info}}
#: Rules whose severity departs from their layer's on purpose; each says why in its rdfs:comment.
SEVERITY_EXCEPTIONS = {"CORE-TASK-LEVEL": SH.Warning, "DK22-LOC-CHAIR-DEPUTY-SIDES": SH.Warning,
                       # minute 001 describes practice (PLO ad hoc), it decides nothing: information
                       "DK21-PC-PLO-AD-HOC": SH.Info,
                       # a seat silent on who appointed it is a gap in the record, not a breach of the decision
                       "DK22-LOC-REGIONAL-APPOINTMENT-RECORD": SH.Info}


def _languages(node, prop) -> set[str]:
    return {o.language for o in SHAPES.objects(node, prop) if isinstance(o, Literal)}


def _nested(node) -> list:
    """Shapes a rule is made of: its property shapes and the node shapes it refers to."""
    return [*SHAPES.objects(node, SH.property), *SHAPES.objects(node, SH.node)]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_severity_follows_the_layer_and_the_rule_explains_its_reading(rule) -> None:
    # Law binds (violation); local decisions bind too, except where the source is a practice rather than a
    # binding text (warning, e.g. DK22-LOC-CHAIR-DEPUTY-SIDES); integrity is violation, warning for a reading to
    # check (CORE-TASK-LEVEL); the agreement may be refined locally (warning, info
    # for its open questions). IRI, labels, messages, source and dates: test_rule_fixtures.py.
    assert rule.layer in LAYERS
    allowed = {SEVERITY_EXCEPTIONS[rule.id]} if rule.id in SEVERITY_EXCEPTIONS else SEVERITY_OF_LAYER[rule.layer]
    assert SHAPES.value(rule.iri, SH.severity) in allowed
    assert _languages(rule.iri, RDFS.comment) >= {"da", "en"}  # explain --lang da is Danish throughout
    assert rule.rule_set != "components", "components.ttl holds no rules"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_nested_shapes_have_iris_and_speak_with_their_rule(rule) -> None:
    for shape in _nested(rule.iri):
        assert isinstance(shape, URIRef) and str(shape).startswith(f"{rule.iri}-"), shape
        assert (shape, DCTERMS.identifier, None) not in SHAPES, "a nested shape is not a rule of its own"
        assert SHAPES.value(shape, SH.severity) == SHAPES.value(rule.iri, SH.severity)
        assert set(SHAPES.objects(shape, SH.message)) <= set(SHAPES.objects(rule.iri, SH.message))
    for constraint in SHAPES.objects(rule.iri, SH.sparql):
        assert isinstance(constraint, URIRef) and str(constraint).startswith(f"{rule.iri}-")


def test_every_component_parameter_a_rule_uses_is_declared() -> None:
    ggc = "https://w3id.org/govgraph/constraint#"
    declared = {o for o in SHAPES.objects(None, SH.path) if str(o).startswith(ggc)}
    # ggc:fixes describes a component (which seat property its results correct); it is no parameter.
    used = {p for p in SHAPES.predicates() if str(p).startswith(ggc)} - {URIRef(ggc + "fixes")}
    assert used <= declared
    assert (None, URIRef(ggc + "fixes"), None) in SHAPES


def test_catalogue_matches_its_golden_file(run, golden, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("rules")
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, "rules/catalogue.en.txt")
