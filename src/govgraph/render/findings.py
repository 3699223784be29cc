"""Findings as plain text, JSON and Markdown: grouped by body, named by label, with file:line.

Every renderer takes a :class:`~govgraph.report.Report` and a language and returns a
string; the same report gives byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from ..report import Finding, Report, Severity
from . import escape

SEVERITY_WORDS = {
    "da": {Severity.VIOLATION: "overtrædelse", Severity.WARNING: "advarsel", Severity.INFO: "info"},
    "en": {Severity.VIOLATION: "violation", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_WORDS = {
    "general": {"da": "Generelt", "en": "General"},
    "source": {"da": "kilde", "en": "source"},
    "layer": {"da": "lag", "en": "layer"},
    "where": {"da": "sted", "en": "where"},
    "value": {"da": "værdi", "en": "value"},
    "checked": {"da": "organer kontrolleret", "en": "bodies checked"},
    "checked_one": {"da": "organ kontrolleret", "en": "body checked"},
    "counts": {"da": ("overtrædelser", "advarsler", "info"), "en": ("violations", "warnings", "info")},
    "counts_one": {"da": ("overtrædelse", "advarsel", "info"), "en": ("violation", "warning", "info")},
    "body": {"da": "Organ", "en": "Body"},
    "severity": {"da": "Alvor", "en": "Severity"},
    "rule": {"da": "Regel", "en": "Rule"},
    "message": {"da": "Besked", "en": "Message"},
    "conforms": {"da": "Forslaget overholder reglerne.", "en": "The proposal conforms to the rules."},
    # rule catalogue and explanation
    "id": {"da": "Regel", "en": "Rule"},
    "dates": {"da": "Gælder", "en": "In force"},
    "title": {"da": "Titel", "en": "Title"},
    "rule_set": {"da": "Regelsæt", "en": "Rule set"},
    "citation": {"da": "Henvisning", "en": "Citation"},
    "jurisdiction": {"da": "Binder kun", "en": "Binds only"},
    "comment": {"da": "Forklaring", "en": "Explanation"},
    "shape": {"da": "SHACL-form", "en": "SHACL shape"},
    "fixtures": {"da": "Testdata", "en": "Fixtures"},
    "none": {"da": "(ingen)", "en": "(none)"},
    "always": {"da": "altid", "en": "always"},
    "rules": {"da": "regler", "en": "rules"},
    "in_force": {"da": "i kraft", "en": "in force on"},
}


def word(key: str, lang: str):  # noqa: ANN201 - a str or a tuple of str
    return _WORDS[key].get(lang) or _WORDS[key]["en"]


def localized(finding: Finding, name: str, lang: str) -> str:
    """A label field of a finding (body, focus, layer, source, value) in ``lang``.

    Findings carry English labels in their fields and the Danish ones in ``extra`` as
    ``"<field>.da"``, so one report renders in either language.
    """
    if lang != "en":
        text = dict(finding.extra).get(f"{name}.{lang}")
        if text:
            return text
    return str(getattr(finding, name, "") or "")


def _grouped(report: Report, lang: str) -> list[tuple[str, list[Finding]]]:
    """Findings by body label in ``lang`` (general findings last), each group in report order."""
    keyed = sorted(report.findings, key=lambda f: (localized(f, "body", lang) == "", localized(f, "body", lang)))
    return [(body, list(group)) for body, group in groupby(keyed, key=lambda f: localized(f, "body", lang))]


def checked_words(report: Report, lang: str) -> str:
    """'1 body checked', '9 bodies checked' (Danish: '1 organ kontrolleret')."""
    return f"{report.checked} {word('checked_one' if report.checked == 1 else 'checked', lang)}"


def summary_line(report: Report, lang: str, lead: str = "") -> str:
    """``N bodies checked, N violations, N warnings, N info`` (``lead`` replaces the first part)."""
    parts = []
    for n, severity in enumerate((Severity.VIOLATION, Severity.WARNING, Severity.INFO)):
        count = report.count(severity)
        parts.append(f"{count} {word('counts_one' if count == 1 else 'counts', lang)[n]}")
    tail = ", ".join(parts)
    return f"{lead}, {tail}" if lead else tail


def render_findings_text(report: Report, lang: str = "en", summary: str = "",
                         style: Callable[[Severity, str], str] | None = None) -> str:
    """One block per body; each finding: severity, rule, message, then where and which layer and source.

    ``style`` colours a severity word for a terminal (none: plain text).
    """
    lines: list[str] = []
    for body, findings in _grouped(report, lang):
        lines.append(body or word("general", lang))
        for f in findings:
            lines += finding_lines(f, body, lang, style)
        lines.append("")
    lines.append(summary_line(report, lang, summary))
    return "\n".join(lines) + "\n"


def finding_lines(f: Finding, body: str, lang: str, style: Callable[[Severity, str], str] | None = None,
                  indent: str = "  ") -> list[str]:
    """One finding as text lines: severity, rule, message, then where, value, layer and source below it."""
    paint = style or (lambda _severity, text: text)
    lines = [f"{indent}{paint(f.severity, SEVERITY_WORDS[lang][f.severity])} [{f.rule}] {f.text(lang)}"]
    more = indent + "    "
    focus = localized(f, "focus", lang)
    where = ", ".join(x for x in (focus if focus != body else "", f.location.text(lang) if f.location else "") if x)
    if where:
        lines.append(f"{more}{word('where', lang)}: {where}")
    value = localized(f, "value", lang)
    if value and value not in (focus, body) and value not in f.text(lang):  # unless the message names it
        lines.append(f"{more}{word('value', lang)}: {value}")
    layer, source = localized(f, "layer", lang), localized(f, "source", lang)
    facts = [x for x in (f"{word('layer', lang)}: {layer}" if layer else "",
                         f"{word('source', lang)}: {source}" if source else "") if x]
    if facts:
        lines.append(more + " · ".join(facts))
    return lines


def findings_records(report: Report, lang: str) -> list[dict[str, object]]:
    """Findings as plain records (sorted keys when dumped), in report order."""
    return [{
        "body": localized(f, "body", lang),
        "focus": localized(f, "focus", lang),
        "focus_iri": f.focus_iri,
        "layer": localized(f, "layer", lang),
        "location": str(f.location) if f.location else None,
        "message": f.text(lang),
        "messages": {"da": f.text("da"), "en": f.text("en")},
        "path": f.path,
        "rule": f.rule,
        "severity": f.severity.value,
        "source": localized(f, "source", lang),
        "value": localized(f, "value", lang),
    } for f in report.findings]


def render_findings_json(report: Report, lang: str = "en", **facts: object) -> str:
    """The report as JSON with stable, sorted keys; ``facts`` (date, rules, …) are added at the top level."""
    document = {
        **facts,
        "bodies_checked": report.checked,
        "conforms": not report.fails(Severity.VIOLATION),
        "counts": {s.value: report.count(s) for s in Severity},
        "findings": findings_records(report, lang),
        "lang": lang,
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_cell = escape.markdown


def render_findings_markdown(report: Report, lang: str = "en", title: str = "") -> str:
    """A Markdown table a secretariat can paste into meeting papers, then the summary line."""
    head = [word(k, lang) for k in ("body", "severity", "rule", "message")] + [
        word("layer", lang).capitalize(), word("source", lang).capitalize(), word("where", lang).capitalize()]
    lines = [f"## {title}", ""] if title else []
    if report.findings:
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for body, findings in _grouped(report, lang):
            for f in findings:
                row = [body or word("general", lang), SEVERITY_WORDS[lang][f.severity], f.rule, f.text(lang),
                       localized(f, "layer", lang), localized(f, "source", lang),
                       f.location.text(lang) if f.location else ""]
                lines.append("| " + " | ".join(escape.code(c) if i == 2 else _cell(c) for i, c in enumerate(row)) + " |")
    else:
        lines.append(word("conforms", lang))
    lines += ["", summary_line(report, lang, checked_words(report, lang))]
    return "\n".join(lines) + "\n"


_ACK_WORDS = {
    "heading": {"da": "Accepterede fund (tæller ikke som fejl):", "en": "Acknowledged (not failing):"},
    "expired": {"da": "Udløbne accepter (fejler igen):", "en": "Expired acknowledgements (failing again):"},
    "until": {"da": "til", "en": "until"},
    "ran_out": {"da": "udløb", "en": "expired"},
}


def acknowledged_lines(acknowledged: tuple, lang: str = "en") -> list[str]:  # tuple of acknowledge.Acknowledged
    """The acknowledged findings, then the expired acknowledgements, as text lines (none when there are none)."""
    lines: list[str] = []
    for expired, heading in ((False, "heading"), (True, "expired")):
        chosen = [a for a in acknowledged if a.expired is expired]
        if not chosen:
            continue
        lines += ["", _ACK_WORDS[heading][lang if lang in ("da", "en") else "en"]]
        for a in chosen:
            f, ack = a.finding, a.by
            when = f"{_ACK_WORDS['ran_out' if expired else 'until'][lang]} {ack.until.isoformat()}"
            lines.append(f"  {SEVERITY_WORDS[lang][f.severity]} [{f.rule}] "
                         f"{localized(f, 'body', lang) or word('general', lang)}: {f.text(lang)}")
            lines.append(f"      {ack.reason} — {ack.who}, {when} ({ack.where})")
    return lines


def acknowledged_records(acknowledged: tuple, lang: str = "en") -> list[dict[str, object]]:
    """The acknowledged findings as plain records for JSON."""
    return [{"rule": a.finding.rule, "body": localized(a.finding, "body", lang), "message": a.finding.text(lang),
             "severity": a.finding.severity.value, "reason": a.by.reason, "who": a.by.who,
             "until": a.by.until.isoformat(), "expired": a.expired, "where": a.by.where} for a in acknowledged]
