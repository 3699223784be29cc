"""The old and the new structure side by side, as graphviz DOT, SVG or PNG.

In: a diff, the old and new organizations, a language. Out: DOT text, or the
bytes graphviz's ``dot`` draws from it. Old bodies sit in a cluster on the left,
new ones in a cluster on the right, each with its reporting lines; an arrow runs
from each predecessor to its successor. Change is coded twice, so the picture
reads in black and white: a colour (Okabe–Ito, safe for colour-blind readers)
and a border style plus a badge text (ABOLISHED, NEW, CHANGED, RENAMED). A
legend explains both. Every data string is escaped; node ids come from IRIs, so
the same input gives the same bytes.

(The ``draw`` branch has its own chart module; this one is kept small and
separate until that lands, then the engine part can be shared.)
"""

from __future__ import annotations

import datetime as dt

from rdflib import URIRef

from ..diff import ABOLISHED, ADDED, CHANGED, RENAMED, UNCHANGED, Diff
from ..model import Organization
from .chart import engine
from .chart.dot import Chart, e, node_id
from .diff_words import w

FONT = "Arial"
#: status → (fill, border colour, border style, pen width, badge key). Colours: Okabe–Ito, pale fills.
STYLES: dict[str, tuple[str, str, str, str, str]] = {
    ABOLISHED: ("#F9D9C4", "#D55E00", "dashed", "2", "abolished"),
    ADDED: ("#C4EBDD", "#009E73", "bold", "3", "added"),
    CHANGED: ("#FBE6B5", "#B07800", "solid", "2", "changed"),
    RENAMED: ("#D3EAF8", "#0072B2", "dotted", "2.5", "renamed"),
    UNCHANGED: ("#FFFFFF", "#555555", "solid", "1", "unchanged"),
}
#: Arrow from predecessor to successor, by the pair's status: colour and line style.
LINKS: dict[str, tuple[str, str]] = {
    CHANGED: ("#B07800", "solid"),
    RENAMED: ("#0072B2", "dashed"),
    UNCHANGED: ("#555555", "dotted"),
}
FORMATS = ("svg", "png", "dot")


def _status_of(diff: Diff) -> tuple[dict[URIRef, tuple[str, bool]], dict[URIRef, tuple[str, bool]]]:
    """(status, renamed) each old and each new body shows: the strongest status of the pairs it is in."""
    rank = {ABOLISHED: 0, ADDED: 0, CHANGED: 1, RENAMED: 2, UNCHANGED: 3}
    old: dict[URIRef, tuple[str, bool]] = {}
    new: dict[URIRef, tuple[str, bool]] = {}
    for change in diff.changes:
        for side, iris in ((old, change.old), (new, change.new)):
            for iri in iris:
                status, renamed = side.get(iri, (UNCHANGED, False))
                if rank[change.status] < rank[status]:
                    status = change.status
                side[iri] = (status, renamed or change.renamed)
    return old, new


