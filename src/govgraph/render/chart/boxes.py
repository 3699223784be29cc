"""What each body's box says, independent of how it is drawn.

In: a :class:`Scope`, a language. Out: one :class:`Box` per body, with plain
(unescaped) strings; the DOT writer escapes them, the text listing prints them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from ...model import Body, Organization, Seat
from ...vocab import SIDE
from .scope import Scope
from .words import w

#: Sides in the order boxes and the legend list them; other sides follow by IRI.
SIDE_ORDER = (SIDE.Region, SIDE.Municipality, SIDE.GeneralPractice, SIDE.PatientsRelatives)


@dataclass(frozen=True)
class SeatRow:
    """One seat, or (in the seats view) several identical seats."""

    side: URIRef | None
    side_label: str
    text: str                   # "regional council member – North Denmark Region"
    marks: tuple[str, ...]      # office, observer, ad hoc
    holders: tuple[str, ...]    # names of recorded holders
    count: int = 1

    @property
    def vacant(self) -> bool:
        return not self.holders


@dataclass(frozen=True)
class Box:
    iri: URIRef
    label: str
    kind: str
    level: str
    level_rank: int
    area: URIRef | None
    offices: tuple[tuple[str, str], ...]            # (office, who)
    voting_by_side: tuple[tuple[URIRef | None, str, int], ...]
    observers_by_side: tuple[tuple[URIRef | None, str, int], ...]
    ad_hoc_by_side: tuple[tuple[URIRef | None, str, int], ...]
    seats: tuple[SeatRow, ...]                      # one row per seat, sorted
    other_members: tuple[str, ...]                  # memberships with no seat
    no_holder: int                                  # permanent seats without a recorded holder
    permanent: int = 0                              # seats that are not ad hoc

    @property
    def seat_count(self) -> int:
        """Seats as `govgraph info` and `diff` count them: permanent seats; ad-hoc seats are listed apart."""
        return self.permanent

    def grouped_seats(self) -> tuple[SeatRow, ...]:
        """Identical seats folded into one row with a count (the seats view)."""
        counts = Counter((r.side, r.side_label, r.text, r.marks, r.holders) for r in self.seats)
        rows = []
        for row in self.seats:
            key = (row.side, row.side_label, row.text, row.marks, row.holders)
            if key in counts:
                rows.append(SeatRow(*key, count=counts.pop(key)))
        return tuple(rows)


def side_key(side: URIRef | None) -> tuple[int, str]:
    if side in SIDE_ORDER:
        return (SIDE_ORDER.index(side), "")
    return (len(SIDE_ORDER), str(side or "~"))


def level_rank(org: Organization, level: URIRef | None) -> int:
    """The level's skos:notation as a number (1 political, 2 administrative, 3 operational); 99 when unknown."""
    if level is None:
        return 99
    for notation in sorted(org.graph.objects(level, SKOS.notation), key=str):
        if isinstance(notation, Literal) and str(notation).isdigit():
            return int(str(notation))
    return 98


def _describe(org: Organization, seat: Seat, lang: str) -> str:
    if seat.role is None:
        return org.label(seat.iri, lang)
    text = org.label(seat.role, lang)
    if seat.represents is not None:
        text += " – " + org.label(seat.represents, lang)
    return text


def _marks(org: Organization, seat: Seat, lang: str) -> tuple[str, ...]:
    marks = [org.label(o, lang) for o in seat.offices]
    if not seat.voting:
        marks.append(w("observer", lang))
    if seat.ad_hoc:
        marks.append(w("ad_hoc", lang))
    return tuple(marks)


def _by_side(org: Organization, seats: list[Seat], lang: str) -> tuple[tuple[URIRef | None, str, int], ...]:
    counts = Counter(s.side for s in seats)
    return tuple((side, org.label(side, lang) if side else w("side_unknown", lang), n)
                 for side, n in sorted(counts.items(), key=lambda kv: side_key(kv[0])))


def box(scope: Scope, body: Body, lang: str) -> Box:
    """The content of one body's box on the scope's day."""
    org = scope.org
    seats = body.seats_on(scope.day)
    # Who holds a seat depends on the day too (org:memberDuring).
    holders = {seat.iri: tuple(sorted(p.name for p in body.holders_on(seat, scope.day))) for seat in seats}
    keyed = []
    for seat in seats:
        side_label = org.label(seat.side, lang) if seat.side else w("side_unknown", lang)
        row = SeatRow(seat.side, side_label, _describe(org, seat, lang), _marks(org, seat, lang), holders[seat.iri])
        # Offices first, then by side; observers and ad hoc seats last within their side.
        keyed.append(((not seat.offices, side_key(seat.side), not seat.voting, seat.ad_hoc, row.text,
                       row.holders, str(seat.iri)), row))
    rows = [row for _, row in sorted(keyed)]
    offices = []
    for seat in seats:
        for office in seat.offices:
            who = ", ".join(holders[seat.iri]) or _describe(org, seat, lang)
            offices.append((org.label(office, lang), who))
    seated = {s.iri for s in seats}
    others = sorted({m.person.name + (f" ({w('absent', lang)})" if m.present is False else "")
                     for m in body.memberships if m.seat not in seated and m.valid_on(scope.day)})
    regular = body.permanent_seats_on(scope.day)
    return Box(
        iri=body.iri, label=org.label(body.iri, lang), kind=org.label(body.kind, lang),
        level=org.label(body.level, lang) if body.level else w("level_unknown", lang),
        level_rank=level_rank(org, body.level), area=body.area,
        offices=tuple(sorted(offices)),
        voting_by_side=_by_side(org, [s for s in regular if s.voting], lang),
        observers_by_side=_by_side(org, [s for s in regular if not s.voting], lang),
        ad_hoc_by_side=_by_side(org, [s for s in seats if s.ad_hoc], lang),
        seats=tuple(rows), other_members=tuple(others),
        no_holder=sum(1 for s in regular if not holders[s.iri]), permanent=len(regular))


def boxes(scope: Scope, lang: str) -> dict[URIRef, Box]:
    return {b.iri: box(scope, b, lang) for b in scope.bodies}


def counts_text(items: tuple[tuple[URIRef | None, str, int], ...]) -> str:
    """'region 4, municipality 4' — the side is always written, never shown by colour alone."""
    return ", ".join(f"{label} {n}" for _, label, n in items)
