"""Findings as plain text, grouped by body, named by label, with file:line."""

from __future__ import annotations

from itertools import groupby

from ..report import Report, Severity

_SEVERITY = {
    "da": {Severity.VIOLATION: "overtrædelse", Severity.WARNING: "advarsel", Severity.INFO: "info"},
    "en": {Severity.VIOLATION: "violation", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_GENERAL = {"da": "Generelt", "en": "General"}


def render_findings_text(report: Report, lang: str = "en", summary: str = "") -> str:
    """One block per body; each finding: severity, rule, message, location; then a summary line."""
    lines: list[str] = []
    for body, findings in groupby(report.findings, key=lambda f: f.body):
        lines.append(body or _GENERAL[lang])
        for f in findings:
            head = f"  {_SEVERITY[lang][f.severity]} [{f.rule}]"
            if f.layer:
                head += f" ({f.layer})"
            lines.append(f"{head} {f.text(lang)}")
            if f.location is not None:
                lines.append(f"    {f.location}")
            if f.source:
                lines.append(f"    {'kilde' if lang == 'da' else 'source'}: {f.source}")
        lines.append("")
    counts = {s: report.count(s) for s in Severity}
    words = {"da": ("overtrædelser", "advarsler", "info"), "en": ("violations", "warnings", "info")}[lang]
    tail = f"{counts[Severity.VIOLATION]} {words[0]}, {counts[Severity.WARNING]} {words[1]}, {counts[Severity.INFO]} {words[2]}"
    lines.append(f"{summary}: {tail}" if summary else tail)
    return "\n".join(lines) + "\n"
