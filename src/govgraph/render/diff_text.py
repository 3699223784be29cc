"""A :class:`~govgraph.diff.Diff` as plain text and as JSON.

In: the diff, the old and new organizations (for labels) and a language.
Out: text — one block per body pair (status, old → new, what changed) and the
transition gaps — or JSON with IRIs and labels, keys and lists sorted, so the
same input gives the same bytes.
"""

from __future__ import annotations

import json
from itertools import groupby

from rdflib import URIRef

from ..diff import Change, Diff, Gap
from ..model import Organization
from .diff_words import w


class Labels:
    """Labels of old and new nodes: an old body is named from the old model, a new one from the new."""

    def __init__(self, old: Organization, new: Organization, lang: str) -> None:
        self.old, self.new, self.lang = old, new, lang

    def __call__(self, node: URIRef | None, side: str = "") -> str:
        """The label; ``side`` "old" or "new" says which model names a body both have (a renamed one)."""
        if node is None:
            return w("none", self.lang)
        if side == "new" or (side != "old" and node in self.new.by_iri and node not in self.old.by_iri):
            return self.new.label(node, self.lang)
        return self.old.label(node, self.lang)

    def names(self, nodes, side: str = "") -> str:  # noqa: ANN001 - any iterable of nodes
        return ", ".join(sorted((self(n, side) for n in nodes), key=str.casefold)) or w("none", self.lang)


def title(change: Change, label: Labels) -> str:
    """'Old → New', 'Old → (none)' or '(none) → New'."""
    return f"{label.names(change.old, 'old')} → {label.names(change.new, 'new')}"


def status_text(change: Change, lang: str) -> str:
    words = [w(change.status, lang)]
    if change.renamed and change.status != "renamed":
        words.append(w("renamed", lang))
    return ", ".join(words)


def _counts(items, label: Labels) -> str:  # noqa: ANN001 - tuple of (key, before, after)
    return ", ".join(f"{label(k)} {b} → {a}" for k, b, a in sorted(items, key=lambda x: label(x[0])) if b != a)


def change_lines(change: Change, label: Labels) -> list[str]:
    """What changed in one pair, one fact a line; nothing for an unchanged pair."""
    lang = label.lang
    lines: list[str] = []
    if change.seats[0] != change.seats[1] or change.voting[0] != change.voting[1] or \
            change.observers[0] != change.observers[1]:
        lines.append(f"{w('seats', lang)} {change.seats[0]} → {change.seats[1]} "
                     f"({w('voting', lang)} {change.voting[0]} → {change.voting[1]}, "
                     f"{w('observer_seats', lang)} {change.observers[0]} → {change.observers[1]})")
    if change.ad_hoc[0] != change.ad_hoc[1]:
        lines.append(f"{w('ad_hoc', lang)} {change.ad_hoc[0]} → {change.ad_hoc[1]}")
    for key, items in (("by_side", change.by_side), ("by_role", change.by_role), ("offices", change.offices)):
        text = _counts(items, label)
        if text:
            lines.append(f"{w(key, lang)}: {text}")
    moved = {m.task: m.to for m in change.tasks_moved}
    changed = bool(lines) or change.tasks_added or change.tasks_dropped or change.reporting_changed
    kept = change.tasks_kept if changed else ()  # an unchanged pair keeps every task; no need to list them
    for key, tasks in (("tasks_kept", kept), ("tasks_added", change.tasks_added), ("tasks_dropped", change.tasks_dropped)):
        for task in sorted(tasks, key=lambda t: label(t).casefold()):
            text = f"{w(key, lang)}: {label(task)}"
            if task in moved:
                text += f" ({w('moved_to', lang)} {label.names(moved[task], 'new')})"
            lines.append(text)
    if change.reporting_changed:
        before, after = change.reports_to
        lines.append(f"{w('reports_to', lang)}: {label.names(before, 'old')} → {label.names(after, 'new')}")
    return lines


def gap_groups(diff: Diff) -> list[tuple[tuple, list[tuple[URIRef, list[Gap]]]]]:
    """Gaps by interval, then by task, each with the pairs it occurs in."""
    out = []
    for interval, gaps in groupby(sorted(diff.gaps, key=lambda g: (g.start, g.end)), key=lambda g: (g.start, g.end)):
        by_task: dict[URIRef, list[Gap]] = {}
        for gap in gaps:
            by_task.setdefault(gap.task, []).append(gap)
        out.append((interval, sorted(by_task.items(), key=lambda kv: str(kv[0]))))
    return out


