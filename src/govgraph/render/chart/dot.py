"""Scope → graphviz DOT: boxes with HTML-like labels, clusters by area, levels ranked, a legend.

In: a :class:`Scope`, a language and a detail (summary, seats or members).
Out: a :class:`Chart` — the DOT source and the accessible title of every SVG
element id. Every string from the data reaches DOT only inside an HTML-like
label, through :func:`e` (entities for markup, doubled backslashes), so markup
in a label is drawn as text; ids are derived from IRIs and carry no data text.
Everything is sorted, so the same model gives the same DOT byte for byte. Hover
text in the SVG is each element's <title> (set by the engine), so no graphviz
tooltip is needed.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

import graphviz
from rdflib import URIRef
from rdflib.namespace import RDF

from ...i18n import long_date
from ...model import subclasses
from ...vocab import GG
from ..escape import terminal
from .boxes import SIDE_ORDER, Box, SeatRow, boxes, counts_text, level_rank, side_key
from .scope import ADVISES, REPORTS, Scope
from .words import count, steps, w

DETAILS = ("summary", "seats", "members")
FONT = "Arial"  # metric-compatible Liberation Sans on Linux; present on the secretariat's Windows/Mac

#: Okabe–Ito colours (safe for the common colour-vision deficiencies), all readable with black text.
SIDE_COLOURS = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7")
EXTRA_SIDE_COLOURS = ("#F0E442", "#DDDDDD")
#: Paul Tol's pale scheme for the level of a body (the level is also written in the box).
LEVEL_COLOURS = {1: "#BBCCEE", 2: "#CCDDAA", 3: "#EEEEBB"}
OTHER_LEVEL_COLOUR = "#DDDDDD"
LINE_COLOUR = "#333333"
FRAME_COLOUR = "#555555"

BADGES_PER_ROW = 2
KIND_LEVEL_WIDTH = 40  # characters of "kind · level" on one line before it breaks in two

VACANT_MARK = "○"
HELD_MARK = "●"


@dataclass(frozen=True)
class Chart:
    """DOT source plus, for every element id in the SVG, the text of its <title>."""

    dot: str
    titles: dict[str, str] = field(default_factory=dict)


def node_id(iri: URIRef, prefix: str = "n") -> str:
    """A stable, readable graphviz id: the IRI's local name plus a short hash of the whole IRI."""
    text = str(iri)
    local = re.sub(r"[^a-z0-9]+", "_", text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1].lower()).strip("_")
    return f"{prefix}_{local[:40]}_{hashlib.sha1(text.encode('utf-8')).hexdigest()[:6]}"


def side_colour(side: URIRef | None, others: list[URIRef | None]) -> str:
    if side in SIDE_ORDER:
        return SIDE_COLOURS[SIDE_ORDER.index(side)]
    extra = sorted((s for s in others if s not in SIDE_ORDER), key=side_key)
    index = extra.index(side) if side in extra else len(EXTRA_SIDE_COLOURS) - 1
    return EXTRA_SIDE_COLOURS[min(index, len(EXTRA_SIDE_COLOURS) - 1)]


def e(text: str) -> str:
    """Escape data for an HTML-like label: <, >, & and quotes become entities.

    graphviz also expands escapes such as \\N (the node's name) inside HTML-like
    labels, even when the backslash is written as an entity; a doubled backslash
    is the only way to draw one. Control characters (which XML cannot hold, and which would stop
    graphviz) are drawn as their visible escapes (:func:`govgraph.render.escape.terminal`).
    """
    return html.escape(terminal(text), quote=True).replace("\\", "\\\\")


#: Browsers draw Arial/Liberation Sans about 2.6 % wider than graphviz (pango) measures it, so a long
#: left-aligned line ran into its box's border: one no-break space of room per 20 characters.
ROOM_PER_CHARS = 20
_TAG = re.compile(r"<[^>]*>|&[#\w]+;")


