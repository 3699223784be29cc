"""One org chart per area (health cluster, health-council area) for many bodies at once, and an index.

In: one or more organizations (a national file, or a folder of proposals), a format and a day.
Out: file name → bytes, every chart named by its area's IRI local name (``omraade-vendsyssel.svg``;
``<file>--<area>.svg`` when several models are drawn; ``no-area`` for bodies of no area), and
``index.md``: a table of region, area, bodies and file. Names depend on the data only, never on the
language or the order of the files, so a second run replaces the same files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from ...errors import UsageError
from ...i18n import Text
from ...model import Organization
from ...regions import RegionName, in_force, region_name, region_of
from .dot import to_dot
from .engine import render
from .scope import Scope, by_area, scope
from .text import to_text

INDEX = "index.md"
NO_AREA = "no-area"
SUFFIX = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "text": ".txt"}


@dataclass(frozen=True)
class AreaChart:
    """One chart of a per-area run: its file, model, area, title, region and number of bodies."""

    file: str
    model: str
    area: URIRef | None
    title: Text
    region: RegionName
    bodies: int


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._") or "chart"


def _local(iri: URIRef) -> str:
    return str(iri).rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _region(part: Scope, area: URIRef | None) -> URIRef | None:
    graph = part.org.graph
    regions = {region_of(graph, area if area is not None else b.iri, part.day) for b in part.bodies}
    return next(iter(regions)) if len(regions) == 1 else None


_WORDS = {
    "title": Text("Organisationsdiagrammer pr. område", "Org charts per area"),
    "head": Text("| Region | Område | Organer | Model | Diagram |", "| Region | Area | Bodies | Model | Chart |"),
    "no_area": Text("Organer uden for klynger og områder", "Bodies outside clusters and areas"),
    "days": Text("Tegnet pr.", "Drawn as of"),
}


def area_charts(orgs: Sequence[tuple[str, Organization]], fmt: str = "svg", *, day: dt.date | None = None,
                lang: str = "en", detail: str = "summary",
                region: URIRef | None = None) -> tuple[tuple[AreaChart, ...], dict[str, bytes]]:
    """Every area's chart of every organization (``(model name, organization)``), on ``day`` or each
    organization's own date; with ``region``, only the bodies of that region. Returns the charts in index
    order and the files to write (the charts and :data:`INDEX`). A model with no body in force on the
    day is left out; a :class:`UsageError` when no chart at all is left."""
    several = len(orgs) > 1
    charts: list[tuple[AreaChart, bytes]] = []
    used: set[str] = set()
    days: set[dt.date] = set()
    for model, org in orgs:
        try:
            full = scope(org, day)
        except UsageError:
            if not several:
                raise
            continue  # a model with nothing in force on the day: nothing to draw
        if region is not None:
            wanted = in_force(org.graph, region, full.day)
            keep = {b.iri for b in full.bodies if region_of(org.graph, b, full.day) == wanted}
            full = Scope(org, full.day, tuple(b for b in full.bodies if b.iri in keep), (),
                         tuple(line for line in full.lines if line.source in keep and line.target in keep))
        if full.day:
            days.add(full.day)
        for area, part in by_area(full):
            if not part.bodies:
                continue
            stem = _local(area) if area is not None else NO_AREA
            if several:
                stem = f"{Path(model.split(' + ')[0]).stem}--{stem}"
            name, n = _slug(stem) + SUFFIX[fmt], 2
            while name in used:  # two models of one file name in different folders
                name, n = f"{_slug(stem)}-{n}{SUFFIX[fmt]}", n + 1
            used.add(name)
            title = Text(org.label(area, "da"), org.label(area, "en")) if area is not None else _WORDS["no_area"]
            chart = AreaChart(name, model, area, title, region_name(org.graph, _region(part, area)), len(part.bodies))
            charts.append((chart, _draw(part, fmt, lang, detail)))
    if not charts:
        raise UsageError("no body of the models is in force on the day, or in the region asked for: nothing to draw "
                         "(choose another --as-of or --region)",
                         da="intet organ i modellerne gælder på dagen eller ligger i den valgte region: intet at "
                            "tegne (vælg en anden --as-of eller --region)")
    charts.sort(key=lambda c: (c[0].region.key, c[0].title.get(lang), c[0].file))
    files = {c.file: data for c, data in charts}
    files[INDEX] = index([c for c, _ in charts], sorted(days), lang).encode("utf-8")
    return tuple(c for c, _ in charts), files


def _draw(part: Scope, fmt: str, lang: str, detail: str) -> bytes:
    if fmt == "text":
        return to_text(part, lang).encode("utf-8")
    chart = to_dot(part, lang, detail)
    return chart.dot.encode("utf-8") if fmt == "dot" else render(chart, fmt)


def index(charts: Sequence[AreaChart], days: Sequence[dt.date], lang: str = "en") -> str:
    """The index of a per-area run as Markdown: one row per chart, grouped by region."""
    from ..escape import markdown

    lines = [f"# {_WORDS['title'].get(lang)}", ""]
    if days:
        lines += [f"{_WORDS['days'].get(lang)} {', '.join(d.isoformat() for d in days)}", ""]
    lines += [_WORDS["head"].get(lang), "|---|---|---:|---|---|"]
    for c in charts:
        lines.append(f"| {markdown(c.region.name.get(lang))} | {markdown(c.title.get(lang))} | {c.bodies} | "
                     f"{markdown(c.model)} | [{c.file}]({c.file}) |")
    return "\n".join(lines) + "\n"


__all__ = ["INDEX", "AreaChart", "area_charts", "index"]
