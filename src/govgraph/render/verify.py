"""``govgraph verify`` results as text: a line per rule and fixture, expected versus actual for each failure."""

from __future__ import annotations

from collections.abc import Sequence

from ..verify import FixtureResult
from .findings import localized

_WORDS = {
    "pass": {"da": "OK", "en": "PASS"},
    "fail": {"da": "FEJL", "en": "FAIL"},
    "expected": {"da": "forventet", "en": "expected"},
    "actual": {"da": "faktisk", "en": "actual"},
    "fires": {"da": "mindst ét fund af {rule}", "en": "at least one finding of {rule}"},
    "passes": {"da": "intet fund af {rule}", "en": "no finding of {rule}"},
    "missing-fixture": {"da": "fixturen mangler: skriv {path}", "en": "the fixture is missing: write {path}"},
    "unreadable": {"da": "kan ikke kontrolleres: {detail}", "en": "cannot be checked: {detail}"},
    "out-of-dates": {"da": "fixturens dato {detail} ligger uden for reglens datoer (ret gg:effectiveDate)",
                     "en": "the fixture's date {detail} is outside the rule's dates (change its gg:effectiveDate)"},
    "missing-finding": {"da": "intet fund af {rule} (manglende fund)", "en": "no finding of {rule} (missing finding)"},
    "extra-finding": {"da": "{n} fund af {rule} (ekstra fund):", "en": "{n} finding(s) of {rule} (extra finding):"},
    "summary": {"da": "{rules} regler, {fixtures} fixturer: {passed} bestået, {failed} fejlet",
                "en": "{rules} rules, {fixtures} fixtures: {passed} passed, {failed} failed"},
}


def _w(key: str, lang: str, **values: object) -> str:
    return _WORDS[key].get(lang, _WORDS[key]["en"]).format(**values)


def render_verify_text(results: Sequence[FixtureResult], lang: str = "en") -> str:
    """``PASS RULE fixture`` or ``FAIL RULE fixture`` with expected and actual findings, then a summary."""
    lines: list[str] = []
    for r in results:
        lines.append(f"{_w('pass' if r.passed else 'fail', lang)} {r.rule} {r.fixture}")
        if r.passed:
            continue
        lines.append(f"  {_w('expected', lang)}: {_w(r.kind, lang, rule=r.rule)}")
        if r.problem == "extra-finding":
            lines.append(f"  {_w('actual', lang)}: {_w('extra-finding', lang, n=len(r.findings), rule=r.rule)}")
            for f in r.findings:
                where = f" ({f.location.text(lang)})" if f.location else ""
                body = localized(f, "body", lang)
                lines.append(f"    {r.rule}: {body + ': ' if body else ''}{f.text(lang)}{where}")
        else:
            lines.append(f"  {_w('actual', lang)}: "
                         f"{_w(r.problem, lang, rule=r.rule, path=r.fixture, detail=r.detail)}")
    passed = sum(r.passed for r in results)
    lines.append(_w("summary", lang, rules=len({r.rule for r in results}), fixtures=len(results),
                    passed=passed, failed=len(results) - passed))
    return "\n".join(lines) + "\n"
