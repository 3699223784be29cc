"""Diff stage: what changed between two organizations, as frozen records (no text).

In: two :class:`~govgraph.model.Organization` views (old, new), optionally the
day each is read on. Out: a :class:`Diff` — one :class:`Change` per body pair.

Bodies are paired first through ``org:ChangeEvent`` (``org:originalOrganization``
→ ``org:resultingOrganization``, found in either model's graph; a merge or a
split is one event with several originals or results, and events that share a
body are joined into one pair), then by identical IRI. What stays unpaired is
added (only in new) or abolished (only in old). Each pair compares seats by
side, role and office, voting and observer seats, tasks and reporting lines.

``diff(a, a)`` has no changes; ``diff(a, b)`` and ``diff(b, a)`` mirror each
other (added ↔ abolished, before ↔ after).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import ORG, RDF

from .model import Body, Organization, Seat

ADDED = "added"
ABOLISHED = "abolished"
CHANGED = "changed"
RENAMED = "renamed"
UNCHANGED = "unchanged"
#: Every status a change can have, in the order reports list them.
STATUSES = (ABOLISHED, ADDED, CHANGED, RENAMED, UNCHANGED)

Count = tuple[URIRef | None, int, int]  # (key, before, after)


@dataclass(frozen=True)
class TaskMove:
    """A task the pair's old bodies held that another new body (outside the pair) holds now."""

    task: URIRef
    to: tuple[URIRef, ...]


@dataclass(frozen=True)
class Change:
    """One body pair: old bodies → new bodies and what differs between them.

    ``old`` is empty for an added body, ``new`` for an abolished one. Counts are
    (key, before, after) for every key either side has; observers are seats
    without a vote; ad hoc seats count apart from both.
    """

    old: tuple[URIRef, ...]
    new: tuple[URIRef, ...]
    status: str
    renamed: bool
    events: tuple[URIRef, ...]
    seats: tuple[int, int]
    voting: tuple[int, int]
    observers: tuple[int, int]
    ad_hoc: tuple[int, int]
    by_side: tuple[Count, ...]
    by_role: tuple[Count, ...]
    offices: tuple[Count, ...]
    tasks_kept: tuple[URIRef, ...]
    tasks_added: tuple[URIRef, ...]
    tasks_dropped: tuple[URIRef, ...]
    tasks_moved: tuple[TaskMove, ...]
    reports_to: tuple[tuple[URIRef, ...], tuple[URIRef, ...]]
    reporting_changed: bool

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(str(i) for i in (*self.old, *self.new))


@dataclass(frozen=True)
class Gap:
    """A task no body holds from ``start`` to ``end`` (inclusive) while old bodies hand over to new ones."""

    task: URIRef
    start: dt.date
    end: dt.date
    old: tuple[URIRef, ...]
    new: tuple[URIRef, ...]


@dataclass(frozen=True)
class Diff:
    """All pairs (sorted: abolished, added, changed, renamed, unchanged; then by IRI) and the transition gaps."""

    changes: tuple[Change, ...]
    gaps: tuple[Gap, ...]

    @property
    def empty(self) -> bool:
        """No body added, abolished, renamed or changed, and no gap."""
        return not self.gaps and all(c.status == UNCHANGED for c in self.changes)

    def of_status(self, status: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.status == status)


def _sorted(nodes: Iterable[URIRef]) -> tuple[URIRef, ...]:
    return tuple(sorted(set(nodes), key=str))


def _events(orgs: tuple[Organization, Organization]) -> list[tuple[URIRef, set[URIRef], set[URIRef]]]:
    """Every org:ChangeEvent in either model: (event, originals, results)."""
    found: dict[URIRef, tuple[set[URIRef], set[URIRef]]] = {}
    for org in orgs:
        g = org.graph
        for event in g.subjects(RDF.type, ORG.ChangeEvent):
            if not isinstance(event, URIRef):
                continue
            olds, news = found.setdefault(event, (set(), set()))
            olds.update(o for o in g.objects(event, ORG.originalOrganization) if isinstance(o, URIRef))
            news.update(o for o in g.objects(event, ORG.resultingOrganization) if isinstance(o, URIRef))
    return [(e, *found[e]) for e in sorted(found, key=str)]


