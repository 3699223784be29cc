"""Model stage: typed, sorted views of bodies, seats, memberships and tasks.

Every other stage (check, render, diff, compare) reads the organization
through these frozen records instead of walking triples itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from .errors import InputError
from .load import Model
from .vocab import GG, ROLE

LANGS = ("da", "en")


@dataclass(frozen=True, order=True)
class Task:
    iri: URIRef
    level: URIRef | None = None


@dataclass(frozen=True, order=True)
class Person:
    iri: Node
    name: str


def by_name(people: Iterable[Person]) -> tuple[Person, ...]:
    """People in name order (then IRI): a blank node's label is no order a reader would know."""
    return tuple(sorted(people, key=lambda p: (p.name, str(p.iri))))


@dataclass(frozen=True, order=True)
class Membership:
    iri: Node
    person: Person
    body: URIRef
    role: URIRef | None
    seat: URIRef | None
    attested_on: dt.date | None = None
    present: bool | None = None
    start: dt.date | None = None  # org:memberDuring's beginning
    end: dt.date | None = None  # org:memberDuring's end

    def valid_on(self, day: dt.date | None) -> bool:
        return _valid(self.start, self.end, day)


@dataclass(frozen=True, order=True)
class Seat:
    iri: URIRef
    body: URIRef
    role: URIRef | None
    side: URIRef | None
    represents: URIRef | None
    voting: bool
    ad_hoc: bool
    offices: tuple[URIRef, ...] = ()
    appointed_by: tuple[URIRef, ...] = ()
    approved_by: tuple[URIRef, ...] = ()
    qualifications: tuple[URIRef, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    holders: tuple[Person, ...] = ()

    @property
    def vacant(self) -> bool:
        """No holder is recorded for this seat."""
        return not self.holders

    def valid_on(self, day: dt.date | None) -> bool:
        return _valid(self.valid_from, self.valid_until, day)


@dataclass(frozen=True, order=True)
class Body:
    iri: URIRef
    kind: URIRef
    level: URIRef | None
    area: URIRef | None
    seats: tuple[Seat, ...]
    tasks: tuple[URIRef, ...]
    reports_to: tuple[URIRef, ...]
    advises: tuple[URIRef, ...]
    valid_from: dt.date | None
    valid_until: dt.date | None
    memberships: tuple[Membership, ...] = ()
    meetings_per_year: int | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        return _valid(self.valid_from, self.valid_until, day)

    def seats_on(self, day: dt.date | None) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.valid_on(day))

    def permanent_seats_on(self, day: dt.date | None) -> list[Seat]:
        """The seats in force on the day that are not ad hoc: what every seat total counts (info, draw, diff)."""
        return [s for s in self.seats_on(day) if not s.ad_hoc]

    def holders_on(self, seat: Seat, day: dt.date | None) -> tuple[Person, ...]:
        """Who holds the seat on the day (memberships whose org:memberDuring covers it)."""
        return by_name({m.person for m in self.memberships if m.seat == seat.iri and m.valid_on(day)})


@dataclass(frozen=True)
class Scenario:
    iri: URIRef | None
    status: URIRef | None
    effective_date: dt.date | None
    top_body: URIRef | None


def _valid(start: dt.date | None, end: dt.date | None, day: dt.date | None) -> bool:
    if day is None:
        return True
    return (start is None or start <= day) and (end is None or day <= end)


def _date(value: Node | None) -> dt.date | None:
    if isinstance(value, Literal) and isinstance(value.value, dt.date):
        return value.value if not isinstance(value.value, dt.datetime) else value.value.date()
    return None


def _interval(graph: Graph, interval: Node | None) -> tuple[dt.date | None, dt.date | None]:
    """Beginning and end of a W3C Time interval (time:hasBeginning/time:hasEnd → time:inXSDDate)."""
    if interval is None:
        return None, None

    def instant(prop: URIRef) -> dt.date | None:
        node = _one(graph, interval, prop)
        if node is None:
            return None
        return _date(_one(graph, node, TIME.inXSDDate)) or _date(_one(graph, node, TIME.inXSDDateTime))

    return instant(TIME.hasBeginning), instant(TIME.hasEnd)


