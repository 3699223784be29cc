"""``diff --focus`` keeps to the bodies a proposal is about; seat totals mean the same in info, draw and diff."""

from __future__ import annotations

import pytest

from conftest import SCENARIOS
from govgraph.diff import diff
from govgraph.focus import focused
from govgraph.info import summarize
from govgraph.load import load
from govgraph.model import organization
from govgraph.render.chart import scope
from govgraph.render.chart.boxes import boxes

ERA_2021 = SCENARIOS / "nordjylland-2021.ttl"
MIDT_2022 = SCENARIOS / "klynge-midt-2022-0-as-constituted.ttl"


@pytest.fixture(scope="module")
def orgs():
    return organization(load([ERA_2021])), organization(load([MIDT_2022]))


def test_without_focus_a_one_cluster_proposal_abolishes_the_whole_era(orgs):
    old, new = orgs
    abolished = {old.label(i) for c in diff(old, new).of_status("abolished") for i in c.old}
    assert any("Nord" in name for name in abolished) and any("Midt" in name for name in abolished)


def test_focus_on_an_area_keeps_its_bodies_only(orgs):
    old, new = orgs
    result = focused(diff(old, new), old, new, "Klynge Midt")
    names = {org.label(i) for c in result.changes for org, ids in ((old, c.old), (new, c.new)) for i in ids}
    assert names and all("Midt" in name for name in names), names
    assert {c.status for c in result.changes} >= {"abolished", "added"}


def test_focus_on_a_body_by_danish_label(orgs):
    old, new = orgs
    result = focused(diff(old, new), old, new, "Politisk Sundhedsklynge Midt")
    assert [new.label(i) for c in result.changes for i in c.new] == ["Political Health Cluster Midt"]


def test_diff_cli_focus_and_an_unknown_name(run):
    kept = run("diff", ERA_2021, MIDT_2022, "--focus", "Klynge Midt")
    assert kept.exit_code == 0 and "Klynge Nord" not in kept.stdout and "Politisk Klynge Midt" in kept.stdout
    wrong = run("diff", ERA_2021, MIDT_2022, "--focus", "Klynge Mid", "--lang", "da")
    assert wrong.exit_code == 2 and "mente du 'Klynge Midt'" in wrong.stderr


def test_report_focus_keeps_the_old_new_table_to_the_cluster(run, tmp_path):
    out = tmp_path / "paper.html"
    result = run("report", MIDT_2022, "--baseline", ERA_2021, "--focus", "Klynge Midt", "-o", out)
    assert result.exit_code == 0, result.stderr
    table = out.read_text(encoding="utf-8").split("id=\"old-new-table\"")[1].split("</table>")[0]
    assert "Politisk Klynge Midt" in table and "Klynge Nord" not in table


@pytest.mark.parametrize("era", ["nordjylland-2021", "nordjylland-2022", "nordjylland-2027"])
def test_seat_totals_mean_the_same_in_info_draw_and_diff(era):
    org = organization(load([SCENARIOS / f"{era}.ttl"]))
    day = org.date
    info = {b.iri: b.seats for b in summarize(org, day).bodies if b.in_force}
    chart = {str(iri): box.seat_count for iri, box in boxes(scope(org, day), "en").items()}
    same = diff(org, org, old_day=day, new_day=day)
    changes = {str(c.new[0]): c.seats[1] for c in same.changes}
    assert info == chart == {k: v for k, v in changes.items() if k in info}
    if era == "nordjylland-2021":  # its political clusters seat PLO ad hoc: counted apart everywhere
        assert any(b.ad_hoc for b in summarize(org, day).bodies)


def test_report_keeps_a_one_cluster_proposal_to_its_cluster_by_itself(run, tmp_path):
    out = tmp_path / "paper.html"
    result = run("report", MIDT_2022, "--baseline", ERA_2021, "-o", out, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    table = page.split("id=\"old-new-table\"")[1].split("</table>")[0]
    assert "(kun Klynge Midt)</caption>" in table and "<strong>Politisk Klynge Midt</strong>" in table
    assert "Klynge Nord" not in table and "<strong>Sundhedskoordinationsudvalget</strong>" not in table


def test_a_region_wide_model_is_compared_whole(orgs):
    from govgraph.focus import proposal_areas

    old, new = orgs
    assert proposal_areas(new) != () and proposal_areas(old) == ()
    region_2022 = organization(load([SCENARIOS / "nordjylland-2022.ttl"]))
    assert proposal_areas(region_2022) == ()