def gap_lines(diff: Diff, label: Labels) -> list[str]:
    """'2022-07-01 – 2022-07-31 (31 days)' headers, each followed by '  task (old bodies)' lines."""
    lang = label.lang
    lines = []
    for (start, end), tasks in gap_groups(diff):
        days = (end - start).days + 1
        lines.append(f"{start.isoformat()} – {end.isoformat()} ({days} {'dage' if lang == 'da' else 'days'})")
        for task, gaps in sorted(tasks, key=lambda kv: label(kv[0]).casefold()):
            olds = {o for g in gaps for o in g.old}
            lines.append(f"  {label(task)} ({label.names(olds, 'old')})")
    return lines


def to_text(diff: Diff, old: Organization, new: Organization, lang: str = "en") -> str:
    """One block per pair (changed pairs first, unchanged ones as a count), then the transition gaps."""
    label = Labels(old, new, lang)
    lines = [f"{old.label(old.scenario.iri, lang) if old.scenario.iri else '—'} → "
             f"{new.label(new.scenario.iri, lang) if new.scenario.iri else '—'}", ""]
    unchanged = 0
    for change in diff.changes:
        if change.status == "unchanged":
            unchanged += 1
            continue
        lines.append(f"{status_text(change, lang)}: {title(change, label)}")
        lines += [f"  {line}" for line in change_lines(change, label)]
    if unchanged:
        lines.append(f"{w('unchanged', lang)}: {unchanged}")
    if diff.empty:
        lines.append(w("no_changes", lang))
    lines += ["", f"{w('transition', lang)}:"]
    gaps = gap_lines(diff, label)
    lines += [f"  {line}" for line in gaps] or [f"  {w('no_gaps', lang)}"]
    counts = {s: len(diff.of_status(s)) for s in ("abolished", "added", "changed", "renamed", "unchanged")}
    lines += ["", f"{w('summary', lang)}: " + ", ".join(f"{w(s, lang)} {n}" for s, n in counts.items())]
    return "\n".join(lines) + "\n"


def to_json(diff: Diff, old: Organization, new: Organization, lang: str = "en") -> str:
    """The diff for machines: IRIs with labels in ``lang``, every list sorted, keys sorted."""
    label = Labels(old, new, lang)

    def node(iri: URIRef | None, side: str = "") -> dict[str, str] | None:
        return None if iri is None else {"iri": str(iri), "label": label(iri, side)}

    def nodes(iris, side: str = "") -> list[dict[str, str]]:  # noqa: ANN001
        return [node(i, side) for i in sorted(iris, key=str)]  # type: ignore[misc]

    def counts(items) -> list[dict[str, object]]:  # noqa: ANN001
        return [{"key": node(k), "before": b, "after": a} for k, b, a in sorted(items, key=lambda x: str(x[0]))]

    data = {
        "old": node(old.scenario.iri, "old"), "new": node(new.scenario.iri, "new"), "empty": diff.empty,
        "changes": [{
            "status": c.status, "renamed": c.renamed, "old": nodes(c.old, "old"), "new": nodes(c.new, "new"), "events": nodes(c.events),
            "seats": {"before": c.seats[0], "after": c.seats[1]},
            "voting": {"before": c.voting[0], "after": c.voting[1]},
            "observers": {"before": c.observers[0], "after": c.observers[1]},
            "ad_hoc": {"before": c.ad_hoc[0], "after": c.ad_hoc[1]},
            "by_side": counts(c.by_side), "by_role": counts(c.by_role), "offices": counts(c.offices),
            "tasks": {"kept": nodes(c.tasks_kept), "added": nodes(c.tasks_added), "dropped": nodes(c.tasks_dropped),
                      "moved": [{"task": node(m.task), "to": nodes(m.to, "new")} for m in sorted(c.tasks_moved, key=lambda m: str(m.task))]},
            "reports_to": {"before": nodes(c.reports_to[0], "old"), "after": nodes(c.reports_to[1], "new"), "changed": c.reporting_changed},
        } for c in diff.changes],
        "gaps": [{"task": node(g.task), "start": g.start.isoformat(), "end": g.end.isoformat(),
                  "old": nodes(g.old, "old"), "new": nodes(g.new, "new")} for g in diff.gaps],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
