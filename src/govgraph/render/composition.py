"""Composition lines like minute 001's table: "5 members appointed by KKR Nordjylland (municipal council member)".

In: an organization, bodies of one kind (one body, or several folded into one
block), a day and a language. Out: sorted lines of text. Seats are grouped by
vote, ad hoc, side, role (narrower roles count under the broader one, e.g. a
mayor as a municipal council member), appointer and approver. A group whose
seats represent every member of one type of the body's area (every municipality
of the cluster) says "from each municipality" with the count per member. When
several bodies are folded, counts become ranges ("2–4") and a group not every
body has names the bodies that have it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import ORG, OWL, RDF, SKOS

from ..model import Body, Organization, Seat
from ..vocab import GG
from .diff_words import count, w

SIDE_ORDER = ("Region", "Municipality", "GeneralPractice", "PatientsRelatives")


@dataclass(frozen=True, order=True)
class GroupKey:
    observer: bool
    ad_hoc: bool
    side: str
    role: str  # the top role of the seats (politician, director, …)
    each: str  # the type whose every member of the area is represented, or ""


def _type_of(org: Organization, node: URIRef) -> URIRef | None:
    types = sorted((t for t in org.graph.objects(node, RDF.type) if isinstance(t, URIRef) and t != OWL.NamedIndividual),
                   key=str)
    return types[0] if types else None


def _each_type(org: Organization, body: Body, seats: list[Seat]) -> URIRef | None:
    """The type T when the seats represent, one or more each, exactly all members of type T of the body's area.

    With no area members of that type, all instances of T in the graph stand in (one mayor per cluster of the
    region); when the represented things lie in one region (``gg:region``), only that region's instances do, so the
    national reference data does not hide North Jutland's "from each cluster".
    """
    reps = {s.represents for s in seats}
    if None in reps or len(reps) < 2:
        return None
    types = {_type_of(org, r) for r in reps}  # type: ignore[arg-type]
    if len(types) != 1 or None in types:
        return None
    kind = types.pop()
    members = set()
    if body.area is not None:
        members = {m for m in org.graph.objects(body.area, ORG.hasMember) if _type_of(org, m) == kind}
    if not members:
        members = {m for m in org.graph.subjects(RDF.type, kind) if isinstance(m, URIRef)}
        regions = {region for r in reps for region in org.graph.objects(r, GG.region)}  # type: ignore[arg-type]
        if len(regions) == 1:
            members = {m for m in members if (m, GG.region, next(iter(regions))) in org.graph}
    return kind if reps == members else None


def _side_rank(side: str) -> tuple[int, str]:
    local = side.rsplit("/", 1)[-1]
    return (SIDE_ORDER.index(local), side) if local in SIDE_ORDER else (len(SIDE_ORDER), side)


def _groups(org: Organization, body: Body, day: dt.date | None) -> dict[GroupKey, list[Seat]]:
    rough: dict[tuple, list[Seat]] = {}
    for seat in body.seats_on(day):
        chain = ancestors(org, seat.role)
        key = (not seat.voting, seat.ad_hoc, str(seat.side or ""), str(chain[-1]) if chain else "")
        rough.setdefault(key, []).append(seat)
    out: dict[GroupKey, list[Seat]] = {}
    for key, seats in rough.items():
        each = _each_type(org, body, seats)
        out[GroupKey(*key, each=str(each or ""))] = seats
    return out


def ancestors(org: Organization, role: URIRef | None) -> list[URIRef]:
    """The role and its skos:broader chain up to the top concept."""
    chain: list[URIRef] = []
    while role is not None and role not in chain:
        chain.append(role)
        parents = sorted((p for p in org.graph.objects(role, SKOS.broader) if isinstance(p, URIRef)), key=str)
        role = parents[0] if parents else None
    return chain


def _common_role(org: Organization, roles: set[URIRef]) -> URIRef | None:
    """The narrowest role every role in the set counts under (mayor + alderman → municipal council member)."""
    chains = [ancestors(org, r) for r in sorted(roles, key=str)]
    if not chains:
        return None
    for candidate in chains[0]:
        if all(candidate in c for c in chains[1:]):
            return candidate
    return None


def _span(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _names(org: Organization, iris, lang: str) -> str:  # noqa: ANN001 - any iterable of nodes
    return ", ".join(sorted({org.label(URIRef(i) if isinstance(i, str) else i, lang) for i in iris}))


def _role_text(org: Organization, per_body: list[tuple[Body, list[Seat]]], lang: str, each: bool) -> str:
    roles = {s.role for _, seats in per_body for s in seats if s.role is not None}
    common = _common_role(org, roles)
    if common is None:
        return ""
    text = org.label(common, lang)
    narrower = sorted(((org.label(r, lang), r) for r in roles if r != common), key=lambda x: x[0])
    if narrower:
        # Per body, so a folded block says "1 × regional council chair", not the sum over its bodies.
        # With "from each", per member of the area ("0–2 × committee chair" from each municipality).
        per_member = [[s for s in seats if s.represents == m] for _, seats in per_body for m in {s.represents for s in seats}]
        units = per_member if each and max(map(len, per_member)) > 1 else [seats for _, seats in per_body]
        counts = [f"{_span([sum(1 for s in unit if s.role == r) for unit in units])} × {name}" for name, r in narrower]
        text += f", {w('including', lang)} " + ", ".join(counts)
    return text


def _appointment(org: Organization, per_body: list[tuple[Body, list[Seat]]], lang: str, everyone: bool) -> str:
    """'appointed by X, approved by Y' — for all seats of the group, or '; k appointed by …' for some."""
    ways = Counter((s.appointed_by, s.approved_by) for _, seats in per_body for s in seats if s.appointed_by)
    parts = []
    for (appointed, approved), _ in sorted(ways.items(), key=lambda kv: [str(x) for x in kv[0][0] + kv[0][1]]):
        text = f"{w('appointed_by', lang)} {_names(org, appointed, lang)}"
        if approved:
            text += f", {w('approved_by', lang)} {_names(org, approved, lang)}"
        if not everyone:
            numbers = [sum(1 for s in seats if (s.appointed_by, s.approved_by) == (appointed, approved))
                       for _, seats in per_body]
            text = f"{_span(numbers)} {text}"
        parts.append(text)
    return "; ".join(parts)


def _line(org: Organization, key: GroupKey, per_body: list[tuple[Body, list[Seat]]], total: int, lang: str) -> str:
    if key.each:
        numbers = [n for _, seats in per_body for n in Counter(s.represents for s in seats).values()]
    else:
        numbers = [len(seats) for _, seats in per_body]
    seats = [s for _, ss in per_body for s in ss]
    text = count(_span(numbers), "observer" if key.observer else "member",
                 "observers" if key.observer else "members", lang)
    role = _role_text(org, per_body, lang, bool(key.each))
    if role:
        text += f" ({role})"
    everyone_appointed = all(s.appointed_by for s in seats) and len({(s.appointed_by, s.approved_by) for s in seats}) == 1
    if key.each:
        text += f" {w('from_each', lang)} {org.label(URIRef(key.each), lang).lower()}"
    elif not everyone_appointed:
        reps = {s.represents for s in seats if s.represents is not None}
        if reps:
            text += f" {w('from', lang)} {_names(org, reps, lang)}"
    appointment = _appointment(org, per_body, lang, everyone_appointed)
    if appointment:
        text += f" {appointment}" if everyone_appointed else f"; {appointment}"
    if key.ad_hoc:
        text += f", {w('ad_hoc', lang)}"
    if len(per_body) < total:
        text += f" — {w('only', lang)} {_names(org, [b.iri for b, _ in per_body], lang)}"
    return text


def composition(org: Organization, bodies: list[Body], day: dt.date | None, lang: str) -> list[str]:
    """Composition lines of one body or of several bodies folded into one block, then offices and qualifications."""
    grouped: dict[GroupKey, list[tuple[Body, list[Seat]]]] = {}
    for body in bodies:
        for key, seats in _groups(org, body, day).items():
            grouped.setdefault(key, []).append((body, seats))

    def order(key: GroupKey) -> tuple:
        return (key.observer, key.ad_hoc, _side_rank(key.side), key.role, key.each)

    lines = [_line(org, key, grouped[key], len(bodies), lang) for key in sorted(grouped, key=order)]
    seats = [s for b in bodies for s in b.seats_on(day)]
    offices: dict[str, set[str]] = {}
    for seat in seats:
        for office in seat.offices:
            offices.setdefault(org.label(office, lang), set()).add(org.label(seat.role, lang) if seat.role else "—")
    lines += [f"{office}: {', '.join(sorted(roles))}" for office, roles in sorted(offices.items())]
    quals = {q for s in seats for q in s.qualifications}
    if seats and quals and all(set(s.qualifications) == quals for s in seats):
        names = sorted(org.label(q, lang) for q in quals)
        joined = f" {w('and', lang)} ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        lines.append(f"{joined[:1].upper()}{joined[1:]} {w('required_all', lang)}")
    return lines


def tasks(org: Organization, bodies: list[Body], lang: str) -> list[str]:
    """Labels of the tasks the bodies hold, sorted, each once."""
    return sorted({org.label(t, lang) for b in bodies for t in b.tasks}, key=str.casefold)
