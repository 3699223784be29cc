"""Property tests of diff on generated small models: diff(a, a) is empty; diff(a, b) mirrors diff(b, a).

Models are built in memory as rdflib graphs from hypothesis strategies (bodies from a small pool of
IRIs, so identity pairs, renames and change events all occur), on top of the bundled ontology.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, XSD

from govgraph.diff import ABOLISHED, ADDED, diff
from govgraph.load import Model
from govgraph.model import organization
from govgraph.vocab import GG, ROLE, SIDE, TASK

EX = "https://example.org/generated/"
BODIES = [URIRef(f"{EX}body-{i}") for i in range(6)]
EVENTS = [URIRef(f"{EX}event-{i}") for i in range(3)]
TASKS = [TASK[t] for t in ("prepare-health-agreement", "local-direction", "population-responsibility", "local-health-policy")]
ROLES = [ROLE.RegionalCouncilMember, ROLE.RegionalCouncilChair, ROLE.Mayor, ROLE.Director]
SIDES = [SIDE.Region, SIDE.Municipality, SIDE.GeneralPractice]
LABELS = ["Udvalg", "Forum", "Klynge", "Råd"]
DAY0 = dt.date(2022, 1, 1)

seat = st.tuples(st.sampled_from(ROLES), st.sampled_from(SIDES), st.booleans(), st.booleans())
body = st.fixed_dictionaries({
    "label": st.sampled_from(LABELS),
    "seats": st.lists(seat, max_size=4),
    "tasks": st.sets(st.sampled_from(TASKS), max_size=3),
    "reports_to": st.sets(st.sampled_from(BODIES), max_size=1),
    "dates": st.one_of(st.none(), st.tuples(st.integers(0, 400), st.integers(0, 400)).map(sorted)),
})
model = st.fixed_dictionaries({
    "bodies": st.dictionaries(st.sampled_from(BODIES), body, max_size=4),
    "events": st.dictionaries(st.sampled_from(EVENTS),
                              st.tuples(st.sets(st.sampled_from(BODIES), min_size=1, max_size=2),
                                        st.sets(st.sampled_from(BODIES), min_size=1, max_size=2)), max_size=2),
})


def build(spec: dict, name: str):
    """A Model whose user graph holds the generated bodies, seats and change events."""
    user = Graph()
    for iri, b in spec["bodies"].items():
        user.add((iri, RDF.type, GG.Committee))
        user.add((iri, RDFS.label, Literal(f"{b['label']} {str(iri)[-1]}", lang="da")))
        for task in b["tasks"]:
            user.add((iri, GG.hasTask, task))
        for target in b["reports_to"]:
            user.add((iri, ORG.reportsTo, target))
        if b["dates"] is not None:
            start, end = b["dates"]
            user.add((iri, GG.validFrom, Literal(DAY0 + dt.timedelta(days=start), datatype=XSD.date)))
            user.add((iri, GG.validUntil, Literal(DAY0 + dt.timedelta(days=end), datatype=XSD.date)))
        for n, (role, side, voting, ad_hoc) in enumerate(b["seats"]):
            s = URIRef(f"{iri}-{name}-seat-{n}")
            user.add((s, RDF.type, GG.Seat))
            user.add((s, ORG.postIn, iri))
            user.add((s, ORG.role, role))
            user.add((s, GG.side, side))
            user.add((s, GG.votingRight, Literal(voting)))
            user.add((s, GG.adHoc, Literal(ad_hoc)))
    for event, (olds, news) in spec["events"].items():
        user.add((event, RDF.type, ORG.ChangeEvent))
        for o in olds:
            user.add((event, ORG.originalOrganization, o))
        for n in news:
            user.add((event, ORG.resultingOrganization, n))
    graph = Graph()
    graph += user
    # The one fact of the ontology the model stage needs here (copying all of it makes each example slow).
    graph.add((GG.Committee, RDFS.subClassOf, GG.Body))
    return organization(Model(graph=graph, user=user, files=()))


SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(model)
def test_diff_of_a_model_with_itself_is_empty(spec):
    a = build(spec, "a")
    result = diff(a, a)
    assert result.empty
    assert all(c.old == c.new or c.events for c in result.changes)
    assert all(not c.tasks_added and not c.tasks_dropped and c.seats[0] == c.seats[1] for c in result.changes)


def _facts(change, swap: bool):
    """The mirrored facts of a pair: with ``swap``, old ↔ new and before ↔ after."""
    def pair(x):
        return (x[1], x[0]) if swap else x

    def counts(items):
        return tuple(sorted((str(k), *pair((b, a))) for k, b, a in items))

    status = {ADDED: ABOLISHED, ABOLISHED: ADDED}.get(change.status, change.status) if swap else change.status
    old, new = (change.new, change.old) if swap else (change.old, change.new)
    added, dropped = (change.tasks_dropped, change.tasks_added) if swap else (change.tasks_added, change.tasks_dropped)
    return (old, new, status, change.renamed, pair(change.seats), pair(change.voting), pair(change.observers),
            pair(change.ad_hoc), counts(change.by_side), counts(change.by_role), counts(change.offices),
            change.tasks_kept, added, dropped, pair(change.reports_to), change.reporting_changed)


@SETTINGS
@given(model, model)
def test_diff_mirrors_its_reverse(spec_a, spec_b):
    a, b = build(spec_a, "a"), build(spec_b, "b")
    forward, backward = diff(a, b), diff(b, a)
    assert sorted(map(repr, (_facts(c, False) for c in forward.changes))) == \
        sorted(map(repr, (_facts(c, True) for c in backward.changes)))
    assert len(forward.of_status(ADDED)) == len(backward.of_status(ABOLISHED))


@SETTINGS
@given(model, model)
def test_every_body_is_in_a_pair_and_moves_point_at_holders(spec_a, spec_b):
    a, b = build(spec_a, "a"), build(spec_b, "b")
    result = diff(a, b)
    assert {i for c in result.changes for i in c.old} == set(a.by_iri)
    assert {i for c in result.changes for i in c.new} == set(b.by_iri)
    for change in result.changes:
        for move in change.tasks_moved:
            assert move.task in change.tasks_dropped
            assert move.to and all(move.task in b.by_iri[t].tasks and t not in change.new for t in move.to)


@settings(max_examples=200, deadline=None)
@given(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted),
       st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 60)), st.one_of(st.none(), st.integers(0, 60))), max_size=4))
def test_uncovered_stretches_agree_with_counting_day_by_day(window, spans):
    from govgraph.diff import _uncovered
    from govgraph.model import Body

    def day(n):
        return None if n is None else DAY0 + dt.timedelta(days=n)

    bodies = [Body(URIRef(f"{EX}b{i}"), GG.Committee, None, None, (), (), (), (), day(a), day(b))
              for i, (a, b) in enumerate(spans)]
    first, last = day(window[0]), day(window[1])
    got = {s + dt.timedelta(days=n) for s, e in _uncovered(first, last, bodies)
           for n in range((e - s).days + 1)}
    want = {d for d in (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
            if not any(b.valid_on(d) for b in bodies)}
    assert got == want
