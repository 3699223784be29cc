"""Metrics: figures that weigh one organization on one day, for ``govgraph compare``.

A metric is one function ``(org: Organization, day: date | None) -> value``:
a plain value (one row of a comparison) or a frozen record whose
``figures(name)`` yields :class:`~govgraph.figures.Figure` rows (see
:mod:`govgraph.figures`). Metrics are registered in :data:`METRICS`, in the
order a comparison shows them; add your own with :func:`register` (or append
a :class:`Metric`)::

    from govgraph.metrics import register

    @register("chairs", da="Formandsposter", en="Chair offices")
    def chairs(org, day):
        return sum(len(s.offices) for b in org.on(day) for s in b.seats_on(day))

Conventions shared by every metric below: only bodies in force on ``day``
count (every body when ``day`` is None), and of those only the seats in force
on ``day``; ad-hoc seats (taken only when the agenda calls for them) are
counted on their own and never as voting or observer seats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF
from rdflib.term import Node

from .figures import METRICS, Figure, Metric, Namer, Text, Value, balance, local_name, measure, namer, register
# Imported first so that findings come first in METRICS (and in every comparison).
from .metrics_findings import FindingCounts, finding_counts, with_rules  # noqa: F401
from .model import Body, Organization, Seat
from .regions import holds_region
from .vocab import GG, LEVEL, SIDE


def _counted_seats(body: Body, day: dt.date | None) -> tuple[Seat, ...]:
    return tuple(body.permanent_seats_on(day))


# ------------------------------------------------------------------ bodies


@register("bodies", da="Organer i kraft", en="Bodies in force")
def bodies_in_force(org: Organization, day: dt.date | None) -> int:
    """Number of the scenario's bodies in force on ``day``."""
    return len(org.on(day))


# ------------------------------------------------------------------- seats


@dataclass(frozen=True)
class SeatCount:
    """Seats in force, per side (``None`` = no side given), sorted by side IRI."""

    voting: tuple[tuple[URIRef | None, int], ...]
    observers: tuple[tuple[URIRef | None, int], ...]
    ad_hoc: int

    def figures(self, name: Namer) -> Iterator[Figure]:
        yield Figure("seats.voting", Text("pladser med stemmeret", "voting seats"), sum(n for _, n in self.voting))
        for side, n in self.voting:
            label = name(side)
            yield Figure(f"seats.voting.{local_name(side)}",
                         Text(f"  med stemmeret: {label.da}", f"  voting: {label.en}"), n, absent=0)
        yield Figure("seats.observers", Text("observatørpladser", "observer seats"),
                     sum(n for _, n in self.observers))
        for side, n in self.observers:
            label = name(side)
            yield Figure(f"seats.observers.{local_name(side)}",
                         Text(f"  observatører: {label.da}", f"  observers: {label.en}"), n, absent=0)
        yield Figure("seats.ad_hoc", Text("ad hoc-pladser", "ad-hoc seats"), self.ad_hoc)


def _by_side(seats: Iterable[Seat]) -> tuple[tuple[URIRef | None, int], ...]:
    counts: dict[URIRef | None, int] = {}
    for seat in seats:
        counts[seat.side] = counts.get(seat.side, 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: str(kv[0] or "")))


@register("seats", da="Pladser", en="Seats")
def seats_by_side(org: Organization, day: dt.date | None) -> SeatCount:
    """Voting and observer seats per side over all bodies in force, and the ad-hoc seats."""
    seats = [s for b in org.on(day) for s in _counted_seats(b, day)]
    ad_hoc = sum(1 for b in org.on(day) for s in b.seats_on(day) if s.ad_hoc)
    return SeatCount(voting=_by_side(s for s in seats if s.voting),
                     observers=_by_side(s for s in seats if not s.voting), ad_hoc=ad_hoc)


# ------------------------------------------------------------------ parity


@dataclass(frozen=True)
class BodyParity:
    body: URIRef
    regional: int
    municipal: int

    @property
    def holds(self) -> bool:
        return self.regional == self.municipal


@dataclass(frozen=True)
class Parity:
    """Regional against municipal voting seats in every political body, sorted by body IRI."""

    bodies: tuple[BodyParity, ...]

    def figures(self, name: Namer) -> Iterator[Figure]:
        if not self.bodies:
            return  # no parity rule binds a body here: no row says "0 without parity"
        yield from balance("parity", Text("politiske organer med paritet", "political bodies with parity"),
                           Text("politiske organer uden paritet", "political bodies without parity"),
                           Text("region : kommune", "region : municipality"), self.bodies, name, lambda b: b.municipal)


