"""The validate engine on a small rule set of its own (tests/fixtures/engine/shapes/).

Severity mapping, grouping by body, file:line, both languages, placeholders, rule selection by
set, file and date, scope by date, and that the model is left as it was.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES
from govgraph import UsageError, load
from govgraph.report import Severity
from govgraph.rules import load_catalogue
from govgraph.validate import check, validate

ENGINE = FIXTURES / "engine"
RULES = str(ENGINE / "shapes" / "engine-rules.ttl")
PROPOSAL = ENGINE / "models" / "proposal.ttl"


@pytest.fixture(scope="module")
def report():
    return validate(load([PROPOSAL]), rules=[RULES])


def _dict(finding) -> dict[str, str]:
    return dict(finding.extra)


def test_findings_by_rule_body_severity_and_line(report) -> None:
    got = [(f.body, f.rule, f.severity.value, f.location.line) for f in report.findings]
    assert got == [
        ("Cluster committee A", "T-SEAT-ROLE", "violation", 29),
        ("Cluster committee A", "T-MEMBER-SEAT", "warning", 51),
        ("Cluster committee A", "T-PARITY", "warning", 21),
        ("Cluster committee B", "T-PARITY", "warning", 41),
        ("Cluster committee B", "T-REGION-SEATS", "info", 41),
    ]
    assert all(f.location.file.endswith("proposal.ttl") for f in report.findings)


def test_severity_of_a_nested_shape_is_its_rules(report) -> None:
    # rule:T-MEMBER-SEAT-seat has no sh:severity; pySHACL would say Violation, the rule says Warning.
    member = next(f for f in report.findings if f.rule == "T-MEMBER-SEAT")
    assert member.severity is Severity.WARNING
    assert member.focus == "Mette Hansen on cluster committee A"


def test_seat_and_membership_findings_are_grouped_under_their_body(report) -> None:
    seat = next(f for f in report.findings if f.rule == "T-SEAT-ROLE")
    assert (seat.focus, seat.body, _dict(seat)["body.da"]) == ("A – region 2", "Cluster committee A", "Klyngeudvalg A")


def test_messages_in_both_languages_with_labels_and_values_filled(report) -> None:
    parity = next(f for f in report.findings if f.rule == "T-PARITY" and f.body == "Cluster committee A")
    assert parity.message == {
        "da": "Klyngeudvalg A har 2 regionale og 1 kommunale pladser med stemmeret; de skal være lige mange.",
        "en": "Cluster committee A has 2 regional and 1 municipal voting seats; they must be equal."}
    component = next(f for f in report.findings if f.rule == "T-REGION-SEATS")
    # {$this} and the component's parameter {$minSeats} are filled in by the engine
    assert component.message["da"] == "Klyngeudvalg B har færre end 1 regionale pladser med stemmeret."
    for f in report.findings:
        for text in f.message.values():
            assert "{" not in text and "http" not in text and "example.org" not in text, text


def test_layer_and_source_labels_in_both_languages(report) -> None:
    parity = next(f for f in report.findings if f.rule == "T-PARITY")
    assert (parity.layer, _dict(parity)["layer.da"]) == ("local decision", "lokal beslutning")
    assert parity.source.startswith("Decision of Kontaktudvalget, 8 April 2022")
    assert _dict(parity)["source.da"].startswith("Kontaktudvalgets beslutning 8. april 2022")


def test_scope_is_the_bodies_in_force_on_the_date(report) -> None:
    # Old committee C ended 2022-06-30: out of scope on the effective date 2022-10-01 ...
    assert report.as_of == dt.date(2022, 10, 1) and report.checked == 2
    assert not any(f.body == "Old committee C" for f in report.findings)
    # ... in scope as of 2022-05-01, where it breaks the area rule.
    earlier = validate(load([PROPOSAL]), as_of=dt.date(2022, 5, 1), rules=[RULES])
    assert earlier.checked == 3
    assert ("Old committee C", "T-OLD-AREA") in {(f.body, f.rule) for f in earlier.findings}


def test_rules_in_force_are_chosen_by_date() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "shapes")
    on_2021 = {r.id for r in catalogue.select(dt.date(2021, 6, 1))}
    on_2022 = {r.id for r in catalogue.select(dt.date(2022, 10, 1))}
    assert "T-OLD-AREA" in on_2021 and "T-PARITY" not in on_2021
    assert "T-PARITY" in on_2022 and "T-OLD-AREA" not in on_2022
    model = load([PROPOSAL])
    found = check(model, catalogue, catalogue.select(dt.date(2022, 10, 1)), dt.date(2022, 10, 1))
    assert "T-OLD-AREA" not in {f.rule for f in found.findings}
    assert "T-OLD-AREA" not in found.rules and "T-PARITY" in found.rules


def test_rules_by_set_name_and_unknown_set() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "shapes")
    assert catalogue.sets == ("broken", "engine-rules")
    assert {r.id for r in catalogue.select(names=["broken"])} == {"T-MISBOUND", "T-NO-FIXTURES"}
    with pytest.raises(UsageError) as err:
        catalogue.select(names=["engine-rule"])
    assert "did you mean engine-rules?" in str(err.value) and "known sets: broken, engine-rules" in str(err.value)


def test_unknown_rule_id_suggests_the_closest() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "shapes")
    assert catalogue.get("t-parity").id == "T-PARITY"
    with pytest.raises(UsageError, match="did you mean T-PARITY"):
        catalogue.get("T-PARTY")


def test_rule_records_carry_their_file_and_line() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "shapes")
    parity = catalogue.get("T-PARITY")
    assert (parity.rule_set, parity.location.line) == ("engine-rules", 31)
    assert parity.valid_from == dt.date(2022, 7, 1) and parity.valid_until == dt.date(2026, 12, 31)
    assert parity.title.get("da") == "Paritet mellem region og kommuner"


def test_shapes_graph_holds_only_the_chosen_rules_and_the_components() -> None:
    catalogue = load_catalogue(shapes_dir=ENGINE / "shapes")
    shapes, owner = catalogue.shapes_graph([catalogue.get("T-SEAT-ROLE")])
    subjects = {str(s).rsplit("/", 1)[-1] for s in shapes.subjects() if "rule/" in str(s)}
    assert subjects == {"T-SEAT-ROLE", "T-SEAT-ROLE-role"}
    assert owner[catalogue.get("T-SEAT-ROLE").iri].id == "T-SEAT-ROLE"
    assert any("MinSideSeatsComponent" in str(s) for s in shapes.subjects())


def test_validation_leaves_the_model_as_it_was() -> None:
    model = load([PROPOSAL])
    before = set(model.graph)
    validate(model, rules=[RULES])
    assert set(model.graph) == before


def test_same_input_same_findings() -> None:
    first = validate(load([PROPOSAL]), rules=[RULES])
    second = validate(load([PROPOSAL]), rules=[RULES])
    assert first == second


def test_rules_reading_the_effective_date_follow_as_of() -> None:
    model = load([ENGINE / "dated" / "later-seat.ttl"])
    rules = [str(ENGINE / "dated" / "dated.ttl")]
    on_effective_date = validate(model, rules=rules)
    assert [f.rule for f in on_effective_date.findings] == ["T-SEAT-NOT-YET"]
    assert validate(model, as_of=dt.date(2023, 6, 1), rules=rules).findings == ()
    # and the model keeps its own effective date
    from govgraph.model import organization

    assert organization(model).date == dt.date(2022, 10, 1)


def test_a_decision_outside_the_bodys_tasks_points_at_the_decisions_line() -> None:
    from conftest import FIXTURES
    from govgraph import load
    from govgraph.validate import validate as run_rules

    fixture = FIXTURES / "rules" / "CORE-DECISION-COMPETENCE" / "fires.ttl"
    report = run_rules(load([fixture]))
    finding = next(f for f in report.findings if f.rule == "CORE-DECISION-COMPETENCE")
    line = next(n for n, text in enumerate(fixture.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("ex:decision-1 a gg:Decision"))
    assert str(finding.location) == f"{fixture}:{line}"