def _node(nid: str, name: str, kind: str, dates: str, seats: str, up: str, shown: tuple[str, bool], lang: str,
          titles: dict[str, str]) -> str:
    status, renamed = shown
    fill, colour, style, pen, badge = STYLES[status]
    words = [w(badge, lang)] + ([w("renamed", lang)] if renamed and status != RENAMED else [])
    rows = [f'<TR><TD ALIGN="LEFT"><B>{e(name)}</B></TD></TR>',
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{e(kind)}</FONT></TD></TR>']
    if dates or seats:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{e(" · ".join(x for x in (seats, dates) if x))}</FONT></TD></TR>')
    if up:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444">↑ {e(up)}</FONT></TD></TR>')
    if status != UNCHANGED:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9"><B>[{e(", ".join(words).upper())}]</B></FONT></TD></TR>')
    label = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"
    titles[nid] = f"{name} ({', '.join(words)})"
    return (f'  {nid} [label={label}, shape=box, style="{style},filled", fillcolor="{fill}", '
            f'color="{colour}", penwidth={pen}];')


def _order(org: Organization, iris: list[URIRef], lang: str) -> list[URIRef]:
    """Top body first, then by level (political, administrative, operational), kind and name, as the table reads."""
    from rdflib.namespace import SKOS

    def key(iri: URIRef) -> tuple:
        body = org.by_iri[iri]
        level = org.graph.value(body.level, SKOS.notation) if body.level is not None else None
        return (iri != org.scenario.top_body, str(level) if level is not None else "~",
                org.label(body.kind, lang).casefold(), org.label(iri, lang).casefold(), str(iri))

    return sorted(iris, key=key)


def _side(org: Organization, iris: list[URIRef], status: dict[URIRef, tuple[str, bool]], prefix: str, title: str,
          lang: str, titles: dict[str, str], day: dt.date | None = None) -> list[str]:
    """One column of bodies in a cluster, each box naming the body it reports to.

    Reporting lines are written in the boxes ("↑ Health Coordination Committee")
    rather than drawn: arcs inside a column cross the successor arrows, which are
    what this picture is about.
    """
    lines = [f"  subgraph cluster_{prefix} {{",
             f'    label=<<B>{e(title)}</B>>; labeljust="l"; style="rounded"; color="#888888"; margin=14;']
    ordered = _order(org, iris, lang)
    for iri in ordered:
        body = org.by_iri[iri]
        seats = len(body.permanent_seats_on(day))
        seat_text = f"{seats} {w('seats', lang)}" if seats else ""
        dates = " – ".join(d.isoformat() if d else "…" for d in (body.valid_from, body.valid_until)) \
            if body.valid_from or body.valid_until else ""
        up = ", ".join(sorted(org.label(t, lang) for t in body.reports_to))
        lines.append("  " + _node(node_id(iri, prefix), org.label(iri, lang), org.label(body.kind, lang), dates,
                                  seat_text, up, status.get(iri, (UNCHANGED, False)), lang, titles))
    if ordered:
        lines.append("    { rank=same; " + " ".join(node_id(i, prefix) for i in ordered) + " }")
        # Invisible links keep the column in the order above (graphviz would otherwise shuffle it).
        lines += [f"    {node_id(b, prefix)} -> {node_id(a, prefix)} [style=invis];" for a, b in zip(ordered, ordered[1:])]
    lines.append("  }")
    return lines


def _legend(lang: str) -> list[str]:
    """One box: the five statuses drawn as the bodies are, then the two kinds of line."""
    cells = []
    for status in (ABOLISHED, ADDED, CHANGED, RENAMED, UNCHANGED):
        fill, colour, style, pen, badge = STYLES[status]
        text = f"[{w(badge, lang).upper()}]" if status != UNCHANGED else w(badge, lang)
        border = {"bold": 'BORDER="3"', "dashed": 'BORDER="1" STYLE="dashed"', "dotted": 'BORDER="1" STYLE="dotted"'}.get(style, 'BORDER="1"')
        cells.append(f'<TR><TD {border} COLOR="{colour}" BGCOLOR="{fill}" ALIGN="LEFT"><FONT POINT-SIZE="10">{e(text)}</FONT></TD></TR>')
    # Successor arrows take the pair's colour and line style: solid (changed), dashed (renamed), dotted (unchanged).
    for status, glyph in ((CHANGED, "━━▶"), (RENAMED, "╍╍▶"), (UNCHANGED, "┈┈▶")):
        colour = LINKS[status][0]
        cells.append(f'<TR><TD BORDER="0" ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{colour}">{glyph}</FONT>'
                     f'<FONT POINT-SIZE="10"> {e(w("successor", lang))} ({e(w(status, lang))})</FONT></TD></TR>')
    cells.append(f'<TR><TD BORDER="0" ALIGN="LEFT"><FONT POINT-SIZE="10">↑ {e(w("reports_to", lang))}</FONT></TD></TR>')
    label = (f'<<TABLE BORDER="1" COLOR="#888888" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">'
             f'<TR><TD BORDER="0" ALIGN="LEFT"><B>{e(w("legend", lang))}</B></TD></TR>' + "".join(cells) + "</TABLE>>")
    # The legend is a column of its own to the right of the new structure.
    return [f"  legend [shape=plain, label={label}];", "  { rank=sink; legend }"]


def to_dot(diff: Diff, old: Organization, new: Organization, lang: str = "en",
           days: tuple[dt.date | None, dt.date | None] = (None, None)) -> tuple[str, dict[str, str]]:
    """DOT source of the diagram and the accessible title of every node id; ``days`` as given to diff (seats in force)."""
    old_status, new_status = _status_of(diff)
    titles: dict[str, str] = {}
    heading = f"{old.label(old.scenario.iri, lang) if old.scenario.iri else '—'} → " \
              f"{new.label(new.scenario.iri, lang) if new.scenario.iri else '—'}"
    titles["chart"] = f"{w('title', lang)}: {heading}"
    lines = ["digraph diff {", f'  graph [fontname="{FONT}", rankdir=LR, nodesep=0.18, ranksep=1.6, '
             f'label=<{e(heading)}>, labelloc="t", fontsize=16];',
             f'  node [fontname="{FONT}", fontsize=11, margin="0.08,0.04"];', f'  edge [fontname="{FONT}"];']
    old_iris = [i for c in diff.changes for i in c.old]  # the bodies diff compared (in force on the days given)
    new_iris = [i for c in diff.changes for i in c.new]
    lines += _side(old, sorted(set(old_iris), key=str), old_status, "o", w("old", lang), lang, titles, days[0])
    lines += _side(new, sorted(set(new_iris), key=str), new_status, "n", w("new", lang), lang, titles, days[1])
    for change in diff.changes:
        if not change.old or not change.new:
            continue
        colour, style = LINKS.get(change.status, LINKS[CHANGED])
        for o in change.old:
            for n in change.new:
                lines.append(f'  {node_id(o, "o")} -> {node_id(n, "n")} [color="{colour}", style={style}, penwidth=1.6];')
    lines += _legend(lang)
    lines.append("}")
    return "\n".join(lines) + "\n", titles


def render(diff: Diff, old: Organization, new: Organization, fmt: str = "svg", lang: str = "en",
           days: tuple[dt.date | None, dt.date | None] = (None, None)) -> bytes:
    """The diagram as ``svg``, ``png`` or ``dot`` bytes (pictures drawn by the chart engine)."""
    dot, titles = to_dot(diff, old, new, lang, days)
    if fmt == "dot":
        return dot.encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"not a diagram format: {fmt}")
    return engine.render(Chart(dot, titles), fmt, dpi="110")