@register("parity", da="Paritet", en="Parity")
def parity(org: Organization, day: dt.date | None) -> Parity:
    """Per political body (gg:level level:Political) that a parity rule in force binds (North Jutland's
    clusters 2022-2026: Kontaktudvalget's decision): voting seats of side:Region and of side:Municipality.

    Observers and ad-hoc seats never count. A political body with no voting
    seat of either side (e.g. a council whose seats the scenario does not
    model) is left out: 0 : 0 would say nothing; so is a body no parity rule
    binds (a 2027 health council, another region's cluster): parity is not its yardstick.
    """
    from .metrics_rules import asks

    found = []
    for body in org.on(day):
        if body.level != LEVEL.Political or not asks(org, body, day, "paritySide"):
            continue
        voting = [s for s in _counted_seats(body, day) if s.voting]
        regional = sum(1 for s in voting if s.side == SIDE.Region)
        municipal = sum(1 for s in voting if s.side == SIDE.Municipality)
        if regional or municipal:
            found.append(BodyParity(body.iri, regional, municipal))
    return Parity(tuple(found))


# The figures other rules in force ask about (regional majority, seats per municipality) follow parity.
from . import metrics_rules  # noqa: E402,F401


# ---------------------------------------------------------- representation


@dataclass(frozen=True)
class MunicipalShare:
    """One municipality: its population, its share of municipal voting seats and inhabitants per seat."""

    municipality: URIRef
    population: int | None
    seats: float
    per_seat: float | None


@dataclass(frozen=True)
class Representation:
    """Inhabitants per municipal voting seat, per municipality, sorted by municipality IRI."""

    municipalities: tuple[MunicipalShare, ...]
    #: Municipal voting seats standing for no known municipality (e.g. KKR, whose members are not given).
    unattributed: int = 0

    @property
    def ratio(self) -> float | None:
        """Largest over smallest inhabitants per seat among represented municipalities (None below two)."""
        values = [m.per_seat for m in self.municipalities if m.per_seat]
        return round(max(values) / min(values), 2) if len(values) >= 2 else None

    @property
    def unrepresented(self) -> int:
        return sum(1 for m in self.municipalities if m.seats == 0)

    def figures(self, name: Namer) -> Iterator[Figure]:
        yield Figure("representation.ratio",
                     Text("indbyggere pr. kommunal plads, størst/mindst", "inhabitants per municipal seat, max/min"),
                     self.ratio)
        yield Figure("representation.unrepresented", Text("kommuner uden plads", "municipalities without a seat"),
                     self.unrepresented)
        yield Figure("representation.unattributed",
                     Text("kommunale pladser uden kendt kommune", "municipal seats standing for no known municipality"),
                     self.unattributed)
        for m in self.municipalities:
            label = name(m.municipality)
            yield Figure(f"representation.{local_name(m.municipality)}",
                         Text(f"  indbyggere pr. plads: {label.da}", f"  inhabitants per seat: {label.en}"),
                         None if m.per_seat is None else round(m.per_seat))


def municipalities_of(org: Organization, node: Node | None, day: dt.date | None = None) -> tuple[URIRef, ...]:
    """The municipalities a constituency stands for: itself, an area's members, or a region's municipalities.

    A region's municipalities are those whose ``gg:region`` is the region or, on ``day``, a region merged into
    it (:func:`regions.holds_region`): Region Østdanmark's are Hovedstaden's and Sjælland's from 2027."""
    if not isinstance(node, URIRef):
        return ()
    g = org.graph
    municipal = set()
    if (node, RDF.type, GG.Municipality) in g:
        municipal.add(node)
    municipal.update(m for m in g.objects(node, ORG.hasMember) if (m, RDF.type, GG.Municipality) in g)
    if (node, RDF.type, GG.Region) in g:
        municipal.update(m for m, region in g.subject_objects(GG.region)
                         if (m, RDF.type, GG.Municipality) in g and holds_region(g, node, region, day))
    return tuple(sorted((m for m in municipal if isinstance(m, URIRef)), key=str))