def pairs(old: Organization, new: Organization) -> list[tuple[tuple[URIRef, ...], tuple[URIRef, ...], tuple[URIRef, ...]]]:
    """Body pairs (old bodies, new bodies, events): one per ChangeEvent, then by identity; unpaired bodies alone.

    An event relates old bodies to new ones whichever model states it, so the
    pairing of (a, b) mirrors that of (b, a). Events with the same bodies make one
    pair. A body split between two events (the 2022 cooperation committee passing
    its tasks to two health councils) is in both pairs.
    """
    old_ids, new_ids = set(old.by_iri), set(new.by_iri)
    by_bodies: dict[tuple[tuple[URIRef, ...], tuple[URIRef, ...]], set[URIRef]] = {}
    for event, originals, results in _events((old, new)):
        # Read forward (originals in old, results in new) or, for diff(new, old), backward.
        for before, after in ((originals, results), (results, originals)):
            olds, news = _sorted(before & old_ids), _sorted(after & new_ids)
            # An event whose bodies all exist on both sides changes nothing between these two models
            # (diff of a model with itself): identity pairs them instead.
            persists = set(olds) <= new_ids and set(news) <= old_ids
            if olds and news and not persists:
                by_bodies.setdefault((olds, news), set()).add(event)
    paired_old = {i for olds, _ in by_bodies for i in olds}
    paired_new = {i for _, news in by_bodies for i in news}
    result = [(olds, news, _sorted(events)) for (olds, news), events in by_bodies.items()]
    for iri in old_ids | new_ids:
        o = (iri,) if iri in old_ids and iri not in paired_old else ()
        n = (iri,) if iri in new_ids and iri not in paired_new else ()
        # Identity pairs a body only when no event has paired it on either side.
        if o and n:
            result.append((o, n, ()))
        elif o and iri not in new_ids or o and iri in paired_new:
            result.append((o, (), ()))
        elif n and iri not in old_ids or n and iri in paired_old:
            result.append(((), n, ()))
    return sorted(result, key=lambda p: ([str(i) for i in p[0]], [str(i) for i in p[1]]))


def _counts(before: Counter, after: Counter) -> tuple[Count, ...]:
    keys = sorted(set(before) | set(after), key=lambda k: "" if k is None else str(k))
    return tuple((k, before.get(k, 0), after.get(k, 0)) for k in keys if before.get(k, 0) or after.get(k, 0))


def _seats(org: Organization, iris: tuple[URIRef, ...], day: dt.date | None) -> list[Seat]:
    return [s for i in iris for s in org.by_iri[i].seats_on(day)]


def _labels(org: Organization, iris: tuple[URIRef, ...]) -> set[tuple[str, str]]:
    return {(lang, org.label(i, lang)) for i in iris for lang in ("da", "en")}


def _change(old: Organization, new: Organization, olds: tuple[URIRef, ...], news: tuple[URIRef, ...],
            events: tuple[URIRef, ...], days: tuple[dt.date | None, dt.date | None],
            held_new: dict[URIRef, set[URIRef]], successor: dict[URIRef, set[URIRef]],
            predecessor: dict[URIRef, set[URIRef]]) -> Change:
    before, after = _seats(old, olds, days[0]), _seats(new, news, days[1])

    def count(seats: list[Seat], key) -> Counter:  # noqa: ANN001 - a small local key function
        return Counter(key(s) for s in seats if not s.ad_hoc)

    def offices(seats: list[Seat]) -> Counter:
        return Counter(o for s in seats for o in s.offices)

    t_old = {t for i in olds for t in old.by_iri[i].tasks}
    t_new = {t for i in news for t in new.by_iri[i].tasks}
    dropped = _sorted(t_old - t_new)
    moved = tuple(TaskMove(t, _sorted(held_new.get(t, set()) - set(news))) for t in dropped
                  if held_new.get(t, set()) - set(news))
    # Old reporting lines read in the new structure: a line to an old body becomes one to its successor(s).
    r_old = _sorted(r for i in olds for r in old.by_iri[i].reports_to)
    r_new = _sorted(r for i in news for r in new.by_iri[i].reports_to)
    # Unchanged when each side's lines lead to (a successor or predecessor of) the other side's: symmetric, so
    # diff(b, a) says the same as diff(a, b).
    forward = {s for r in r_old for s in successor.get(r, (r,))}
    backward = {p for r in r_new for p in predecessor.get(r, (r,))}
    same_lines = set(r_new) <= forward and set(r_old) <= backward
    renamed = bool(olds) and bool(news) and _labels(old, olds) != _labels(new, news)
    change = dict(
        seats=(sum(1 for s in before if not s.ad_hoc), sum(1 for s in after if not s.ad_hoc)),
        voting=(sum(1 for s in before if s.voting and not s.ad_hoc), sum(1 for s in after if s.voting and not s.ad_hoc)),
        observers=(sum(1 for s in before if not s.voting and not s.ad_hoc),
                   sum(1 for s in after if not s.voting and not s.ad_hoc)),
        ad_hoc=(sum(1 for s in before if s.ad_hoc), sum(1 for s in after if s.ad_hoc)),
        by_side=_counts(count(before, lambda s: s.side), count(after, lambda s: s.side)),
        by_role=_counts(count(before, lambda s: s.role), count(after, lambda s: s.role)),
        offices=_counts(offices(before), offices(after)),
        tasks_kept=_sorted(t_old & t_new), tasks_added=_sorted(t_new - t_old), tasks_dropped=dropped,
        tasks_moved=moved, reports_to=(r_old, r_new), reporting_changed=bool(olds and news) and not same_lines,
    )
    if not news:
        status = ABOLISHED
    elif not olds:
        status = ADDED
    else:
        same = (change["by_side"] == tuple((k, b, b) for k, b, _ in change["by_side"])
                and all(b == a for _, b, a in change["by_role"] + change["offices"])
                and all(x[0] == x[1] for x in (change["voting"], change["observers"], change["ad_hoc"]))
                and not change["tasks_added"] and not dropped and not change["reporting_changed"]
                and len(olds) == len(news) == 1)
        status = CHANGED if not same else RENAMED if renamed else UNCHANGED
    return Change(old=olds, new=news, status=status, renamed=renamed, events=events, **change)


