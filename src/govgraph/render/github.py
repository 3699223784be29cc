"""Findings as GitHub Actions workflow commands: ``::error file=…,line=…,title=RULE::message``.

Printed in a workflow step, each line becomes an annotation on the file and line of the pull request.
Violations are ``error``, warnings ``warning``, info ``notice``; acknowledged findings are notices.
Values are escaped as the runner expects (``%``, CR, LF; in properties also ``:`` and ``,``).
"""

from __future__ import annotations

from ..acknowledge import Acknowledged
from ..report import Finding, Report, Severity
from .findings import checked_words, localized, summary_line

COMMANDS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, f: Finding, lang: str, title: str, note: str = "") -> str:
    props = []
    if f.location is not None:
        props.append(f"file={escape_property(f.location.file)}")
        if f.location.line > 0:
            props.append(f"line={f.location.line}")
    props.append(f"title={escape_property(title)}")
    body = localized(f, "body", lang)
    where = f" ({f.location.text(lang)})" if f.location is not None and f.location.detail else ""
    message = f"{body}: {f.text(lang)}{where}" if body else f"{f.text(lang)}{where}"
    return f"::{command} {','.join(props)}::{escape_data(message + note)}"


def render_findings_github(report: Report, lang: str = "en", acknowledged: tuple[Acknowledged, ...] = ()) -> str:
    """One workflow command per finding, then per acknowledged finding, then the summary line."""
    lines = [annotation(COMMANDS[f.severity], f, lang, f.rule) for f in report.findings]
    word = "accepteret" if lang == "da" else "acknowledged"
    for a in acknowledged:
        if not a.expired:
            lines.append(annotation("notice", a.finding, lang, f"{a.finding.rule} ({word})",
                                    f" — {a.by.reason} ({a.by.who}, {a.by.until.isoformat()})"))
    lines.append(summary_line(report, lang, checked_words(report, lang)))
    return "\n".join(lines) + "\n"