@dataclass
class Organization:
    """The organization a model describes: its scenario and its bodies, sorted by IRI."""

    model: Model
    scenario: Scenario
    bodies: tuple[Body, ...]
    _labels: dict[tuple[Node, str], str] = field(default_factory=dict, repr=False)

    @property
    def graph(self) -> Graph:
        """The model's triples, read from its store (an rdflib-like view; ``model.graph`` is the full rdflib graph)."""
        return self.model.view  # type: ignore[return-value]

    @cached_property
    def by_iri(self) -> dict[URIRef, Body]:
        return {b.iri: b for b in self.bodies}

    def on(self, day: dt.date | None) -> tuple[Body, ...]:
        """Bodies in force on a day (all bodies when ``day`` is None)."""
        return tuple(b for b in self.bodies if b.valid_on(day))

    @property
    def date(self) -> dt.date | None:
        return self.scenario.effective_date

    def label(self, node: Node | None, lang: str = "en") -> str:
        """A human label: rdfs:label / skos:prefLabel / foaf:name in ``lang``, never a bare IRI."""
        if node is None:
            return "—"
        key = (node, lang)
        if key not in self._labels:
            self._labels[key] = label(self.graph, node, lang)
        return self._labels[key]

    def persons(self) -> tuple[Person, ...]:
        people = {m.person for b in self.bodies for m in b.memberships}
        return by_name(people)

    def tasks(self) -> tuple[URIRef, ...]:
        return tuple(sorted({t for b in self.bodies for t in b.tasks}, key=str))


_LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)


def label(graph: Graph, node: Node, lang: str = "en") -> str:
    """Best label of a node in ``lang``: the other language, then an untagged one, then the IRI's local name."""
    if isinstance(node, Literal):
        return str(node)
    literals = getattr(graph, "literals", None)  # a store view reads the four properties in one step
    if literals is not None:
        candidates = literals(node, _LABELS)
    else:
        candidates = [o for prop in _LABELS for o in graph.objects(node, prop) if isinstance(o, Literal)]
    if candidates:
        for want in (lang, *[x for x in LANGS if x != lang], None, ""):
            picked = sorted(str(c) for c in candidates if (c.language or None) == (want or None))
            if picked:
                return picked[0]
        return sorted(str(c) for c in candidates)[0]
    text = str(node)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[-1]
            break
    return text


def subclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """``cls`` and every class below it (rdfs:subClassOf*)."""
    found = {cls}
    frontier = [cls]
    while frontier:
        current = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, current):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def body_kind(graph: Graph, node: URIRef, body_classes: set[URIRef]) -> URIRef:
    """The most specific body class of a node (the one with the longest subclass chain)."""
    kinds = [t for t in graph.objects(node, RDF.type) if t in body_classes]

    def depth(c: URIRef) -> int:
        d, seen = 0, {c}
        current = c
        while True:
            parents = [p for p in graph.objects(current, RDFS.subClassOf) if p in body_classes and p not in seen]
            if not parents:
                return d
            current = sorted(parents, key=str)[0]
            seen.add(current)
            d += 1

    return sorted(kinds, key=lambda c: (-depth(c), str(c)))[0]


def has_vote(voting_right: object, role: object) -> bool:
    """Whether a seat has a vote: not ``gg:votingRight false`` and not ``role:Observer``.

    The same test every counting constraint component of ``shapes/components.ttl`` makes (a seat
    without gg:votingRight has a vote; an observer never counts); tests/test_counting.py holds the
    two to each other: every component that reads gg:votingRight also excludes role:Observer, and
    ``compare``'s parity equals the parity rule's on every fixture.
    """
    return not (isinstance(voting_right, Literal) and voting_right.value is False) and role != ROLE.Observer


def _one(graph: Graph, s: Node, p: URIRef) -> Node | None:
    values = sorted(graph.objects(s, p), key=str)
    return values[0] if values else None


def _all(graph: Graph, s: Node, p: URIRef) -> tuple[URIRef, ...]:
    return tuple(sorted((o for o in graph.objects(s, p) if isinstance(o, URIRef)), key=str))


