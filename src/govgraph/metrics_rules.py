"""Figures the rules in force ask about: parity, regional majority, seats per municipality.

A comparison should weigh a body by what binds it on the day, not by another
era's yardstick: parity only where a parity decision binds (North Jutland's
clusters 2022-2026, Kontaktudvalget), the regional majority and the seats per
municipality where the law of the health councils (2027) asks for them. A
body is asked about a figure when a rule of the bundled catalogue that uses
the figure's constraint parameter (``ggc:paritySide``, ``ggc:majoritySide``,
``ggc:minPerConstituent``) is in force on the day, targets the body's class
and binds its jurisdiction — the same choice ``govgraph validate`` makes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF, SH

from .figures import Figure, Namer, Text, balance, local_name, register
from .model import Body, Organization, subclasses
from .vocab import GGC, SIDE


@functools.lru_cache(maxsize=1)
def _rules_asking() -> dict[str, tuple[tuple[object, frozenset[URIRef]], ...]]:
    """Parameter local name → the bundled rules that use it, each with its target classes."""
    from .rules import load_catalogue

    catalogue = load_catalogue()
    found: dict[str, list[tuple[object, frozenset[URIRef]]]] = {}
    for rule in catalogue.rules:
        graph, _ = catalogue.shapes_graph([rule], components=False)
        targets = frozenset(t for t in graph.objects(rule.iri, SH.targetClass) if isinstance(t, URIRef))
        for name in ("paritySide", "majoritySide", "minPerConstituent"):
            if any(True for _ in graph.subject_objects(GGC[name])):
                found.setdefault(name, []).append((rule, targets))
    return {name: tuple(rules) for name, rules in found.items()}


def asks(org: Organization, body: Body, day: dt.date | None, parameter: str) -> bool:
    """Whether a rule in force on ``day`` that uses ``ggc:<parameter>`` binds ``body``."""
    from .validate import within

    types = set(org.graph.objects(body.iri, RDF.type))
    for rule, targets in _rules_asking().get(parameter, ()):
        if day is not None and not rule.in_force(day):  # type: ignore[attr-defined]
            continue
        if not any(types & subclasses(org.graph, target) for target in targets):
            continue
        if within(org.graph, body.iri, rule.jurisdiction):  # type: ignore[attr-defined]
            return True
    return False


def voting_seats(body: Body, day: dt.date | None) -> list:
    return [s for s in body.permanent_seats_on(day) if s.voting]


# ------------------------------------------------------------ majority


@dataclass(frozen=True)
class BodyMajority:
    body: URIRef
    regional: int
    voting: int

    @property
    def holds(self) -> bool:
        return 2 * self.regional > self.voting


@dataclass(frozen=True)
class Majority:
    """Regional against all voting seats in every body a majority rule binds, sorted by body IRI."""

    bodies: tuple[BodyMajority, ...]

    def figures(self, name: Namer) -> Iterator[Figure]:
        if not self.bodies:
            return  # no majority rule binds a body here
        yield from balance("majority", Text("organer med regionalt flertal", "bodies with a regional majority"),
                           Text("organer uden regionalt flertal", "bodies without a regional majority"),
                           Text("region : alle", "region : all"), self.bodies, name, lambda b: b.voting)


@register("majority", da="Regionalt flertal", en="Regional majority")
def majority(org: Organization, day: dt.date | None) -> Majority:
    """Per body a regional-majority rule binds on ``day`` (the 2027 health councils): regional voting seats
    against all voting seats. Observers and ad-hoc seats never count."""
    found = []
    for body in org.on(day):
        if asks(org, body, day, "majoritySide"):
            voting = voting_seats(body, day)
            found.append(BodyMajority(body.iri, sum(1 for s in voting if s.side == SIDE.Region), len(voting)))
    return Majority(tuple(sorted(found, key=lambda b: str(b.body))))


# ------------------------------------------------- seats per municipality


@dataclass(frozen=True)
class MunicipalSeats:
    """Voting municipal seats per municipality of the area, in every body a per-municipality rule binds."""

    rows: tuple[tuple[URIRef, URIRef, int], ...]  # (body, municipality, seats), sorted

    def figures(self, name: Namer) -> Iterator[Figure]:
        for body, municipality, seats in self.rows:
            b, m = name(body), name(municipality)
            yield Figure(f"per_municipality.{local_name(body)}.{local_name(municipality)}",
                         Text(f"  {b.da}: {m.da}", f"  {b.en}: {m.en}"), seats)


@register("per_municipality", da="Pladser pr. kommune", en="Seats per municipality")
def seats_per_municipality(org: Organization, day: dt.date | None) -> MunicipalSeats:
    """Per body a per-municipality rule binds on ``day`` (a mayor of every municipality in a 2022 cluster, a
    seat for every municipality of a 2027 council's area): the voting municipal seats that represent each
    municipality of the body's area. Only the area's municipalities get rows, so a comparison shows none for
    municipalities outside the scenario."""
    from .metrics import municipalities_of

    rows = []
    for body in org.on(day):
        if body.area is None or not asks(org, body, day, "minPerConstituent"):
            continue
        voting = [s for s in voting_seats(body, day) if s.side == SIDE.Municipality]
        for municipality in municipalities_of(org, body.area, day):
            rows.append((body.iri, municipality, sum(1 for s in voting if s.represents == municipality)))
    return MunicipalSeats(tuple(sorted(rows, key=lambda r: (str(r[0]), str(r[1])))))


__all__ = ["asks", "majority", "seats_per_municipality", "Majority", "MunicipalSeats"]