@register("representation", da="Repræsentation", en="Representation")
def representation(org: Organization, day: dt.date | None) -> Representation:
    """Inhabitants (gg:population) per municipal voting seat, for each municipality the scenario serves.

    Seats: voting seats of side:Municipality in every body in force (political
    and administrative alike). A seat that gg:represents one municipality
    counts 1 for it; a seat that represents a cluster (an area with
    municipalities as org:hasMember) is split equally between them, so a
    cluster seat shared by four municipalities counts 1/4 for each: each seat
    is one vote, and the shares of all municipalities add up to the seats.
    Municipalities served: the members of the bodies' areas (gg:area) and
    every municipality a seat stands for. A municipality with no seat counts
    in ``unrepresented``, not in the ratio (which would be infinite). A seat
    standing for something with no known municipalities (KKR, when its
    members are not listed with org:hasMember) counts in ``unattributed``.
    """
    shares: dict[URIRef, Fraction] = {}
    unattributed = 0
    bodies = org.on(day)
    for body in bodies:
        for municipality in municipalities_of(org, body.area, day):
            shares.setdefault(municipality, Fraction(0))
        for seat in _counted_seats(body, day):
            if not seat.voting or seat.side != SIDE.Municipality:
                continue
            served = municipalities_of(org, seat.represents, day)
            unattributed += not served
            for municipality in served:
                shares[municipality] = shares.get(municipality, Fraction(0)) + Fraction(1, len(served))
    found = []
    for municipality in sorted(shares, key=str):
        value = org.graph.value(municipality, GG.population)
        population = int(value.value) if isinstance(value, Literal) and isinstance(value.value, int) else None
        seats = shares[municipality]
        per_seat = float(population / seats) if population is not None and seats else None
        found.append(MunicipalShare(municipality, population, round(float(seats), 4), per_seat))
    return Representation(tuple(found), unattributed)


# --------------------------------------------------------- reporting lines


@dataclass(frozen=True)
class ReportingLines:
    """Line reporting (org:reportsTo) among the bodies in force."""

    top: URIRef | None
    longest_chain: int | None
    unreached: tuple[URIRef, ...]
    on_cycles: tuple[URIRef, ...]

    def figures(self, name: Namer) -> Iterator[Figure]:
        yield Figure("reporting.longest", Text("organer i længste referencekæde", "bodies in the longest reporting chain"),
                     self.longest_chain)
        yield Figure("reporting.unreached",
                     Text("organer der ikke når det øverste organ", "bodies not reaching the top body"),
                     None if self.top is None else len(self.unreached))
        yield Figure("reporting.cycles", Text("organer i en referencecirkel", "bodies on a reporting cycle"),
                     len(self.on_cycles))


def reporting_graph(org: Organization, day: dt.date | None) -> nx.DiGraph:
    """A DiGraph of the bodies in force, with an edge body → superior for each org:reportsTo between them."""
    bodies = {b.iri for b in org.on(day)}
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(bodies, key=str))
    for body in org.on(day):
        graph.add_edges_from((body.iri, up) for up in body.reports_to if up in bodies)
    return graph


#: The rules that say which bodies lie on a reporting cycle and which do not reach the top body:
#: the figures read their results, so compare and info can never disagree with validate.
CYCLE_RULE, REACH_RULE = "CORE-NO-CYCLE", "CORE-REACHES-TOP"


@register("reporting", da="Referencelinjer", en="Reporting lines")
def reporting_lines(org: Organization, day: dt.date | None) -> ReportingLines:
    """Longest reporting chain (counted in bodies: a lone body is 1), bodies not reaching gg:topBody, cycles.

    Which bodies lie on a cycle and which do not reach the top body are the findings of the rules
    CORE-NO-CYCLE and CORE-REACHES-TOP on the day (one definition: the rules'). The longest chain is
    a measure, not a check: it counts the lines between bodies in force in the scenario (a line to a
    body outside it ends the chain), and is undefined (None) when there is a cycle. Without a
    gg:topBody, ``unreached`` is not measured.
    """
    from .check import check
    from .check.catalogue import load_catalogue

    catalogue = load_catalogue()
    on = day or org.date or dt.date.today()
    found = check(org.model, catalogue, [catalogue.get(CYCLE_RULE), catalogue.get(REACH_RULE)], on, org).findings
    named = {str(b.iri): b.iri for b in org.on(day)}
    cyclic = {named[f.focus_iri] for f in found if f.rule == CYCLE_RULE and f.focus_iri in named}
    graph = reporting_graph(org, day)
    longest = None if cyclic or not nx.is_directed_acyclic_graph(graph) else (
        nx.dag_longest_path_length(graph) + 1 if len(graph) else 0)
    top = org.scenario.top_body
    unreached: tuple[URIRef, ...] = ()
    if top is not None:
        unreached = tuple(sorted({named[f.focus_iri] for f in found if f.rule == REACH_RULE and f.focus_iri in named},
                                 key=str))
    return ReportingLines(top, longest, unreached, tuple(sorted(cyclic, key=str)))