def scenario_body_iris(model: Model) -> list[URIRef]:
    """Bodies of the model's scenario: gg:includesBody, else every body typed in the user's files."""
    graph = model.view
    body_classes = subclasses(graph, GG.Body)
    listed = sorted({b for s in model.user_view.subjects(RDF.type, GG.Scenario)
                     for b in graph.objects(s, GG.includesBody) if isinstance(b, URIRef)}, key=str)
    if listed:
        return listed
    typed = {s for c in body_classes for s in model.user_view.subjects(RDF.type, c) if isinstance(s, URIRef)}
    return sorted(typed, key=str)


def _scenario(model: Model) -> Scenario:
    scenarios = sorted(model.user_view.subjects(RDF.type, GG.Scenario), key=str)
    if len(scenarios) > 1:
        names = ", ".join(label(model.view, s) for s in scenarios)
        where = model.locate(scenarios[1]) or model.files[0]
        raise InputError(where, f"more than one scenario in one model ({names})",
                         "give each scenario its own file and load them separately",
                         f"mere end ét scenarie i én model ({names})",
                         "giv hvert scenarie sin egen fil, og indlæs dem hver for sig")
    if not scenarios:
        return Scenario(None, None, None, None)
    s = scenarios[0]
    g = model.view
    top = _one(g, s, GG.topBody)
    status = _one(g, s, GG.status)
    return Scenario(s if isinstance(s, URIRef) else None, status if isinstance(status, URIRef) else None,
                    _date(_one(g, s, GG.effectiveDate)), top if isinstance(top, URIRef) else None)


class _Index:
    """Subject → objects of a few properties, read in one pass per property.

    Building the organization asks every seat and body for a dozen properties; asking rdflib
    once per node and property cost 0.75 s at 100k triples (222,000 lookups). One pass per
    property gives the same values: ``one`` and ``all`` pick and sort as :func:`_one` and
    :func:`_all` do."""

    def __init__(self, graph: Graph, properties: Iterable[URIRef]) -> None:
        self.values: dict[URIRef, dict[Node, list[Node]]] = {}
        for prop in properties:
            table: dict[Node, list[Node]] = {}
            for s, o in graph.subject_objects(prop):
                table.setdefault(s, []).append(o)
            self.values[prop] = table

    def one(self, s: Node, p: URIRef) -> Node | None:
        values = self.values[p].get(s)
        return sorted(values, key=str)[0] if values else None

    def all(self, s: Node, p: URIRef) -> tuple[URIRef, ...]:
        return tuple(sorted((o for o in self.values[p].get(s, ()) if isinstance(o, URIRef)), key=str))


_SEAT_PROPERTIES = (GG.votingRight, GG.adHoc, ORG.role, GG.side, GG.represents, GG.office, GG.appointedBy,
                    GG.approvedBy, GG.requiresQualification, GG.validFrom, GG.validUntil)
_BODY_PROPERTIES = (GG.level, GG.area, GG.meetingsPerYear, GG.hasTask, ORG.reportsTo, GG.advises)
_MEMBERSHIP_PROPERTIES = (ORG.member, ORG.organization, GG.present, GG.seat, GG.attestedOn, ORG.memberDuring)


def outline(model: Model) -> Organization:
    """The scenario and its bodies with their kinds and dates, without seats, memberships or tasks:
    what a validation needs to know which bodies are in scope on a day (building every seat and
    membership of a million-triple model costs seconds that validate does not need)."""
    g = model.view
    body_classes = subclasses(g, GG.Body)
    bodies = [_body(g, iri, body_classes, lambda s, p: _one(g, s, p), seats=(), tasks=(), reports_to=(), advises=())
              for iri in _scenario_bodies(model, g, body_classes)]
    return Organization(model=model, scenario=_scenario(model), bodies=tuple(bodies))


def _scenario_bodies(model: Model, g: Graph, body_classes: set[URIRef]) -> list[URIRef]:
    """The bodies of the scenario (:func:`scenario_body_iris`) that are typed as a body."""
    return [iri for iri in scenario_body_iris(model) if any(t in body_classes for t in g.objects(iri, RDF.type))]


