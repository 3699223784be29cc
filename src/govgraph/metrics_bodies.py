"""Many bodies side by side: one row per body of one or many models, grouped by region.

Where ``govgraph compare`` sets scenarios side by side, an analyst for a region or for all of
Denmark wants the councils side by side: one row per body in force, with its region, its voting seats
by side, and the figures the rules in force on the day ask of *that* body — the regional majority
where the 2027 law binds it, parity where a parity decision binds it, the seats per municipality of
its area where a rule asks for one per municipality (the same choice as :mod:`govgraph.metrics_rules`
makes, so a figure a rule does not ask about is "—", never a misleading number) — and, when the
models were validated, its findings by severity. Then one total row per region.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef

from .i18n import Text
from .metrics_rules import asks, voting_seats
from .model import Body, Organization
from .regions import RegionName, in_force, region_name, region_of
from .report import Finding, Severity
from .vocab import LEVEL, SIDE


@dataclass(frozen=True)
class Ratio:
    """``part : whole`` and whether the rule it answers to holds."""

    part: int
    whole: int
    holds: bool

    def text(self) -> str:
        return f"{self.part} : {self.whole} {'✓' if self.holds else '✗'}"


@dataclass(frozen=True)
class BodyRow:
    """One body: where it is, its voting seats by side, the figures its rules ask about, its findings."""

    model: str
    body: URIRef
    name: Text
    area: Text | None
    region: RegionName
    regional: int
    municipal: int
    other: int
    observers: int
    majority: Ratio | None  # regional : all voting seats, where a majority rule binds the body
    parity: Ratio | None  # regional : municipal voting seats, where a parity decision binds it
    municipalities: Ratio | None  # municipalities of the area with a voting seat : all of them
    per_municipality: tuple[int, int] | None  # fewest and most voting seats of one municipality of the area
    findings: tuple[int, int, int] | None  # violations, warnings, info; None when not validated

    @property
    def voting(self) -> int:
        return self.regional + self.municipal + self.other


@dataclass(frozen=True)
class RegionTotal:
    """A region's total row: bodies, voting seats, bodies whose majority / parity holds of those asked, findings."""

    region: RegionName
    bodies: int
    voting: int
    majority: Ratio | None
    parity: Ratio | None
    findings: tuple[int, int, int] | None


@dataclass(frozen=True)
class BodyTable:
    rows: tuple[BodyRow, ...]
    totals: tuple[RegionTotal, ...]
    models: tuple[str, ...]
    days: tuple[dt.date, ...]


_SEVERITIES = (Severity.VIOLATION, Severity.WARNING, Severity.INFO)


def body_row(model: str, org: Organization, body: Body, day: dt.date | None,
             findings: Sequence[Finding] | None = None) -> BodyRow:
    """The row of one body on ``day``; ``findings`` are the body's own (None: not validated)."""
    from .metrics import municipalities_of

    voting = voting_seats(body, day)
    regional = sum(1 for s in voting if s.side == SIDE.Region)
    municipal = sum(1 for s in voting if s.side == SIDE.Municipality)
    observers = sum(1 for s in body.permanent_seats_on(day) if not s.voting)
    majority = parity = municipalities = None
    per_municipality = None
    if asks(org, body, day, "majoritySide"):
        majority = Ratio(regional, len(voting), 2 * regional > len(voting))
    if body.level == LEVEL.Political and asks(org, body, day, "paritySide") and (regional or municipal):
        parity = Ratio(regional, municipal, regional == municipal)
    if body.area is not None and asks(org, body, day, "minPerConstituent"):
        area = municipalities_of(org, body.area, day)
        seats = [sum(1 for s in voting if s.side == SIDE.Municipality and s.represents == m) for m in area]
        if area:
            with_seat = sum(1 for n in seats if n)
            # No mark: the rule may ask one seat per cluster rather than per municipality (2022's cooperation
            # committee); the rule's own finding says whether it holds.
            municipalities = Ratio(with_seat, len(area), with_seat == len(area))
            per_municipality = (min(seats), max(seats))
    counted = None
    if findings is not None:
        counted = tuple(sum(1 for f in findings if f.severity is s) for s in _SEVERITIES)
    area_name = Text(org.label(body.area, "da"), org.label(body.area, "en")) if body.area is not None else None
    return BodyRow(model, body.iri, Text(org.label(body.iri, "da"), org.label(body.iri, "en")), area_name,
                   region_name(org.graph, region_of(org.graph, body, day)), regional, municipal,
                   len(voting) - regional - municipal, observers, majority, parity, municipalities, per_municipality,
                   counted)  # type: ignore[arg-type]


def _held(ratios: list[Ratio | None]) -> Ratio | None:
    asked = [r for r in ratios if r is not None]
    return Ratio(sum(1 for r in asked if r.holds), len(asked), all(r.holds for r in asked)) if asked else None


def body_table(models: Sequence[tuple[str, Organization, Sequence[Finding] | None]], day: dt.date | None = None,
               region: URIRef | None = None) -> BodyTable:
    """One row per body in force of every model (``(name, organization, findings or None)``), on ``day`` or
    each model's own date; with ``region``, only that region's bodies. Rows by region, then body name."""
    rows: list[BodyRow] = []
    days: set[dt.date] = set()
    for name, org, findings in models:
        on = day or org.date
        if on:
            days.add(on)
        wanted = in_force(org.graph, region, on) if region is not None else None
        by_body: dict[str, list[Finding]] = {}
        for f in findings or ():
            by_body.setdefault(dict(f.extra).get("body.iri", ""), []).append(f)
        for body in org.on(on):
            row = body_row(name, org, body, on, by_body.get(str(body.iri), []) if findings is not None else None)
            if wanted is None or row.region.iri == wanted:
                rows.append(row)
    rows.sort(key=lambda r: (r.region.key, r.name.da, r.model, str(r.body)))
    totals = []
    for key in dict.fromkeys(r.region.key for r in rows):
        mine = [r for r in rows if r.region.key == key]
        found = None
        if all(r.findings is not None for r in mine):
            found = tuple(sum(r.findings[i] for r in mine) for i in range(3))  # type: ignore[index]
        totals.append(RegionTotal(mine[0].region, len(mine), sum(r.voting for r in mine),
                                  _held([r.majority for r in mine]), _held([r.parity for r in mine]), found))  # type: ignore[arg-type]
    return BodyTable(tuple(rows), tuple(totals), tuple(n for n, _, _ in models), tuple(sorted(days)))


__all__ = ["BodyRow", "BodyTable", "Ratio", "RegionTotal", "body_row", "body_table"]
