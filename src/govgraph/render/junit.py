"""Findings as JUnit XML for CI dashboards: one test case per rule × body checked.

A test case fails when the rule has a finding on that body at or above ``fail_on``;
findings below the threshold are listed in the case's ``system-out``.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..report import Finding, Severity
from ..validate import ValidationReport
from .findings import SEVERITY_WORDS, localized, word


def render_findings_junit(report: ValidationReport, lang: str = "en",
                          fail_on: Severity = Severity.VIOLATION) -> str:
    """JUnit XML (UTF-8 text): a ``testsuite`` per validation, a ``testcase`` per rule and body."""
    bodies = sorted({b.label(lang) for b in report.bodies})
    general = word("general", lang)
    cases: dict[tuple[str, str], list[Finding]] = {(body, rule): [] for body in bodies for rule in report.rules}
    for f in report.findings:
        cases.setdefault((localized(f, "body", lang) or general, f.rule), []).append(f)
    failures = sum(1 for found in cases.values() if any(f.severity.at_least(fail_on) for f in found))
    suite = ET.Element("testsuite", {
        "name": "govgraph validate", "tests": str(len(cases)), "failures": str(failures), "errors": "0",
        "skipped": "0"})
    # No run timestamp (the output must not change between runs); the date checked is a property.
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as-of", "value": report.as_of.isoformat() if report.as_of else ""})
    ET.SubElement(properties, "property", {"name": "bodies-checked", "value": str(report.checked)})
    for (body, rule), found in sorted(cases.items()):
        case = ET.SubElement(suite, "testcase", {"classname": body, "name": rule})
        failing = [f for f in found if f.severity.at_least(fail_on)]
        passing = [f for f in found if not f.severity.at_least(fail_on)]
        for f in failing:
            failure = ET.SubElement(case, "failure", {"type": f.severity.value, "message": f.text(lang)})
            failure.text = _details(f, lang)
        if passing:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{SEVERITY_WORDS[lang][f.severity]}: {f.text(lang)}" for f in passing)
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def _details(f: Finding, lang: str) -> str:
    parts = [f.text(lang), f"{word('where', lang)}: {f.location or '-'}",
             f"{word('layer', lang)}: {localized(f, 'layer', lang)}", f"{word('source', lang)}: {localized(f, 'source', lang)}"]
    return "\n".join(parts)
