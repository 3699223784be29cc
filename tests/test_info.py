"""``govgraph info`` on the three North Jutland eras prints the right counts."""

from __future__ import annotations

import json

import pytest

from conftest import SCENARIOS
from govgraph import load, organization
from govgraph.info import summarize

ERAS = ["2021", "2022", "2027"]


def _body(summary, label):
    return next(b for b in summary.bodies if b.label == label)


def test_2022_cooperation_committee_counts() -> None:
    summary = summarize(organization(load([SCENARIOS / "nordjylland-2022.ttl"])), lang="da")
    ssu = _body(summary, "Sundhedssamarbejdsudvalget")
    assert ssu.seats == 10
    assert dict(ssu.by_side) == {"region": 4, "kommune": 4, "almen praksis": 2}
    assert dict(ssu.by_role)["regionsrådsformand"] == 1
    assert dict(ssu.by_role)["rådmand"] == 1
    assert any(c.startswith("formand:") for c in ssu.chair)
    assert any(c.startswith("næstformand:") for c in ssu.chair)


def test_2021_politisk_klynge_vest_roster() -> None:
    summary = summarize(organization(load([SCENARIOS / "nordjylland-2021.ttl"])), lang="da")
    vest = _body(summary, "Politisk Klynge Vest")
    constituencies = dict(vest.by_constituency)
    assert constituencies["Thisted Kommune"] == 4
    assert constituencies["Morsø Kommune"] == 4
    assert constituencies["Region Nordjylland"] == 4
    assert constituencies["Patientinddragelsesudvalget"] == 1
    assert vest.ad_hoc == 1  # PLO by agenda
    assert vest.without_holder == 0  # the whole roster is known from minute 001


def test_2027_health_councils() -> None:
    summary = summarize(organization(load([SCENARIOS / "nordjylland-2027.ttl"])), lang="en")
    councils = {b.label: b for b in summary.bodies if b.kind == "health council"}
    assert len(councils) == 2
    sizes = sorted((dict(b.by_side)["region"], dict(b.by_side)["municipality"]) for b in councils.values())
    assert sizes == [(5, 4), (9, 8)]


def test_as_of_excludes_bodies_not_yet_in_force() -> None:
    org = organization(load([SCENARIOS / "nordjylland-2022.ttl"]))
    import datetime as dt

    in_august = summarize(org, dt.date(2022, 8, 15))
    started = [b.label for b in in_august.bodies if b.in_force]
    assert started == ["Health Cooperation Committee"]


@pytest.mark.parametrize("era", ERAS)
def test_info_text_golden(run, golden, era: str) -> None:
    result = run("info", SCENARIOS / f"nordjylland-{era}.ttl", "--lang", "da")
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, f"info/nordjylland-{era}.da.txt")


def test_info_json_is_stable(run) -> None:
    first = run("info", SCENARIOS / "nordjylland-2022.ttl", "--format", "json")
    second = run("info", SCENARIOS / "nordjylland-2022.ttl", "--format", "json")
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["date"] == "2022-10-01"
    assert len(data["bodies"]) == 9


def test_bad_as_of_date(run) -> None:
    result = run("info", SCENARIOS / "nordjylland-2022.ttl", "--as-of", "2022-13-01")
    assert result.exit_code == 2
    assert "not a date" in result.stderr and "1.10.2022 or 2022-10-01" in result.stderr
