"""Each metric on tiny hand-made models (tests/fixtures/compare/) whose answers are counted by hand."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from conftest import FIXTURES
from govgraph import load, organization
from govgraph.metrics import (
    METRICS, Metric, Text, bodies_in_force, finding_counts, measure, meeting_load, namer, parity, persons_with_several_seats,
    register, reporting_lines, representation, seats_by_side, task_coverage,
)
from govgraph.vocab import SIDE, TASK

EX = "https://example.org/tiny/"
DAY = dt.date(2023, 1, 1)


@pytest.fixture(scope="module")
def tiny():
    return organization(load([FIXTURES / "compare" / "tiny.ttl"]))


@pytest.fixture(scope="module")
def cycle():
    return organization(load([FIXTURES / "compare" / "cycle.ttl"]))


def test_bodies_in_force(tiny) -> None:
    assert bodies_in_force(tiny, DAY) == 4  # Top, Mid, Low, Loose; Old ended in 2022
    assert bodies_in_force(tiny, dt.date(2022, 6, 1)) == 5
    assert bodies_in_force(tiny, None) == 5


def test_seats_by_side(tiny) -> None:
    seats = seats_by_side(tiny, DAY)
    assert dict(seats.voting) == {SIDE.Region: 3, SIDE.Municipality: 6}  # R1 R2 R3; M1 area M2a M2b Low-M1 council
    assert dict(seats.observers) == {SIDE.Municipality: 1}
    assert seats.ad_hoc == 1  # the GP seat counts neither as voting nor observer
    rows = {f.key: f.value for f in seats.figures(namer(tiny))}
    assert rows["seats.voting"] == 9 and rows["seats.voting.Region"] == 3 and rows["seats.observers"] == 1


def test_parity_only_where_a_parity_rule_binds(tiny) -> None:
    # The tiny model's bodies are plain committees: no parity rule targets them, so no parity rows.
    assert parity(tiny, DAY).bodies == ()
    assert list(parity(tiny, DAY).figures(namer(tiny))) == []


def test_parity_per_political_body(tiny, monkeypatch) -> None:
    import govgraph.metrics_rules

    # As if a parity rule bound every political body (North Jutland's clusters: tests/test_metrics_rules.py).
    monkeypatch.setattr(govgraph.metrics_rules, "asks", lambda org, body, day, parameter: parameter == "paritySide")
    result = parity(tiny, DAY)
    got = {str(b.body).removeprefix(EX): (b.regional, b.municipal, b.holds) for b in result.bodies}
    assert got == {"top": (2, 2, True), "mid": (1, 2, False)}  # observers and ad hoc never count
    rows = {f.key: f.value for f in result.figures(namer(tiny))}
    assert rows["parity.holds"] == 1 and rows["parity.fails"] == 1
    assert rows["parity.mid"] == "1 : 2 ✗"


def test_representation_splits_a_cluster_seat(tiny) -> None:
    result = representation(tiny, DAY)
    shares = {str(m.municipality).removeprefix(EX): m for m in result.municipalities}
    # M1: Top-M1 + Low-M1 + 1/3 of the area seat; M2: Mid a + b + 1/3; M3: 1/3; M4: none.
    assert Fraction(shares["m1"].seats).limit_denominator(100) == Fraction(7, 3)
    assert Fraction(shares["m3"].seats).limit_denominator(100) == Fraction(1, 3)
    assert round(shares["m1"].per_seat) == 429 and round(shares["m2"].per_seat) == 1286
    assert round(shares["m3"].per_seat) == 1500
    assert shares["m4"].seats == 0 and shares["m4"].per_seat is None
    assert result.unrepresented == 1
    assert result.unattributed == 1  # Loose's seat for a council with no municipalities given
    assert result.ratio == 3.5  # 1500 / (3000/7)


def test_reporting_lines(tiny, cycle) -> None:
    lines = reporting_lines(tiny, DAY)
    assert lines.longest_chain == 3  # Low → Mid → Top
    assert [str(b).removeprefix(EX) for b in lines.unreached] == ["loose"]
    assert lines.on_cycles == ()
    looped = reporting_lines(cycle, None)
    assert looped.longest_chain is None
    assert sorted(str(b).rsplit("/", 1)[-1] for b in looped.on_cycles) == ["a", "b", "c"]
    rows = {f.key: f.value for f in looped.figures(namer(cycle))}
    assert rows["reporting.unreached"] is None  # no top body given: not measured


def test_tasks_held_and_doubled(tiny) -> None:
    tasks = task_coverage(tiny, DAY)
    assert set(tasks.held) == {TASK["local-direction"], TASK["input-agreement-and-funds"], TASK["follow-up-goals"]}
    # input-agreement-and-funds: Top and Mid, both area A. follow-up-goals: Mid (A) and Low (B): not doubled.
    assert [(t, len(b)) for t, b in tasks.doubled] == [(TASK["input-agreement-and-funds"], 2)]


def test_persons_with_several_seats(tiny, cycle) -> None:
    persons = persons_with_several_seats(tiny, DAY)
    assert persons.known == 2 and persons.several == (("Ann", 2),)  # Cy's terms ended in 2022
    earlier = persons_with_several_seats(tiny, dt.date(2022, 6, 1))
    assert earlier.known == 3 and earlier.several == (("Ann", 2), ("Cy", 2))
    unknown = {f.key: f.value for f in persons_with_several_seats(cycle, None).figures(namer(cycle))}
    assert unknown == {"persons.known": None, "persons.several": None}


def test_meeting_load(tiny, cycle) -> None:
    load_ = meeting_load(tiny, DAY)
    assert load_.seat_meetings == 5 * 4 + 1 * 6  # Top: 5 seats (ad hoc excluded); Low: 1 seat
    assert (load_.planned, load_.unplanned) == (2, 2)
    assert meeting_load(cycle, None).seat_meetings is None


def test_users_can_register_their_own_metric(tiny) -> None:
    before = list(METRICS)
    try:
        @register("chairs", da="formandsposter", en="chair offices")
        def chairs(org, day):
            return sum(len(s.offices) for b in org.on(day) for s in b.seats_on(day))

        values = dict((m.key, v) for m, v in measure(tiny))
        assert values["chairs"] == 1
        metric = METRICS[-1]
        assert metric.figures(1, namer(tiny))[0].label == Text("formandsposter", "chair offices")
        with pytest.raises(ValueError, match="'chairs' is already registered"):
            register("chairs", da="igen", en="again")(chairs)
    finally:
        METRICS[:] = before
    assert all(isinstance(m, Metric) for m in METRICS)


def test_findings_per_layer_and_severity(tiny) -> None:
    rules = [str(FIXTURES / "compare" / "rules.ttl")]
    counts = finding_counts(tiny, DAY, rules)
    assert (counts.total("violation"), counts.total("warning"), counts.total("info")) == (1, 1, 2)
    rows = {f.key: (f.label.en.strip(), f.value) for f in counts.figures(namer(tiny))}
    assert rows["findings.Law.violation"] == ("law: violations", 1)  # Loose names no area
    assert rows["findings.LocalDecision.warning"] == ("local decision: warnings", 1)  # Top's GP seat
    assert rows["findings.PoliticalAgreement.info"] == ("political agreement: info", 2)  # Mid, Loose
    # Layers in the order of their skos:notation: law (1), political agreement (2), local decision (3).
    assert [key for key, *_ in counts.counts] == ["Law", "PoliticalAgreement", "LocalDecision"]


def test_a_merged_regions_municipalities_count_for_its_successor_from_the_merger() -> None:
    """Region Østdanmark's municipalities are Hovedstaden's and Sjælland's on 2027 dates (the change event
    dk:change-2027-region-oestdanmark), though each municipality still names its old region."""
    from govgraph.metrics import municipalities_of
    from rdflib import URIRef

    org = organization(load([FIXTURES / "compare" / "oestdanmark-2027.ttl"]))
    dk = "https://w3id.org/govgraph/denmark/"
    east, capital = URIRef(dk + "region-oestdanmark"), URIRef(dk + "region-hovedstaden")
    day = dt.date(2027, 1, 1)
    result = representation(org, day)
    served = {str(m.municipality).removeprefix(dk) for m in result.municipalities}
    assert len(served) == 46 and {"koebenhavn", "bornholm", "roskilde", "lolland"} <= served  # 29 + 17
    assert result.unrepresented == 44 and result.ratio is not None
    assert len(municipalities_of(org, east, day)) == len(municipalities_of(org, east)) == 46  # no day: every merger
    assert municipalities_of(org, east, dt.date(2026, 12, 31)) == ()  # before the merger it has none
    assert len(municipalities_of(org, capital, day)) == 29  # an ended region keeps its own