def _gaps(old: Organization, new: Organization, changes: list[Change]) -> tuple[Gap, ...]:
    """Tasks nobody holds between the end of a pair's old bodies and the start of its new ones.

    For each pair with both sides: the hand-over interval runs from the day after the
    last old body ends to the day before the first new body starts. Each task of the old
    bodies is uncovered on the days of that interval on which no body of either model
    that holds the task is in force.
    """
    holders = [(b, t) for org in (old, new) for b in org.bodies for t in b.tasks]
    found: set[Gap] = set()
    one = dt.timedelta(days=1)
    for change in changes:
        if not change.old or not change.new:
            continue
        ends = [old.by_iri[i].valid_until for i in change.old]
        starts = [new.by_iri[i].valid_from for i in change.new]
        if any(e is None for e in ends) or any(s is None for s in starts):
            continue
        first, last = max(ends) + one, min(starts) - one  # type: ignore[type-var,operator]
        if first > last:
            continue
        for task in sorted({t for i in change.old for t in old.by_iri[i].tasks}, key=str):
            for start, end in _uncovered(first, last, [b for b, t in holders if t == task]):
                found.add(Gap(task, start, end, change.old, change.new))
    return tuple(sorted(found, key=lambda g: (g.start, g.end, str(g.task), [str(i) for i in g.old])))


def _uncovered(first: dt.date, last: dt.date, bodies: list[Body]) -> list[tuple[dt.date, dt.date]]:
    """The stretches of [first, last] on which none of the bodies is in force (interval arithmetic, not day by day)."""
    one = dt.timedelta(days=1)
    spans = sorted((b.valid_from or dt.date.min, b.valid_until or dt.date.max) for b in bodies)
    out, day = [], first
    for start, end in spans:
        if day > last:
            break
        if end < day:
            continue
        if start > day:
            out.append((day, min(start - one, last)))
        day = end + one if end < dt.date.max else dt.date.max
        if end == dt.date.max:
            return out
    if day <= last:
        out.append((day, last))
    return out


def diff(old: Organization, new: Organization, *, old_day: dt.date | None = None,
         new_day: dt.date | None = None) -> Diff:
    """Compare two organizations; ``old_day`` / ``new_day`` keep only bodies and seats in force on those days."""
    if old_day is not None or new_day is not None:
        old, new = _restricted(old, old_day), _restricted(new, new_day)
    pairing = pairs(old, new)
    held_new: dict[URIRef, set[URIRef]] = {}
    for b in new.bodies:
        for t in b.tasks:
            held_new.setdefault(t, set()).add(b.iri)
    successor: dict[URIRef, set[URIRef]] = {}
    predecessor: dict[URIRef, set[URIRef]] = {}
    for olds, news, _ in pairing:
        for o in olds:
            for n in news:
                successor.setdefault(o, set()).add(n)
                predecessor.setdefault(n, set()).add(o)
    changes = [_change(old, new, olds, news, events, (old_day, new_day), held_new, successor, predecessor)
               for olds, news, events in pairing]
    order = {s: n for n, s in enumerate(STATUSES)}
    changes.sort(key=lambda c: (order[c.status], c.key))
    return Diff(changes=tuple(changes), gaps=_gaps(old, new, changes))


def _restricted(org: Organization, day: dt.date | None) -> Organization:
    if day is None:
        return org
    return Organization(model=org.model, scenario=org.scenario, bodies=org.on(day))