def _body(g: Graph, iri: URIRef, body_classes: set[URIRef], one: Callable[[Node, URIRef], Node | None],
          **rest: Any) -> Body:
    """A body with what the outline and the organization both read of it (kind, level, area, dates);
    ``one`` reads one value of a property, ``rest`` are the other fields."""
    level, area = one(iri, GG.level), one(iri, GG.area)
    return Body(iri=iri, kind=body_kind(g, iri, body_classes),
                level=level if isinstance(level, URIRef) else None, area=area if isinstance(area, URIRef) else None,
                valid_from=_date(one(iri, GG.validFrom)), valid_until=_date(one(iri, GG.validUntil)), **rest)


def organization(model: Model) -> Organization:
    """Build the typed view of a loaded model (read from its store)."""
    g = model.view
    body_classes = subclasses(g, GG.Body)
    index = _Index(g, {*_SEAT_PROPERTIES, *_BODY_PROPERTIES, *_MEMBERSHIP_PROPERTIES, ORG.role})
    seats_of: dict[Node, list[URIRef]] = {}
    for s, body in g.subject_objects(ORG.postIn):
        if isinstance(s, URIRef):
            seats_of.setdefault(body, []).append(s)
    memberships_by_body: dict[URIRef, list[Membership]] = {}
    for m in sorted(g.subjects(RDF.type, ORG.Membership), key=str):
        member, body = index.one(m, ORG.member), index.one(m, ORG.organization)
        if member is None or not isinstance(body, URIRef):
            continue
        name = label(g, member)
        present = index.one(m, GG.present)
        seat = index.one(m, GG.seat)
        role = index.one(m, ORG.role)
        start, end = _interval(g, index.one(m, ORG.memberDuring))
        memberships_by_body.setdefault(body, []).append(Membership(
            iri=m, person=Person(member, name), body=body,
            role=role if isinstance(role, URIRef) else None,
            seat=seat if isinstance(seat, URIRef) else None,
            attested_on=_date(index.one(m, GG.attestedOn)),
            present=bool(present.value) if isinstance(present, Literal) else None, start=start, end=end))
    bodies = []
    for iri in _scenario_bodies(model, g, body_classes):
        members = tuple(memberships_by_body.get(iri, ()))
        holders: dict[Node, set[Person]] = {}
        for m in members:
            holders.setdefault(m.seat, set()).add(m.person)
        seats = []
        for s in sorted(set(seats_of.get(iri, ())), key=str):
            voting = index.one(s, GG.votingRight)
            ad_hoc = index.one(s, GG.adHoc)
            role, side, rep = index.one(s, ORG.role), index.one(s, GG.side), index.one(s, GG.represents)
            seats.append(Seat(
                iri=s, body=iri,
                role=role if isinstance(role, URIRef) else None,
                side=side if isinstance(side, URIRef) else None,
                represents=rep if isinstance(rep, URIRef) else None,
                voting=has_vote(voting, role),
                ad_hoc=isinstance(ad_hoc, Literal) and ad_hoc.value is True,
                offices=index.all(s, GG.office), appointed_by=index.all(s, GG.appointedBy),
                approved_by=index.all(s, GG.approvedBy), qualifications=index.all(s, GG.requiresQualification),
                valid_from=_date(index.one(s, GG.validFrom)), valid_until=_date(index.one(s, GG.validUntil)),
                holders=by_name(holders.get(s, ()))))
        meetings = index.one(iri, GG.meetingsPerYear)
        bodies.append(_body(
            g, iri, body_classes, index.one,
            seats=tuple(seats), tasks=index.all(iri, GG.hasTask),
            reports_to=index.all(iri, ORG.reportsTo), advises=index.all(iri, GG.advises),
            memberships=members,
            meetings_per_year=int(meetings.value) if isinstance(meetings, Literal) and meetings.value is not None else None))
    return Organization(model=model, scenario=_scenario(model), bodies=tuple(bodies))


def members_of(graph: Graph, area: URIRef) -> Iterable[URIRef]:
    """The parties of an area (org:hasMember), sorted."""
    return _all(graph, area, ORG.hasMember)