def _room(markup: str) -> str:
    """No-break spaces to append to a left-aligned line of label markup so the browser's wider text still fits."""
    length = len(_TAG.sub("x", markup))
    return "&#160;" * (1 + length // ROOM_PER_CHARS)


def _small(text: str) -> str:
    return f'<FONT POINT-SIZE="8">{text}</FONT>'


class _Writer:
    def __init__(self, scope: Scope, lang: str, detail: str) -> None:
        self.scope, self.lang, self.detail = scope, lang, detail
        self.boxes = boxes(scope, lang)
        self.sides = sorted({r.side for b in self.boxes.values() for r in b.seats}, key=side_key)
        self.titles: dict[str, str] = {}

    # ------------------------------------------------------------- labels

    def _badge(self, side: URIRef | None, text: str) -> str:
        return f'<TD BGCOLOR="{side_colour(side, self.sides)}" BORDER="1" COLOR="{FRAME_COLOUR}">{e(text)}{_room(e(text))}</TD>'

    def _row(self, inner: str, align: str = "LEFT") -> str:
        if align == "LEFT":
            inner += _room(inner)
        return f'<TR><TD ALIGN="{align}" BALIGN="LEFT">{inner}</TD></TR>'

    def _seat_row(self, row: SeatRow) -> str:
        text = e(row.text)
        if row.count > 1:
            text = f"{row.count} × {text}"
        if row.marks:
            text += " · <I>" + e(", ".join(row.marks)) + "</I>"
        if self.detail == "members":
            who = e(", ".join(row.holders)) if row.holders else f"{VACANT_MARK} {e(w('unrecorded', self.lang))}"
        else:
            who = VACANT_MARK if row.vacant else HELD_MARK
        return (f"<TR>{self._badge(row.side, row.side_label)}<TD ALIGN=\"LEFT\">{text}{_room(text)}</TD>"
                f"<TD ALIGN=\"LEFT\">{who}</TD></TR>")

    @staticmethod
    def _kind_level(b: Box) -> str:
        joint = " · " if len(b.kind) + len(b.level) <= KIND_LEVEL_WIDTH else "<BR/>"
        return e(b.kind) + joint + e(b.level)

    def label(self, b: Box) -> str:
        colour = LEVEL_COLOURS.get(b.level_rank, OTHER_LEVEL_COLOUR)
        rows = [f'<TR><TD BGCOLOR="{colour}"><B>{e(b.label)}{_room(e(b.label))}</B></TD></TR>',
                f'<TR><TD BGCOLOR="{colour}">{_small(self._kind_level(b))}</TD></TR>']
        if self.detail == "summary":
            # The seat list marks the offices itself; the summary names them on top.
            for office, who in b.offices:
                rows.append(self._row(f"{e(office)}: {e(who)}"))
            if b.voting_by_side:
                # Two badges a row keeps boxes narrow enough for a chart pasted into an A4 page.
                badges = [self._badge(side, f"{label} {n}") for side, label, n in b.voting_by_side]
                grid = "".join("<TR>" + "".join(badges[i:i + BADGES_PER_ROW]) + "</TR>"
                               for i in range(0, len(badges), BADGES_PER_ROW))
                rows.append(f'<TR><TD><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="3">{grid}</TABLE></TD></TR>')
            if b.observers_by_side:
                rows.append(self._row(e(f"{w('observers', self.lang)}: {counts_text(b.observers_by_side)}")))
            if b.ad_hoc_by_side:
                rows.append(self._row(e(f"{w('ad_hoc', self.lang)}: {counts_text(b.ad_hoc_by_side)}")))
        else:
            seat_rows = b.grouped_seats()  # held seats stay apart: their holders differ
            if seat_rows:
                inner = "".join(self._seat_row(r) for r in seat_rows)
                rows.append(f'<TR><TD><TABLE BORDER="0" CELLSPACING="1" CELLPADDING="2">{inner}</TABLE></TD></TR>')
            if self.detail == "members" and b.other_members:
                rows.append(self._row(_small(e(f"{w('other_members', self.lang)}: {', '.join(b.other_members)}"))))
        if b.seat_count:
            tally = count(b.seat_count, "seat", "seats", self.lang)
            if b.no_holder:
                tally += f", {VACANT_MARK} {b.no_holder} {w('no_holder', self.lang)}"
        else:
            tally = w("no_seats", self.lang)
        rows.append(self._row(_small(e(tally)), "CENTER"))
        return (f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="{FRAME_COLOUR}" '
                f'BGCOLOR="white">{"".join(rows)}</TABLE>>')

    def legend(self) -> str:
        lang, org = self.lang, self.scope.org

        def group(name: str, cells: list[str]) -> str:
            inner = f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="3"><TR>{"".join(cells)}</TR></TABLE>'
            return f'<TR><TD ALIGN="LEFT">{e(name)}</TD><TD ALIGN="LEFT">{inner}</TD></TR>'

        rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{e(w("legend", lang))}</B></TD></TR>']
        if self.sides:
            rows.append(group(w("side", lang), [self._badge(s, org.label(s, lang) if s else w("side_unknown", lang))
                                                for s in self.sides]))
        levels = sorted({b.level_rank: b.level for b in self.boxes.values()}.items())
        rows.append(group(w("level", lang), [
            f'<TD BGCOLOR="{LEVEL_COLOURS.get(rank, OTHER_LEVEL_COLOUR)}" BORDER="1" COLOR="{FRAME_COLOUR}">'
            f'{e(name)}</TD>' for rank, name in levels]))
        marks = [f"{VACANT_MARK} {w('no_holder', lang)}"]
        if self.detail == "seats":  # the members view names the holders instead
            marks.append(f"{HELD_MARK} {w('holder', lang)}")
        gap = "\u2003\u2003"  # em spaces: plain text cells, so they do not stretch like nested tables
        # Explain only what the chart shows.
        kinds = {line.kind for line in self.scope.lines}
        lines = [f"——▶ {e(w('reports_to', lang))}"] if REPORTS in kinds else []
        lines += [f"- - ▷ {e(w('advises', lang))}"] if ADVISES in kinds else []
        if self.scope.outside:
            lines.append(f"[- -] {e(w('outside', lang))}")
        if lines:
            rows.append(f'<TR><TD ALIGN="LEFT">{e(w("lines", lang))}</TD><TD ALIGN="LEFT">{gap.join(lines)}{_room(gap.join(lines))}</TD></TR>')
        rows.append(f'<TR><TD ALIGN="LEFT">{e(w("seats", lang))}</TD><TD ALIGN="LEFT">{e(gap.join(marks))}{_room(e(gap.join(marks)))}</TD></TR>')
        return (f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" COLOR="{FRAME_COLOUR}">'
                f'{"".join(rows)}</TABLE>>')

    def title(self) -> str:
        org, lang = self.scope.org, self.lang
        name = org.label(org.scenario.iri, lang) if org.scenario.iri else ""
        parts = [org.label(org.scenario.status, lang)] if org.scenario.status else []
        parts.append(f"{w('as_of', lang)} {long_date(self.scope.day, lang)}" if self.scope.day else w("all_dates", lang))
        if self.scope.focus is not None:
            parts.append(f"{w('focus', lang)}: {org.label(self.scope.focus, lang)}, {steps(self.scope.depth, lang)}")
        self.titles["chart"] = " — ".join(p for p in (name, ", ".join(parts)) if p)
        head = f'<FONT POINT-SIZE="16"><B>{e(name)}</B></FONT><BR ALIGN="LEFT"/>' if name else ""
        return f'<{head}{e(", ".join(parts))}<BR ALIGN="LEFT"/>>'

    # -------------------------------------------------------------- graph

    def areas(self) -> dict[URIRef, list[Box]]:
        """Bodies grouped by an area that is a gg:Area (a health cluster, a council area); others stand alone."""
        area_classes = subclasses(self.scope.org.graph, GG.Area)
        graph = self.scope.org.graph
        grouped: dict[URIRef, list[Box]] = {}
        for b in self.boxes.values():
            if b.area is not None and any(t in area_classes for t in graph.objects(b.area, RDF.type)):
                grouped.setdefault(b.area, []).append(b)
        return grouped

    def build(self) -> Chart:
        dot = graphviz.Digraph("govgraph")
        dot.attr("graph", id="chart", charset="UTF-8", fontname=FONT, fontsize="11", label=self.title(),
                 labelloc="t", labeljust="l", newrank="true", rankdir="TB", nodesep="0.3", ranksep="0.45",
                 pad="0.2", outputorder="edgesfirst")
        dot.attr("node", shape="plain", fontname=FONT, fontsize="10")
        dot.attr("edge", fontname=FONT, fontsize="9", color=LINE_COLOUR, arrowsize="0.7")
        dot.node("legend", id="legend", label=self.legend())
        self.titles["legend"] = w("legend", self.lang)
        order = lambda b: (b.level_rank, b.label, str(b.iri))  # noqa: E731
        grouped = self.areas()
        in_area = {b.iri for members in grouped.values() for b in members}
        for b in sorted((b for b in self.boxes.values() if b.iri not in in_area), key=order):
            self._node(dot, b)
        org = self.scope.org
        for area in sorted(grouped, key=lambda a: (org.label(a, self.lang), str(a))):
            cid = node_id(area, "cluster")
            self.titles[cid] = org.label(area, self.lang)
            with dot.subgraph(name=cid) as sub:
                sub.attr(id=cid, label=f"<<B>{e(org.label(area, self.lang))}</B>>", labeljust="l",
                         style="rounded,dashed", color="#777777", fontsize="11")
                for b in sorted(grouped[area], key=order):
                    self._node(sub, b)
        for iri in self.scope.outside:
            nid = node_id(iri)
            self.titles[nid] = org.label(iri, self.lang)
            dot.node(nid, id=nid, label=f'<{e(org.label(iri, self.lang))}<BR/>{_small(e(w("outside", self.lang)))}>',
                     shape="box", style="rounded,dashed", margin="0.1,0.05")
        self._levels(dot)
        self._lines(dot)
        return Chart(dot.source, dict(sorted(self.titles.items())))

    def _node(self, graph: graphviz.Digraph, b: Box) -> None:
        nid = node_id(b.iri)
        self.titles[nid] = b.label
        graph.node(nid, id=nid, label=self.label(b))

    def _levels(self, dot: graphviz.Digraph) -> None:
        """Political above administrative above operational: an invisible boundary between consecutive levels.

        Every body of the upper level points at the boundary and the boundary at
        every body of the lower one (weight 0, so the boundary does not pull boxes
        sideways; minlen 0 below it, so no empty rank is added).
        """
        org = self.scope.org
        rank_of = {node_id(b.iri): b.level_rank for b in self.boxes.values()}
        for iri in self.scope.outside:
            level = next(iter(sorted(org.graph.objects(iri, GG.level), key=str)), None)
            rank_of[node_id(iri)] = level_rank(org, level if isinstance(level, URIRef) else None)
        ranks = sorted(set(rank_of.values()))
        for upper, lower in zip(ranks, ranks[1:]):
            boundary = f"level_{upper}_{lower}"
            dot.node(boundary, label="", shape="point", style="invis", width="0", height="0")
            for nid in sorted(n for n, r in rank_of.items() if r == upper):
                dot.edge(nid, boundary, style="invis", weight="0")
            for nid in sorted(n for n, r in rank_of.items() if r == lower):
                dot.edge(boundary, nid, style="invis", weight="0", minlen="0")

    def _lines(self, dot: graphviz.Digraph) -> None:
        org, lang = self.scope.org, self.lang
        for line in self.scope.lines:
            source, target = node_id(line.source), node_id(line.target)
            verb = w("reports_to" if line.kind == REPORTS else "advises", lang)
            eid = f"e_{line.kind}_{source}_{target}"
            self.titles[eid] = f"{org.label(line.source, lang)} {verb} {org.label(line.target, lang)}"
            if line.kind == REPORTS:
                # Drawn from the superior down, so dot ranks it above; the arrow points up at it.
                dot.edge(target, source, id=eid, dir="back", arrowtail="normal")
            elif line.kind == ADVISES:
                dot.edge(source, target, id=eid, style="dashed", arrowhead="empty", constraint="false")


def to_dot(scope: Scope, lang: str = "en", detail: str = "summary") -> Chart:
    """The chart of a scope as DOT (see the module docstring)."""
    return _Writer(scope, lang, detail).build()
