"""``compare --by-body``: one row per body, grouped by region, as text, Markdown, CSV or JSON.

Each renderer takes a :class:`govgraph.metrics_bodies.BodyTable` and a language; a figure no rule in
force asks of a body is "—". The same table gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from ..metrics_bodies import BodyRow, BodyTable, Ratio, RegionTotal
from . import escape

_HEAD = {
    "da": ("Region", "Organ", "Model", "Stemmer region", "Stemmer kommune", "Stemmer øvrige", "Observatører",
           "Regionalt flertal (region : alle)", "Paritet (region : kommune)", "Kommuner med plads",
           "Pladser pr. kommune", "Overtrædelser", "Advarsler"),
    "en": ("Region", "Body", "Model", "Voting region", "Voting municipality", "Voting other", "Observers",
           "Regional majority (region : all)", "Parity (region : municipality)", "Municipalities with a seat",
           "Seats per municipality", "Violations", "Warnings"),
}
_TOTAL = {"da": ("i alt: {n} organ", "i alt: {n} organer"), "en": ("total: {n} body", "total: {n} bodies")}
_HELD = {"da": "{held} af {asked} holder", "en": "{held} of {asked} hold"}
_TITLE = {"da": "Organer side om side, pr. region", "en": "Bodies side by side, per region"}
DASH = "—"


def _ratio(r: Ratio | None, mark: bool = True) -> str:
    if r is None:
        return DASH
    return r.text() if mark else f"{r.part} / {r.whole}"


def _span(span: tuple[int, int] | None) -> str:
    if span is None:
        return DASH
    return str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"


def _cells(row: BodyRow, lang: str) -> list[str]:
    found = row.findings
    return [row.region.name.get(lang), row.name.get(lang), row.model, str(row.regional), str(row.municipal),
            str(row.other), str(row.observers), _ratio(row.majority), _ratio(row.parity), _ratio(row.municipalities, mark=False),
            _span(row.per_municipality), str(found[0]) if found else DASH, str(found[1]) if found else DASH]


def _held(r: Ratio | None, lang: str) -> str:
    return _HELD[lang].format(held=r.part, asked=r.whole) if r is not None else DASH


def _total_cells(t: RegionTotal, lang: str) -> list[str]:
    found = t.findings
    return [t.region.name.get(lang), _TOTAL[lang][0 if t.bodies == 1 else 1].format(n=t.bodies), "", str(t.voting), "", "", "",
            _held(t.majority, lang), _held(t.parity, lang), "", "", str(found[0]) if found else DASH,
            str(found[1]) if found else DASH]


def _columns(table: BodyTable) -> list[int]:
    """Which columns to show: the model only when there are several; the findings only when validated."""
    keep = [i for i in range(len(_HEAD["en"])) if i != 2 or len(table.models) > 1]
    if any(r.findings is None for r in table.rows):
        keep = [i for i in keep if i < 11]
    return keep


def render_text(table: BodyTable, lang: str = "en") -> str:
    """A heading per region, its bodies indented below it, then the region's total row."""
    keep = [i for i in _columns(table) if i != 0]
    grid: list[list[str] | str] = [[_HEAD[lang][i] for i in keep]]
    for total in table.totals:
        grid.append(total.region.name.get(lang))
        for row in table.rows:
            if row.region.key == total.region.key:
                cells = _cells(row, lang)
                grid.append(["  " + cells[i] if i == 1 else cells[i] for i in keep])
        cells = _total_cells(total, lang)
        grid.append(["  " + cells[i] if i == 1 else cells[i] for i in keep])
    rows = [r for r in grid if isinstance(r, list)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(keep))]
    lines = [_TITLE[lang], ""]
    for row in grid:
        if isinstance(row, str):
            lines.append(row)
            continue
        lines.append("  ".join(cell.ljust(widths[c]) if keep[c] < 3 else cell.rjust(widths[c])
                               for c, cell in enumerate(row)).rstrip())
    return "\n".join(lines) + "\n"


def render_markdown(table: BodyTable, lang: str = "en") -> str:
    keep = _columns(table)
    lines = [f"## {_TITLE[lang]}", "", "| " + " | ".join(_HEAD[lang][i] for i in keep) + " |",
             "|" + "".join("---|" if i < 3 else "---:|" for i in keep)]
    for total in table.totals:
        for row in table.rows:
            if row.region.key == total.region.key:
                cells = _cells(row, lang)
                lines.append("| " + " | ".join(escape.markdown(cells[i]) for i in keep) + " |")
        cells = _total_cells(total, lang)
        lines.append("| " + " | ".join(f"**{escape.markdown(cells[i])}**" if cells[i] else "" for i in keep) + " |")
    return "\n".join(lines) + "\n"


def render_csv(table: BodyTable, lang: str = "en") -> str:
    """One row per body (no total rows: a spreadsheet sums them), ``;``-separated as ``compare``'s CSV."""
    keep = _columns(table)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([_HEAD[lang][i] for i in keep])
    for row in table.rows:
        cells = _cells(row, lang)
        writer.writerow([cells[i] for i in keep])
    return out.getvalue()


def render_json(table: BodyTable, lang: str = "en") -> str:
    def ratio(r: Ratio | None) -> dict[str, object] | None:
        return {"part": r.part, "whole": r.whole, "holds": r.holds} if r is not None else None

    def counts(found: tuple[int, int, int] | None) -> dict[str, int] | None:
        return dict(zip(("violation", "warning", "info"), found, strict=True)) if found is not None else None

    document = {
        "days": [d.isoformat() for d in table.days],
        "lang": lang,
        "models": list(table.models),
        "bodies": [{"body": r.name.get(lang), "iri": str(r.body), "model": r.model,
                    "area": r.area.get(lang) if r.area else None, "region": r.region.name.get(lang),
                    "region_iri": str(r.region.iri or ""),
                    "voting": {"region": r.regional, "municipality": r.municipal, "other": r.other},
                    "observers": r.observers, "regional_majority": ratio(r.majority), "parity": ratio(r.parity),
                    "municipalities_with_seat": ratio(r.municipalities),
                    "seats_per_municipality": list(r.per_municipality) if r.per_municipality else None,
                    "findings": counts(r.findings)} for r in table.rows],
        "regions": [{"region": t.region.name.get(lang), "region_iri": str(t.region.iri or ""), "bodies": t.bodies,
                     "voting": t.voting, "regional_majority": ratio(t.majority), "parity": ratio(t.parity),
                     "findings": counts(t.findings)} for t in table.totals],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


#: ``compare --by-body`` renderers by format name (the names and suffixes of ``compare``'s own).
RENDERERS: dict[str, Callable[[BodyTable, str], str]] = {
    "text": render_text, "markdown": render_markdown, "csv": render_csv, "json": render_json}

__all__ = ["RENDERERS", "render_csv", "render_json", "render_markdown", "render_text"]
