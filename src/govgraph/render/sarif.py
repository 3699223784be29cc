"""Findings as SARIF 2.1.0, the format code hosts and editors read (GitHub code scanning, VS Code's viewer).

One ``run`` of the tool ``govgraph``: a ``result`` per finding with its rule id, level, message,
the file and line (``physicalLocation``; a spreadsheet cell is named in the location's message)
and the body (``logicalLocations``). Acknowledged findings are results with an accepted
``suppression`` carrying the reason. No timestamps: the same report gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..acknowledge import Acknowledged
from ..report import Finding, Report, Severity
from .findings import localized

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """A file name as a SARIF URI reference: relative paths stay relative (forward slashes), absolute ones file://."""
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(PurePosixPath(*path.parts).as_posix(), safe="/")


def _result(f: Finding, lang: str, rule_index: dict[str, int], acknowledged: Acknowledged | None) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f.text(lang)},
    }
    location: dict[str, object] = {}
    if f.location is not None:
        physical: dict[str, object] = {"artifactLocation": {"uri": artifact_uri(f.location.file)}}
        if f.location.line > 0:
            physical["region"] = {"startLine": f.location.line}
        location["physicalLocation"] = physical
        if f.location.detail:
            location["message"] = {"text": f.location.text(lang)}
    body = localized(f, "body", lang)
    if body:
        location["logicalLocations"] = [{"name": body, "kind": "object"}]
    if location:
        result["locations"] = [location]
    properties = {k: v for k, v in (("layer", localized(f, "layer", lang)), ("source", localized(f, "source", lang)),
                                    ("focus", f.focus_iri), ("value", localized(f, "value", lang))) if v}
    if properties:
        result["properties"] = properties
    if acknowledged is not None:
        ack = acknowledged.by
        result["suppressions"] = [{
            "kind": "external", "status": "accepted",
            "justification": f"{ack.reason} ({ack.who}, until {ack.until.isoformat()}; {ack.where})"}]
    return result


def render_findings_sarif(report: Report, lang: str = "en", acknowledged: tuple[Acknowledged, ...] = (),
                          rules: tuple[str, ...] = ()) -> str:
    """The report (and the acknowledged findings, suppressed) as one SARIF 2.1.0 log, JSON text."""
    covered = [a for a in acknowledged if not a.expired]
    ids = sorted({*rules, *(f.rule for f in report.findings), *(a.finding.rule for a in covered)})
    rule_index = {rule: n for n, rule in enumerate(ids)}
    results = [_result(f, lang, rule_index, None) for f in report.findings]
    results += [_result(a.finding, lang, rule_index, a) for a in covered]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "govgraph", "version": __version__, "informationUri": "https://pypi.org/project/govgraph/",
                "rules": [{"id": rule} for rule in ids]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