# ------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class TaskCoverage:
    """Tasks held by bodies in force, and tasks held by two or more bodies serving the same area."""

    held: tuple[URIRef, ...]
    doubled: tuple[tuple[URIRef, tuple[URIRef, ...]], ...]

    def figures(self, name: Namer) -> Iterator[Figure]:
        yield Figure("tasks.held", Text("opgaver med et organ", "tasks held by a body"), len(self.held))
        yield Figure("tasks.doubled", Text("opgaver hos to eller flere organer", "tasks held by two or more bodies"),
                     len(self.doubled))
        for task, bodies in self.doubled:
            label = name(task)
            yield Figure(f"tasks.doubled.{local_name(task)}",
                         Text(f"  organer med opgaven: {label.da}", f"  bodies holding: {label.en}"), len(bodies))

    def versus(self, baseline: TaskCoverage, name: Namer) -> Iterator[Figure]:
        """Tasks the baseline's bodies hold that no body here holds: the honest meaning of "a task without a body"."""
        mine = set(self.held)
        yield Figure("tasks.uncovered",
                     Text("opgaver fra basis uden organ her", "baseline tasks held by no body here"),
                     sum(1 for task in baseline.held if task not in mine))


@register("tasks", da="Opgaver", en="Tasks")
def task_coverage(org: Organization, day: dt.date | None) -> TaskCoverage:
    """Tasks (gg:hasTask) of the bodies in force; a task is held twice when two bodies of one area hold it.

    Four clusters each holding "set local direction" for their own area is a
    division of labour, not a duplicate, so bodies are grouped by gg:area.
    Which tasks have no body depends on what the scenario should cover: with a
    baseline, :func:`govgraph.compare.compare` counts the baseline's tasks that
    no body here holds.
    """
    holders: dict[tuple[URIRef, URIRef | None], list[URIRef]] = {}
    for body in org.on(day):
        for task in body.tasks:
            holders.setdefault((task, body.area), []).append(body.iri)
    held = tuple(sorted({task for task, _ in holders}, key=str))
    doubled: dict[URIRef, set[URIRef]] = {}
    for (task, _), bodies in holders.items():
        if len(bodies) > 1:
            doubled.setdefault(task, set()).update(bodies)
    return TaskCoverage(held, tuple((t, tuple(sorted(doubled[t], key=str))) for t in sorted(doubled, key=str)))


# ----------------------------------------------------------------- persons


@dataclass(frozen=True)
class PersonSeats:
    """Persons with known memberships, and those holding more than one seat (name, seats)."""

    known: int
    several: tuple[tuple[str, int], ...]

    def figures(self, name: Namer) -> Iterator[Figure]:
        unknown = self.known == 0
        yield Figure("persons.known", Text("kendte personer", "known persons"), None if unknown else self.known)
        yield Figure("persons.several", Text("personer med flere pladser", "persons with several seats"),
                     None if unknown else len(self.several))


@register("persons", da="Personer", en="Persons")
def persons_with_several_seats(org: Organization, day: dt.date | None) -> PersonSeats:
    """Persons (org:Membership in bodies in force, org:memberDuring covering ``day``) who hold two or more seats.

    A membership names its seat (gg:seat) or, when it does not, counts as one
    seat in its body. Where no memberships are recorded the figures are
    unknown (None), not 0.
    """
    seats: dict[object, set[object]] = {}
    names: dict[object, str] = {}
    for body in org.on(day):
        for membership in (m for m in body.memberships if m.valid_on(day)):
            person = membership.person
            names[person.iri] = person.name
            seats.setdefault(person.iri, set()).add(membership.seat or ("body", body.iri))
    several = tuple(sorted((names[p], len(s)) for p, s in seats.items() if len(s) > 1))
    return PersonSeats(len(seats), several)


# ---------------------------------------------------------------- meetings


@dataclass(frozen=True)
class MeetingLoad:
    """Seat-meetings a year (seats × gg:meetingsPerYear) over the bodies that give a meeting plan."""

    seat_meetings: int | None
    planned: int
    unplanned: int

    def figures(self, name: Namer) -> Iterator[Figure]:
        yield Figure("meetings.load", Text("pladsmøder om året", "seat-meetings a year"), self.seat_meetings)
        yield Figure("meetings.unplanned", Text("organer uden mødeplan", "bodies without a meeting plan"),
                     self.unplanned)


@register("meetings", da="Mødebelastning", en="Meeting load")
def meeting_load(org: Organization, day: dt.date | None) -> MeetingLoad:
    """Sum of (seats in force, ad hoc excluded) × gg:meetingsPerYear; None when no body gives a plan."""
    planned = [b for b in org.on(day) if b.meetings_per_year is not None]
    load = sum(len(_counted_seats(b, day)) * (b.meetings_per_year or 0) for b in planned)
    return MeetingLoad(load if planned else None, len(planned), len(org.on(day)) - len(planned))


__all__ = ["Figure", "Metric", "METRICS", "Namer", "Text", "Value", "register", "measure", "namer", "bodies_in_force",
           "seats_by_side", "parity", "representation", "reporting_lines", "task_coverage",
           "persons_with_several_seats", "meeting_load", "finding_counts", "with_rules", "municipalities_of", "reporting_graph"]
