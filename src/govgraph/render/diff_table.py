"""Minute 001's two-column table, generated: Markdown and a standalone HTML page.

In: a diff, the old and new organizations, a language, and whether pairs of the
same kinds fold into one row (``by_kind``: "Politiske klynger" beside
"Politiske sundhedsklynger", as the minute writes it) or each body pair gets its
own row. Out: text. Each cell holds one block per kind of body: its name, its
validity, "Composition:" lines and "Tasks:" bullets. Below the table: what
changed per pair and the tasks no body holds in the transition.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from itertools import groupby

from rdflib import URIRef

from ..diff import Change, Diff
from ..i18n import long_date
from ..model import Body, Organization
from . import escape
from .composition import composition, tasks
from .diff_text import Labels, change_lines, gap_lines, status_text, title
from .diff_words import w


@dataclass(frozen=True)
class Block:
    """One kind of body in a cell: names, validity, composition lines and task labels."""

    names: tuple[str, ...]
    kind: str
    dates: str
    composition: tuple[str, ...]
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    old: tuple[Block, ...]
    new: tuple[Block, ...]
    changes: tuple[Change, ...]


def _dates(bodies: list[Body], lang: str) -> str:
    starts = sorted({b.valid_from for b in bodies if b.valid_from}, key=dt.date.isoformat)
    ends = sorted({b.valid_until for b in bodies if b.valid_until}, key=dt.date.isoformat)
    parts = []
    if starts:
        parts.append(f"{w('from_date', lang)} {' / '.join(long_date(d, lang) for d in starts)}")
    if ends:
        parts.append(f"{w('until', lang)} {' / '.join(long_date(d, lang) for d in ends)}")
    return " ".join(parts)


def _blocks(org: Organization, iris: list[URIRef], day: dt.date | None, lang: str) -> tuple[Block, ...]:
    bodies = sorted((org.by_iri[i] for i in set(iris)), key=lambda b: (str(b.level), str(b.kind), org.label(b.iri, lang)))
    out = []
    for kind, group in groupby(bodies, key=lambda b: (b.level, b.kind)):
        members = list(group)
        out.append(Block(
            names=tuple(sorted((org.label(b.iri, lang) for b in members), key=str.casefold)),
            kind=org.label(kind[1], lang), dates=_dates(members, lang),
            composition=tuple(composition(org, members, day, lang)), tasks=tuple(tasks(org, members, lang))))
    return tuple(out)


def rows(diff: Diff, old: Organization, new: Organization, lang: str = "en", *, by_kind: bool = False,
         days: tuple[dt.date | None, dt.date | None] = (None, None)) -> list[Row]:
    """Table rows in the diff's order; with ``by_kind``, pairs whose old and new kinds agree share a row."""
    groups: dict[object, list[Change]] = {}
    for change in diff.changes:
        if by_kind:
            key = (tuple(sorted({str(old.by_iri[i].kind) for i in change.old})),
                   tuple(sorted({str(new.by_iri[i].kind) for i in change.new})), change.status)
        else:
            key = change.key
        groups.setdefault(key, []).append(change)
    out = []
    for changes in groups.values():
        olds = [i for c in changes for i in c.old]
        news = [i for c in changes for i in c.new]
        out.append(Row(_blocks(old, olds, days[0], lang), _blocks(new, news, days[1], lang), tuple(changes)))

    def order(row: Row) -> tuple:
        # As the minute reads: the top body first, then by level (political before administrative), then by name.
        bodies = [(old, i) for c in row.changes for i in c.old] + [(new, i) for c in row.changes for i in c.new]
        top = any(i in (old.scenario.top_body, new.scenario.top_body) for _, i in bodies)
        levels = [_level_rank(org, org.by_iri[i].level) for org, i in bodies]
        names = [b.names for b in row.old + row.new]
        return (not top, min(levels), names)

    return sorted(out, key=order)


def _level_rank(org: Organization, level: URIRef | None) -> str:
    """The level's skos:notation ("1" political, "2" administrative, "3" operational); unknown levels last."""
    from rdflib.namespace import SKOS

    notation = org.graph.value(level, SKOS.notation) if level is not None else None
    return str(notation) if notation is not None else "~"


def _md(text: str) -> str:
    """Data text safe in a Markdown table cell (:func:`govgraph.render.escape.markdown`)."""
    return escape.markdown(text)


def _md_cell(blocks: tuple[Block, ...], lang: str) -> str:
    if not blocks:
        return "—"
    parts = []
    for block in blocks:
        lines = [f"**{_md(', '.join(block.names))}**"]
        meta = ", ".join(x for x in (block.kind if len(block.names) > 1 else "", block.dates) if x)
        if meta:
            lines.append(f"_{_md(meta)}_")
        lines.append(f"{w('composition', lang)}:")
        lines += [f"• {_md(line)}" for line in block.composition] or [f"• {w('no_seats', lang)}"]
        lines.append(f"{w('tasks', lang)}:")
        lines += [f"• {_md(task)}" for task in block.tasks] or [f"• {w('no_tasks', lang)}"]
        parts.append("<br>".join(lines))
    return "<br><br>".join(parts)


def _scenario(org: Organization, lang: str) -> str:
    return org.label(org.scenario.iri, lang) if org.scenario.iri else "—"


