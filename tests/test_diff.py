"""The diff library: pairing, per-pair facts, transition gaps; on small fixtures and on the three North Jutland eras."""

from __future__ import annotations

import datetime as dt
from functools import cache

from rdflib import URIRef

from govgraph.diff import ABOLISHED, ADDED, CHANGED, RENAMED, UNCHANGED, diff
from govgraph.load import load
from govgraph.model import Organization, organization
from govgraph.vocab import NJ, OFFICE, SIDE, TASK

from conftest import FIXTURES, SCENARIOS

EX = "https://example.org/diff/"


@cache
def org(path: str) -> Organization:
    return organization(load([path]))


def fixture(name: str) -> Organization:
    return org(str(FIXTURES / "diff" / name))


def era(year: int) -> Organization:
    return org(str(SCENARIOS / f"nordjylland-{year}.ttl"))


def by_old(result, *iris: str):
    wanted = tuple(URIRef(EX + i) for i in iris)
    return next(c for c in result.changes if c.old == wanted)


def test_fixture_pairs_by_event_then_identity():
    result = diff(fixture("old.ttl"), fixture("new.ttl"))
    pairs = {(tuple(str(i)[len(EX):] for i in c.old), tuple(str(i)[len(EX):] for i in c.new), c.status)
             for c in result.changes}
    assert pairs == {
        (("committee-a",), ("committee-a2",), CHANGED),
        (("forum-b",), ("forum-b1", "forum-b2"), CHANGED),  # a split: one event, two results
        (("group-c",), (), ABOLISHED),
        ((), ("forum-f",), ADDED),
        (("forum-d",), ("forum-d",), RENAMED),  # same IRI, new label: a rename, not delete + add
        (("forum-e",), ("forum-e",), UNCHANGED),
    }
    assert not result.empty


def test_fixture_pair_facts():
    change = by_old(diff(fixture("old.ttl"), fixture("new.ttl")), "committee-a")
    assert change.renamed
    assert change.events == (URIRef(EX + "change-a"),)
    assert change.seats == (4, 5) and change.voting == (4, 4) and change.observers == (0, 1)
    assert dict((k, (b, a)) for k, b, a in change.by_side) == {SIDE.Municipality: (2, 3), SIDE.Region: (2, 2)}
    assert dict((k, (b, a)) for k, b, a in change.offices) == {OFFICE.Chair: (0, 1), OFFICE.DeputyChair: (0, 1)}
    assert change.tasks_kept == (TASK["prepare-health-agreement"],)
    assert change.tasks_added == (TASK["direction-for-clusters"],)
    assert change.tasks_dropped == (TASK["health-agreement-status"],)
    # The dropped task is held by a new body outside the pair: moved there.
    assert [(m.task, m.to) for m in change.tasks_moved] == [(TASK["health-agreement-status"], (URIRef(EX + "forum-f"),))]
    # Forum B reported to A and B1/B2 report to A2, A's successor: not a change of reporting line.
    assert not by_old(diff(fixture("old.ttl"), fixture("new.ttl")), "forum-b").reporting_changed


def test_fixture_gaps():
    gaps = {(str(g.task).rsplit("/", 1)[-1], g.start, g.end) for g in diff(fixture("old.ttl"), fixture("new.ttl")).gaps}
    assert gaps == {
        ("prepare-health-agreement", dt.date(2022, 7, 1), dt.date(2022, 7, 31)),  # A ends 30 June, A2 starts 1 August
        ("local-health-policy", dt.date(2022, 7, 1), dt.date(2022, 8, 31)),  # B2 starts 1 September, B1 1 October
    }  # health-agreement-status has no gap: Forum F holds it from 1 July


def test_same_model_is_empty():
    for model in (fixture("old.ttl"), era(2021), era(2022), era(2027)):
        result = diff(model, model)
        assert result.empty and not result.gaps
        assert {c.status for c in result.changes} == {UNCHANGED}


def test_2021_to_2022_pairs_every_old_body_with_its_successor():
    result = diff(era(2021), era(2022))
    pairs = {(c.old, c.new) for c in result.changes if c.old and c.new}
    expected = {((NJ.sundhedskoordinationsudvalget,), (NJ.sundhedssamarbejdsudvalget,))}
    for cluster in ("nord", "midt", "syd", "vest"):
        expected.add(((NJ[f"politisk-klynge-{cluster}"],), (NJ[f"politisk-sundhedsklynge-{cluster}"],)))
        expected.add(((NJ[f"klyngestyregruppe-{cluster}"],), (NJ[f"administrativ-sundhedsklynge-{cluster}"],)))
    assert pairs == expected
    assert {c.old for c in result.of_status(ABOLISHED)} == {
        (NJ["strategisk-sundhedsforum"],), (NJ["driftsforum-klynge-vest"],), (NJ["driftsforum-voksensomatik-vest"],)}
    assert not result.of_status(ADDED)


def test_2022_to_2027_clusters_and_committee_give_way_to_two_health_councils():
    result = diff(era(2022), era(2027))
    councils = {c.new: set(c.old) for c in result.changes if c.old and c.new}
    clusters = {NJ[f"{level}-sundhedsklynge-{c}"] for level in ("politisk", "administrativ") for c in ("midt", "syd", "vest")}
    assert councils == {
        (NJ["sundhedsraad-vendsyssel"],): {NJ.sundhedssamarbejdsudvalget, NJ["politisk-sundhedsklynge-nord"],
                                           NJ["administrativ-sundhedsklynge-nord"]},
        (NJ["sundhedsraad-limfjorden"],): {NJ.sundhedssamarbejdsudvalget, *clusters},
    }
    assert all(c.status == CHANGED for c in result.changes if c.old and c.new)


def test_2022_transition_gaps_july_to_august_and_july_to_october():
    gaps = diff(era(2021), era(2022)).gaps
    committee = {g.task for g in gaps if g.old == (NJ.sundhedskoordinationsudvalget,)}
    assert TASK["prepare-health-agreement"] in committee
    assert {(g.start, g.end) for g in gaps if g.old == (NJ.sundhedskoordinationsudvalget,)} == {
        (dt.date(2022, 7, 1), dt.date(2022, 7, 31))}  # the committee starts in August
    clusters = {(g.start, g.end) for g in gaps if g.old[0] != NJ.sundhedskoordinationsudvalget}
    assert clusters == {(dt.date(2022, 7, 1), dt.date(2022, 9, 30))}  # the clusters start in October
    assert TASK["local-health-policy"] in {g.task for g in gaps}


def test_as_of_keeps_only_bodies_in_force():
    # On 1 September 2022 only the cooperation committee of the new structure is in force.
    result = diff(era(2021), era(2022), old_day=dt.date(2022, 6, 30), new_day=dt.date(2022, 9, 1))
    assert {c.new for c in result.changes if c.new} == {(NJ.sundhedssamarbejdsudvalget,)}
    assert (NJ["politisk-klynge-vest"],) in {c.old for c in result.of_status(ABOLISHED)}


def test_reverse_mirrors_real_eras():
    forward, backward = diff(era(2021), era(2022)), diff(era(2022), era(2021))
    assert {(c.old, c.new, c.status) for c in forward.changes} == {
        (c.new, c.old, {ADDED: ABOLISHED, ABOLISHED: ADDED}.get(c.status, c.status)) for c in backward.changes}
