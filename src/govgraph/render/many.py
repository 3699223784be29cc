"""Findings of many bodies at once (:class:`govgraph.batch.ManyReport`): per region, per body, then a
summary table per region — as text, JSON and Markdown. The same report gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..batch import MODEL_KEY, BodyPlace, ManyReport, RegionSummary
from ..report import Finding, Report, Severity
from . import escape
from .findings import checked_words, finding_lines, findings_records, summary_line, word

_WORDS = {
    "region": {"da": "Region", "en": "Region"},
    "bodies": {"da": "Organer", "en": "Bodies"},
    "violations": {"da": "Overtrædelser", "en": "Violations"},
    "warnings": {"da": "Advarsler", "en": "Warnings"},
    "info": {"da": "Info", "en": "Info"},
    "total": {"da": "I alt", "en": "All"},
    "no_findings": {"da": "ingen fund", "en": "no findings"},
    "models": {"da": ("model", "modeller"), "en": ("model", "models")},
    "per_region": {"da": "Pr. region", "en": "Per region"},
}


def _w(key: str, lang: str):  # noqa: ANN202 - a str or a pair
    return _WORDS[key].get(lang) or _WORDS[key]["en"]


def _counts(findings: list[Finding]) -> Report:
    return Report(tuple(findings))


def _blocks(report: ManyReport) -> list[tuple[RegionSummary, list[tuple[BodyPlace | None, str, list[Finding]]]]]:
    """Regions in order, each with its bodies (and a model's general findings, place None) and their findings."""
    by_place: dict[tuple[str, str], list[Finding]] = {}
    general: dict[str, list[Finding]] = {}
    for f in report.findings:
        place = report.place_of(f)
        if place is None:
            general.setdefault(dict(f.extra).get(MODEL_KEY, ""), []).append(f)
        else:
            by_place.setdefault((place.model, place.iri), []).append(f)
    blocks = []
    for summary in report.regions():
        rows: list[tuple[BodyPlace | None, str, list[Finding]]] = [
            (p, p.model, by_place.get((p.model, p.iri), [])) for p in report.places if p.region.iri == summary.region.iri]
        if summary.region.iri is None:
            rows += [(None, model, found) for model, found in sorted(general.items())]
        blocks.append((summary, rows))
    return blocks


def region_table(report: ManyReport, lang: str) -> list[list[str]]:
    """Header, one row per region, and the total: region, bodies, violations, warnings, info."""
    rows = [[_w(k, lang) for k in ("region", "bodies", "violations", "warnings", "info")]]
    for s in report.regions():
        rows.append([s.region.name.get(lang), str(s.bodies), *(str(n) for n in s.counts)])
    total = [report.count(sev) for sev in (Severity.VIOLATION, Severity.WARNING, Severity.INFO)]
    rows.append([_w("total", lang), str(report.checked), *(str(n) for n in total)])
    return rows


def _lead(report: ManyReport, lang: str) -> str:
    n = len(report.models)
    models = f"{n} {_w('models', lang)[0 if n == 1 else 1]}, " if n > 1 else ""
    return models + checked_words(report, lang)


def render_many_text(report: ManyReport, lang: str = "en", style: Callable[[Severity, str], str] | None = None) -> str:
    """Per region: each body checked (with its file when there are several models) and its findings;
    then the table per region and the summary line."""
    several = len(report.models) > 1
    lines: list[str] = []
    for summary, rows in _blocks(report):
        lines.append(summary.region.name.get(lang))
        for place, model, found in rows:
            name = place.name.get(lang) if place else word("general", lang)
            where = f" — {model}" if several or place is None else ""
            tally = summary_line(_counts(found), lang) if found else _w("no_findings", lang)
            lines.append(f"  {name}{where}: {tally}")
            for f in found:
                lines += finding_lines(f, name, lang, style, indent="    ")
        lines.append("")
    table = region_table(report, lang)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        lines.append("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)).rstrip())
    lines += ["", summary_line(report, lang, _lead(report, lang))]
    return "\n".join(lines) + "\n"


def render_many_json(report: ManyReport, lang: str = "en", **facts: object) -> str:
    """The report as JSON: every finding with its model and region, every body checked with its region and
    counts, and the table per region."""
    records = findings_records(report, lang)
    for record, f in zip(records, report.findings, strict=True):
        place = report.place_of(f)
        record["model"] = dict(f.extra).get(MODEL_KEY, "")
        record["region"] = place.region.name.get(lang) if place else ""
    found: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        place = report.place_of(f)
        if place is not None:
            found.setdefault((place.model, place.iri), []).append(f)

    def counts(findings: list[Finding]) -> dict[str, int]:
        return {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}

    document = {
        **facts,
        "bodies": [{"body": p.name.get(lang), "iri": p.iri, "model": p.model, "region": p.region.name.get(lang),
                    "region_iri": str(p.region.iri or ""), "counts": counts(found.get((p.model, p.iri), []))}
                   for p in report.places],
        "bodies_checked": report.checked,
        "conforms": not report.fails(Severity.VIOLATION),
        "counts": {s.value: report.count(s) for s in Severity},
        "days": [d.isoformat() for d in report.days],
        "findings": records,
        "lang": lang,
        "models": list(report.models),
        "regions": [{"region": s.region.name.get(lang), "region_iri": str(s.region.iri or ""), "bodies": s.bodies,
                     "counts": dict(zip(("violation", "warning", "info"), s.counts, strict=True))}
                    for s in report.regions()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_many_markdown(report: ManyReport, lang: str = "en") -> str:
    """The table per region in Markdown, to put above the findings table."""
    table = region_table(report, lang)
    lines = [f"## {_w('per_region', lang)}", "", "| " + " | ".join(table[0]) + " |",
             "|---|" + "---:|" * (len(table[0]) - 1)]
    lines += ["| " + " | ".join(escape.markdown(c) for c in row) + " |" for row in table[1:]]
    return "\n".join(lines) + "\n\n"


__all__ = ["region_table", "render_many_json", "render_many_markdown", "render_many_text"]