def to_markdown(diff: Diff, old: Organization, new: Organization, lang: str = "en", *, by_kind: bool = False,
                days: tuple[dt.date | None, dt.date | None] = (None, None)) -> str:
    """The table, then '## Changes' (one bullet per changed pair) and '## Transition'."""
    label = Labels(old, new, lang)
    out = [f"# {w('title', lang)}", "", f"{_md(_scenario(old, lang))} → {_md(_scenario(new, lang))}", "",
           f"| {w('old', lang)} | {w('new', lang)} |", "|---|---|"]
    for row in rows(diff, old, new, lang, by_kind=by_kind, days=days):
        out.append(f"| {_md_cell(row.old, lang)} | {_md_cell(row.new, lang)} |")
    out += ["", f"## {w('changes', lang)}", ""]
    listed = False
    for change in diff.changes:
        if change.status == "unchanged":
            continue
        listed = True
        out.append(f"- **{_md(title(change, label))}** ({status_text(change, lang)})")
        out += [f"  - {_md(line)}" for line in change_lines(change, label)]
    if not listed:
        out.append(f"- {w('no_changes', lang)}")
    out += ["", f"## {w('transition', lang)}", ""]
    gaps = gap_lines(diff, label)
    for line in gaps:
        out.append(f"  - {_md(line.strip())}" if line.startswith("  ") else f"- **{_md(line)}**")
    if not gaps:
        out.append(f"- {w('no_gaps', lang)}")
    return "\n".join(out) + "\n"


def _html_cell(blocks: tuple[Block, ...], lang: str) -> str:
    if not blocks:
        return "<td class=\"none\">—</td>"
    e = html.escape
    parts = []
    for block in blocks:
        meta = ", ".join(x for x in (block.kind if len(block.names) > 1 else "", block.dates) if x)
        comp = "".join(f"<li>{e(line)}</li>" for line in block.composition) or f"<li>{w('no_seats', lang)}</li>"
        task_items = "".join(f"<li>{e(task)}</li>" for task in block.tasks) or f"<li>{w('no_tasks', lang)}</li>"
        parts.append(f"<div class=\"block\"><h3>{e(', '.join(block.names))}</h3>"
                     + (f"<p class=\"meta\">{e(meta)}</p>" if meta else "")
                     + f"<p>{w('composition', lang)}:</p><ul>{comp}</ul>"
                     f"<p>{w('tasks', lang)}:</p><ul>{task_items}</ul></div>")
    return f"<td>{''.join(parts)}</td>"


STYLE = """
body{font-family:Arial,Helvetica,sans-serif;margin:2em;color:#111;max-width:80em}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #555;vertical-align:top;padding:.5em;text-align:left;width:50%}
th{background:#ddd}
tr.abolished td:first-child,tr.added td:last-child{border-width:3px}
h3{margin:.2em 0;font-size:1em}
p{margin:.3em 0}.meta{font-style:italic;color:#333}
ul{margin:.2em 0 .6em 1.2em;padding:0}
.status{font-size:.85em;font-weight:normal}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}
"""


def to_html(diff: Diff, old: Organization, new: Organization, svg: str, lang: str = "en", *, by_kind: bool = False,
            days: tuple[dt.date | None, dt.date | None] = (None, None)) -> str:
    """A standalone page: title, the diagram (inline SVG), the table, changes and transition gaps; no external resources."""
    e = html.escape
    label = Labels(old, new, lang)
    heading = f"{_scenario(old, lang)} → {_scenario(new, lang)}"
    out = ["<!DOCTYPE html>", f"<html lang=\"{lang}\">", "<head>", "<meta charset=\"utf-8\">",
           f"<title>{e(w('title', lang))}: {e(heading)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
           f"<h1>{e(w('title', lang))}</h1>", f"<p>{e(heading)}</p>"]
    # The SVG is graphviz's own output (its XML prolog dropped), with every data string escaped there.
    svg_body = svg[svg.index("<svg"):] if "<svg" in svg else svg
    out += [f"<figure>{svg_body}</figure>", "<table>",
            f"<thead><tr><th>{e(w('old', lang))}</th><th>{e(w('new', lang))}</th></tr></thead>", "<tbody>"]
    for row in rows(diff, old, new, lang, by_kind=by_kind, days=days):
        statuses = sorted({c.status for c in row.changes})
        out.append(f"<tr class=\"{' '.join(statuses)}\">{_html_cell(row.old, lang)}{_html_cell(row.new, lang)}</tr>")
    out += ["</tbody>", "</table>", f"<h2>{e(w('changes', lang))}</h2>", "<ul>"]
    listed = False
    for change in diff.changes:
        if change.status == "unchanged":
            continue
        listed = True
        items = "".join(f"<li>{e(line)}</li>" for line in change_lines(change, label))
        out.append(f"<li><strong>{e(title(change, label))}</strong> <span class=\"status\">({e(status_text(change, lang))})</span>"
                   + (f"<ul>{items}</ul>" if items else "") + "</li>")
    if not listed:
        out.append(f"<li>{e(w('no_changes', lang))}</li>")
    out += ["</ul>", f"<h2>{e(w('transition', lang))}</h2>", "<ul>"]
    gaps = gap_lines(diff, label)
    open_list = False
    for line in gaps:
        if line.startswith("  "):
            if not open_list:
                out.append("<ul>")
                open_list = True
            out.append(f"<li>{e(line.strip())}</li>")
        else:
            if open_list:
                out.append("</ul></li>")
                open_list = False
            out.append(f"<li><strong>{e(line)}</strong>")
    if open_list:
        out.append("</ul></li>")
    if not gaps:
        out.append(f"<li>{e(w('no_gaps', lang))}</li>")
    out += ["</ul>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
