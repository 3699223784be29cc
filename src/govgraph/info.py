"""``govgraph info``: what a model contains, counted by body, side and role."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from .i18n import t
from .model import Body, Organization


@dataclass(frozen=True)
class BodySummary:
    iri: str
    label: str
    kind: str
    level: str
    valid_from: str
    valid_until: str
    in_force: bool
    seats: int
    voting: int
    observers: int
    ad_hoc: int
    without_holder: int
    by_side: tuple[tuple[str, int], ...]
    observers_by_side: tuple[tuple[str, int], ...]
    by_role: tuple[tuple[str, int], ...]
    by_constituency: tuple[tuple[str, int], ...]
    chair: tuple[str, ...]
    members: int
    tasks: tuple[str, ...]
    reports_to: tuple[str, ...]
    advises: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    scenario: str
    status: str
    date: str
    bodies: tuple[BodySummary, ...]
    persons: int
    tasks: int

    def to_json(self) -> str:
        def pairs(items: tuple[tuple[str, int], ...]) -> dict[str, int]:
            return dict(items)

        data = {
            "scenario": self.scenario, "status": self.status, "date": self.date,
            "persons": self.persons, "tasks": self.tasks,
            "bodies": [
                {**{k: v for k, v in b.__dict__.items() if k not in {"by_side", "observers_by_side", "by_role", "by_constituency"}},
                 "by_side": pairs(b.by_side), "observers_by_side": pairs(b.observers_by_side), "by_role": pairs(b.by_role),
                 "by_constituency": pairs(b.by_constituency)}
                for b in self.bodies
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2, default=list) + "\n"


def _count(labels: list[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(labels).items(), key=lambda kv: (-kv[1], kv[0])))


def _body(org: Organization, body: Body, day: dt.date | None, lang: str) -> BodySummary:
    seats = body.permanent_seats_on(day)
    ad_hoc = [s for s in body.seats_on(day) if s.ad_hoc]
    return BodySummary(
        iri=str(body.iri), label=org.label(body.iri, lang), kind=org.label(body.kind, lang),
        level=org.label(body.level, lang) if body.level else "",
        valid_from=body.valid_from.isoformat() if body.valid_from else "",
        valid_until=body.valid_until.isoformat() if body.valid_until else "",
        in_force=body.valid_on(day),
        seats=len(seats), voting=sum(1 for s in seats if s.voting),
        observers=sum(1 for s in seats if not s.voting), ad_hoc=len(ad_hoc),
        without_holder=sum(1 for s in seats if not body.holders_on(s, day)),
        by_side=_count([org.label(s.side, lang) for s in seats if s.voting]),
        observers_by_side=_count([org.label(s.side, lang) for s in seats if not s.voting]),
        by_role=_count([org.label(s.role, lang) for s in seats]),
        by_constituency=_count([org.label(s.represents, lang) for s in seats]),
        chair=tuple(sorted(f"{org.label(o, lang)}: {org.label(s.iri, lang)}" for s in seats for o in s.offices)),
        members=len({m.person for m in body.memberships if m.valid_on(day)}),
        tasks=tuple(sorted(org.label(x, lang) for x in body.tasks)),
        reports_to=tuple(sorted(org.label(x, lang) for x in body.reports_to)),
        advises=tuple(sorted(org.label(x, lang) for x in body.advises)),
    )


def summarize(org: Organization, day: dt.date | None = None, lang: str = "en") -> Summary:
    """Counts for every body of the organization; ``day`` defaults to the scenario's date."""
    day = day or org.date
    bodies = tuple(sorted((_body(org, b, day, lang) for b in org.bodies), key=lambda b: (b.label, b.iri)))
    scenario = org.label(org.scenario.iri, lang) if org.scenario.iri else t("no_scenario", lang)
    return Summary(
        scenario=scenario,
        status=org.label(org.scenario.status, lang) if org.scenario.status else "",
        date=day.isoformat() if day else "",
        bodies=bodies, persons=len(org.persons()), tasks=len(org.tasks()))


def _pairs(items: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{name} {n}" for name, n in items) or "—"


def render_text(summary: Summary, lang: str = "en") -> str:
    """Plain text, one block per body."""
    head = f"{t('scenario', lang)}: {summary.scenario}"
    if summary.status:
        head += f" ({summary.status})"
    if summary.date:
        head += f", {t('as_of', lang)} {summary.date}"
    lines = [head, ""]
    in_force = [b for b in summary.bodies if b.in_force]
    for b in summary.bodies:
        dates = f"{b.valid_from or '…'} – {b.valid_until or '…'}"
        title = f"{b.label} — {b.kind}" + (f", {b.level}" if b.level else "") + f", {dates}"
        if not b.in_force:
            title += f" [{t('not_in_force', lang)}]"
        lines.append(title)
        seat_line = (f"  {t('seats', lang)}: {b.seats} ({t('voting', lang)} {b.voting}, {t('observers', lang)} "
                     f"{b.observers}, {t('no_holder', lang)} {b.without_holder})")
        if b.ad_hoc:
            seat_line += f"; {t('ad_hoc', lang)} {b.ad_hoc}"
        lines.append(seat_line)
        lines.append(f"  {t('by_side', lang)} ({t('voting', lang)}): {_pairs(b.by_side)}")
        if b.observers:
            lines.append(f"  {t('observers', lang)}: {_pairs(b.observers_by_side)}")
        lines.append(f"  {t('by_role', lang)}: {_pairs(b.by_role)}")
        lines.append(f"  {t('by_constituency', lang)}: {_pairs(b.by_constituency)}")
        for chair in b.chair:
            lines.append(f"  {chair}")
        if b.members:
            lines.append(f"  {t('members', lang)}: {b.members}")
        lines.append(f"  {t('tasks', lang)} ({len(b.tasks)}): " + ("; ".join(b.tasks) or "—"))
        if b.reports_to:
            lines.append(f"  {t('reports_to', lang)}: " + "; ".join(b.reports_to))
        if b.advises:
            lines.append(f"  {t('advises', lang)}: " + "; ".join(b.advises))
        lines.append("")
    total_seats = sum(b.seats for b in in_force)
    lines.append(f"{t('totals', lang)}: {t('bodies', lang)} {len(in_force)}, {t('seats', lang)} {total_seats}, "
                 f"{t('persons', lang)} {summary.persons}, {t('tasks', lang)} {summary.tasks}")
    return "\n".join(lines) + "\n"
