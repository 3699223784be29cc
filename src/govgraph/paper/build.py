"""Gather what a meeting paper says, in the reader's language, as frozen records.

:func:`build` validates the model, draws one chart per area (cluster, council area) and one for the
bodies that belong to no area, an overview when there is more than one, the old-versus-new table
against a baseline and the comparison table with variants. The writers only lay these out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from ..i18n import Text, long_date
from ..load import Model
from ..model import Organization, organization
from ..render.findings import SEVERITY_WORDS, localized, summary_line
from ..report import Report, Severity
from .pages import A3_LANDSCAPE, A4, A4_LANDSCAPE, Page, fit

#: One table cell: lines of (style, text); style "b" bold, "i" italic, "li" a list item, "" plain.
Cell = tuple[tuple[str, str], ...]

WORDS = {
    "title": Text("Mødesag", "Meeting paper"),
    "summary": Text("Resumé", "Summary"),
    "scenario": Text("Forslag", "Proposal"),
    "status": Text("Status", "Status"),
    "date": Text("Gælder fra", "Effective"),
    "files": Text("Filer", "Files"),
    "bodies": Text("Organer i kraft", "Bodies in force"),
    "seats": Text("Pladser med stemmeret", "Voting seats"),
    "observers": Text("Observatører uden stemmeret", "Observers without a vote"),
    "ad_hoc": Text("Ad hoc-pladser (tælles ikke med)", "Ad-hoc seats (not counted)"),
    "result": Text("Kontrol", "Check"),
    "conforms": Text("Forslaget overholder de regler, der gælder på datoen.",
                     "The proposal obeys the rules in force on its date."),
    "breaks": Text("Forslaget bryder mindst én bindende regel; se fundene nedenfor.",
                   "The proposal breaks at least one binding rule; see the findings below."),
    "findings": Text("Fund efter organ", "Findings by body"),
    "no_findings": Text("Ingen fund.", "No findings."),
    "general": Text("Generelt", "General"),
    "severity": Text("Alvor", "Severity"),
    "rule": Text("Regel", "Rule"),
    "message": Text("Hvad skal rettes", "What to change"),
    "layer": Text("Lag", "Layer"),
    "source": Text("Kilde", "Source"),
    "where": Text("Hvor", "Where"),
    "charts": Text("Organisationsdiagrammer", "Org charts"),
    "overview": Text("Overblik over hele organisationen", "Overview of the whole organization"),
    "no_area": Text("Organer uden for klynger og områder", "Bodies outside clusters and areas"),
    "chart_alt": Text("Organisationsdiagram", "Org chart"),
    "printed_on": Text("udskrives på", "printed on"),
    "old_new": Text("Nuværende og ny organisering", "Current and new organization"),
    "against": Text("Sammenlignet med", "Compared with"),
    "kept_to": Text("kun", "only"),
    "period": Text("Periode", "Period"),
    "task": Text("Opgave", "Task"),
    "held_by": Text("Hidtil varetaget af", "Held until then by"),
    "comparison": Text("Sammenligning af forslag", "Comparison of proposals"),
    "figure": Text("Nøgletal", "Figure"),
    "baseline_note": Text("Tal i parentes er ændringen fra det første forslag.",
                          "Figures in brackets are the change from the first proposal."),
    "contents": Text("Indhold", "Contents"),
    "generated": Text("Lavet med govgraph", "Made with govgraph"),
}

_PAPER_SIZE = {"a4": Text("A4 stående", "A4 portrait"), "a4l": Text("A4 liggende", "A4 landscape"),
               "a3l": Text("A3 liggende", "A3 landscape")}


@dataclass(frozen=True)
class FindingRow:
    severity: Severity
    severity_text: str
    rule: str
    message: str
    layer: str
    source: str
    where: str


@dataclass(frozen=True)
class FindingGroup:
    body: str
    rows: tuple[FindingRow, ...]


@dataclass(frozen=True)
class ChartFigure:
    """An org chart as inline SVG, scaled for its page: ``smallest_pt`` is its smallest text at print size."""

    title: str
    alt: str
    svg: str
    page: Page
    scale: float
    smallest_pt: float
    caption: str
    dot: str = ""  # the DOT source, for writers that need a raster picture (Word)


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Paper:
    lang: str
    title: str
    subtitle: str
    summary: tuple[tuple[str, str], ...]
    verdict: str
    findings: tuple[FindingGroup, ...]
    charts: tuple[ChartFigure, ...]
    old_new: Table | None = None
    comparison: Table | None = None
    transition: Table | None = None  # tasks no body holds while the old bodies hand over to the new

    def word(self, key: str) -> str:
        return WORDS[key](self.lang)


def build(model: Model, *, lang: str = "en", as_of: dt.date | None = None, baseline: Model | None = None,
          variants: Sequence[Model] = (), report: Report | None = None, focus: str | None = None) -> Paper:
    """The paper for ``model``: validated on ``as_of`` (default its scenario's date) unless ``report`` is given.

    ``baseline`` adds the old-versus-new table (the baseline is the old side), kept to the body or area
    ``focus`` when given; ``variants`` add the comparison table, the model first and each figure's change.
    """
    org = organization(model)
    day = as_of or org.date
    if report is None:
        from ..validate import validate

        report = validate(model, as_of=day)
    name = _scenario_name(model, org, lang)
    old_new = _old_new(baseline, org, lang, focus) if baseline is not None else None
    return Paper(
        lang=lang,
        title=f"{WORDS['title'](lang)}: {name}",
        subtitle=f"{WORDS['date'](lang)} {long_date(day, lang)}" if day else "",
        summary=_summary(org, model, day, report, lang),
        verdict=WORDS["breaks" if report.fails(Severity.VIOLATION) else "conforms"](lang),
        findings=_findings(report, lang),
        charts=_charts(org, day, lang),
        old_new=old_new[0] if old_new else None,
        transition=old_new[1] if old_new else None,
        comparison=_comparison(model, variants, lang, as_of) if variants else None,
    )


def _scenario_name(model: Model, org: Organization, lang: str) -> str:
    from ..compare import scenario_name

    return scenario_name(model, lang)


def _summary(org: Organization, model: Model, day: dt.date | None, report: Report,
             lang: str) -> tuple[tuple[str, str], ...]:
    # Seats count as in `govgraph info`: permanent seats in force on the day; ad-hoc seats apart.
    bodies = org.on(day)
    seats = [s for b in bodies for s in b.seats_on(day)]
    permanent = [s for b in bodies for s in b.permanent_seats_on(day)]
    rows = [(WORDS["scenario"](lang), _scenario_name(model, org, lang))]
    if org.scenario.status is not None:
        rows.append((WORDS["status"](lang), org.label(org.scenario.status, lang)))
    if day is not None:
        rows.append((WORDS["date"](lang), long_date(day, lang)))
    rows += [(WORDS["files"](lang), ", ".join(p.name for p in model.files)),
             (WORDS["bodies"](lang), str(len(bodies))),
             (WORDS["seats"](lang), str(sum(1 for s in permanent if s.voting))),
             (WORDS["observers"](lang), str(sum(1 for s in permanent if not s.voting)))]
    ad_hoc = sum(1 for s in seats if s.ad_hoc)
    if ad_hoc:
        rows.append((WORDS["ad_hoc"](lang), str(ad_hoc)))
    rows.append((WORDS["result"](lang), summary_line(report, lang)))
    return tuple(rows)


def _findings(report: Report, lang: str) -> tuple[FindingGroup, ...]:
    def body(f: object) -> str:
        return localized(f, "body", lang)  # type: ignore[arg-type]

    ordered = sorted(report.findings, key=lambda f: (body(f) == "", body(f)))
    groups = []
    for name, found in groupby(ordered, key=body):
        rows = tuple(FindingRow(
            severity=f.severity, severity_text=SEVERITY_WORDS[lang][f.severity], rule=f.rule, message=f.text(lang),
            layer=localized(f, "layer", lang), source=localized(f, "source", lang),
            where=", ".join(x for x in (localized(f, "focus", lang) if localized(f, "focus", lang) != name else "",
                                        f.location.text(lang) if f.location else "") if x))
            for f in found)
        groups.append(FindingGroup(name or WORDS["general"](lang), rows))
    return tuple(groups)


# ------------------------------------------------------------------ charts

_SIZE = re.compile(r'(<svg\b[^>]*?)\bwidth="([\d.]+)pt" height="([\d.]+)pt"')
_FONT = re.compile(r'font-size="([\d.]+)"')
_ID = re.compile(r'\bid="([^"]+)"')


def _charts(org: Organization, day: dt.date | None, lang: str) -> tuple[ChartFigure, ...]:
    from ..errors import UsageError
    from ..render.chart import render, scope, to_dot
    from ..render.chart.scope import Scope, by_area

    try:
        full = scope(org, day)
    except UsageError:
        return ()  # nothing in force on the day: the summary says so (0 bodies)
    groups = by_area(full)
    parts: list[tuple[str, Scope, tuple[Page, ...]]] = []
    if len(groups) > 1:
        parts.append((WORDS["overview"](lang), full, (A4, A4_LANDSCAPE, A3_LANDSCAPE)))
    for area, part in sorted(groups, key=lambda g: (g[0] is None, org.label(g[0], lang) if g[0] is not None else "")):
        title = org.label(area, lang) if area is not None else WORDS["no_area"](lang)
        parts.append((title, part, (A4, A4_LANDSCAPE)))
    figures = []
    for number, (title, part, pages) in enumerate(parts, start=1):
        chart = to_dot(part, lang, "summary")
        figures.append(_figure(number, title, render(chart, "svg").decode("utf-8"), pages, lang, chart.dot))
    return tuple(figures)


def _figure(number: int, title: str, svg: str, pages: tuple[Page, ...], lang: str, dot: str) -> ChartFigure:
    svg = svg[svg.index("<svg"):]
    size = _SIZE.search(svg)
    width, height = (float(size.group(2)), float(size.group(3))) if size else (500.0, 500.0)
    smallest = min((float(x) for x in _FONT.findall(svg)), default=14.0)
    page, scale = fit(width, height, smallest, pages)
    if size:
        svg = _SIZE.sub(lambda m: f'{m.group(1)}width="{width * scale:.1f}pt" height="{height * scale:.1f}pt"', svg, count=1)
    # Several charts share one page: give each its own ids (graphviz numbers nodes from 1 in every chart).
    prefix = f"c{number}-"
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = svg.replace('href="#', f'href="#{prefix}').replace("url(#", f"url(#{prefix}")
    alt = f"{WORDS['chart_alt'](lang)}: {title}"
    caption = (f"{WORDS['printed_on'](lang)} {_PAPER_SIZE[page.name](lang)}, "
               f"{round(scale * 100)} % · {smallest * scale:.1f} pt").replace(".", "," if lang == "da" else ".")
    return ChartFigure(title, alt, svg, page, scale, smallest * scale, caption, dot)


# ---------------------------------------------------------- old and new

def _old_new(baseline: Model, new: Organization, lang: str, focus: str | None) -> tuple[Table, Table | None]:
    from ..diff import diff
    from ..render.diff_table import rows
    from ..render.diff_words import w

    from ..focus import focused, proposal_areas, within_areas

    old = organization(baseline)
    result = diff(old, new)
    kept = ""
    if focus:
        result, kept = focused(result, old, new, focus), focus
    elif proposal_areas(new):
        # A proposal for one cluster (every body in one area) is compared with that area of the baseline only.
        areas = proposal_areas(new)
        result, kept = within_areas(result, old, new, areas), ", ".join(new.label(a, lang) for a in areas)
    table_rows = []
    for row in rows(result, old, new, lang, by_kind=True):
        table_rows.append((_blocks_cell(row.old, lang), _blocks_cell(row.new, lang)))
    old_name = _scenario_name(baseline, old, lang)
    caption = f"{WORDS['against'](lang)}: {old_name}" + (f" ({WORDS['kept_to'](lang)} {kept})" if kept else "")
    return (Table(caption=caption, head=(w("old", lang), w("new", lang)), rows=tuple(table_rows)),
            _transition(result, old, new, lang))


def _transition(result, old: Organization, new: Organization, lang: str) -> Table | None:  # noqa: ANN001 - a Diff
    """The tasks no body holds between an old body's end and its successor's start, one row per task and period."""
    from ..render.diff_text import Labels, gap_groups
    from ..render.diff_words import w

    label = Labels(old, new, lang)
    rows = []
    for (start, end), tasks in gap_groups(result):
        days = (end - start).days + 1
        period = f"{long_date(start, lang)} – {long_date(end, lang)} ({days} {'dage' if lang == 'da' else 'days'})"
        for task, gaps in sorted(tasks, key=lambda kv: label(kv[0]).casefold()):
            olds = {o for g in gaps for o in g.old}
            rows.append(((("", period),), (("", label(task)),), (("", label.names(olds, "old")),)))
    if not rows:
        return None
    return Table(caption=w("transition", lang), head=tuple(WORDS[k](lang) for k in ("period", "task", "held_by")),
                 rows=tuple(rows))


def _blocks_cell(blocks: tuple, lang: str) -> Cell:
    from ..render.diff_words import w

    if not blocks:
        return (("", "—"),)
    lines: list[tuple[str, str]] = []
    for block in blocks:
        lines.append(("b", ", ".join(block.names)))
        meta = ", ".join(x for x in (block.kind if len(block.names) > 1 else "", block.dates) if x)
        if meta:
            lines.append(("i", meta))
        lines.append(("", f"{w('composition', lang)}:"))
        lines += [("li", line) for line in block.composition] or [("li", w("no_seats", lang))]
        lines.append(("", f"{w('tasks', lang)}:"))
        lines += [("li", task) for task in block.tasks] or [("li", w("no_tasks", lang))]
    return tuple(lines)


# ----------------------------------------------------------- comparison

def _comparison(model: Model, variants: Sequence[Model], lang: str, as_of: dt.date | None) -> Table:
    from ..compare import compare, scenario_name
    from ..render.compare import table_lines

    named = [(scenario_name(m, lang), m) for m in (model, *variants)]
    result = compare(named, baseline=named[0][0], as_of=as_of)
    head = (WORDS["figure"](lang), *(info.name for info in result.scenarios))
    body = []
    for label, cells in table_lines(result, lang):
        style = "" if label.startswith("  ") else "b"
        body.append((((style, label.strip()),),) + tuple((("", c),) for c in cells))
    return Table(caption=WORDS["comparison"](lang), head=head, rows=tuple(body), note=WORDS["baseline_note"](lang))
