"""The typed view: memberships over time, labels, scenario bodies."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES
from govgraph import load, organization


def test_member_during_decides_who_holds_a_seat_on_a_day() -> None:
    org = organization(load([FIXTURES / "model" / "member-during.ttl"]))
    board = org.bodies[0]
    seat = next(s for s in board.seats if org.label(s.iri) == "Seat")
    assert [p.name for p in board.holders_on(seat, dt.date(2020, 6, 1))] == ["Anne Andersen"]
    assert [p.name for p in board.holders_on(seat, dt.date(2022, 3, 1))] == ["Bo Berg"]
    assert [p.name for p in board.holders_on(seat, None)] == ["Anne Andersen", "Bo Berg"]


def test_info_counts_vacancies_on_the_scenario_date(run) -> None:
    result = run("info", FIXTURES / "model" / "member-during.ttl")
    assert "seats: 2 (voting 2, observers 0, without a recorded holder 1)" in result.stdout
    assert "members: 1" in result.stdout


def test_labels_fall_back_across_languages_and_never_show_iris() -> None:
    org = organization(load([FIXTURES / "model" / "member-during.ttl"]))
    assert org.label(org.bodies[0].iri, "da") == "Bestyrelse"
    assert org.label(org.bodies[0].iri, "en") == "Board"
    assert org.label(org.scenario.status) == "—"
