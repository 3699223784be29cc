"""The rule catalogue as a table (``govgraph rules``) and one rule in full (``govgraph explain``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .. import resources
from ..rules import Catalogue, Rule
from .findings import SEVERITY_WORDS

_WORDS = {
    "id": {"da": "Regel", "en": "Rule"},
    "layer": {"da": "Lag", "en": "Layer"},
    "source": {"da": "Kilde", "en": "Source"},
    "dates": {"da": "Gælder", "en": "In force"},
    "title": {"da": "Titel", "en": "Title"},
    "severity": {"da": "Alvor", "en": "Severity"},
    "message": {"da": "Besked", "en": "Message"},
    "rule_set": {"da": "Regelsæt", "en": "Rule set"},
    "citation": {"da": "Henvisning", "en": "Citation"},
    "comment": {"da": "Forklaring", "en": "Explanation"},
    "shape": {"da": "SHACL-form", "en": "SHACL shape"},
    "fixtures": {"da": "Testdata", "en": "Fixtures"},
    "none": {"da": "(ingen)", "en": "(none)"},
    "always": {"da": "altid", "en": "always"},
    "rules": {"da": "regler", "en": "rules"},
    "in_force": {"da": "i kraft", "en": "in force on"},
}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][lang]


def dates(rule: Rule, lang: str) -> str:
    """``2022-07-01 – 2026-12-31``, open ends as ``…``, or ``always``."""
    if rule.valid_from is None and rule.valid_until is None:
        return _w("always", lang)
    start = rule.valid_from.isoformat() if rule.valid_from else "…"
    end = rule.valid_until.isoformat() if rule.valid_until else "…"
    return f"{start} – {end}"


def render_catalogue(catalogue: Catalogue, rules: Sequence[Rule], lang: str = "en", day: dt.date | None = None) -> str:
    """One row per rule: id, layer, source, dates, title; aligned columns, sorted by id."""
    head = [_w(k, lang) for k in ("id", "layer", "source", "dates", "title")]
    rows = [[r.id, r.layer_label.get(lang), r.source_label.get(lang), dates(r, lang), r.title.get(lang)] for r in rules]
    widths = [max([len(head[i])] + [len(row[i]) for row in rows]) for i in range(4)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(widths[i]) for i, c in enumerate(cells[:4])) + "  " + cells[4]

    lines = [line(head), line(["-" * w for w in widths] + ["-" * len(head[4])])]
    lines += [line(row) for row in rows]
    tail = f"{len(rules)} {_w('rules', lang)}"
    if day is not None:
        tail += f" {_w('in_force', lang)} {day.isoformat()}"
    return "\n".join(lines) + f"\n\n{tail}\n"


def fixture_paths(rule: Rule) -> list[str]:
    """The rule's test fixtures (tests/fixtures/rules/<ID>/fires.ttl, passes.ttl) that exist."""
    folder = resources.ROOT / "tests" / "fixtures" / "rules" / rule.id
    return [str(p.relative_to(resources.ROOT)) for p in (folder / "fires.ttl", folder / "passes.ttl") if p.exists()]


def render_explanation(catalogue: Catalogue, rule: Rule, lang: str = "en") -> str:
    """Everything about one rule: texts, layer, source and citation, dates, set, Turtle, fixtures."""
    shapes, _ = catalogue.shapes_graph([rule], components=False)
    turtle = shapes.serialize(format="turtle").strip()
    turtle = "\n".join(l for l in turtle.splitlines() if not l.startswith("@prefix")).strip()
    source = rule.source_label.get(lang) or _w("none", lang)
    if rule.citation:
        source += f" — {rule.citation}"
    lines = [
        f"{rule.id}: {rule.title.get(lang)}",
        "",
        f"{_w('message', lang)}: {rule.message.get(lang)}",
        f"{_w('severity', lang)}: {SEVERITY_WORDS[lang][rule.severity]}",
        f"{_w('layer', lang)}: {rule.layer_label.get(lang) or _w('none', lang)}",
        f"{_w('source', lang)}: {source}",
        f"{_w('dates', lang)}: {dates(rule, lang)}",
        f"{_w('rule_set', lang)}: {rule.rule_set} ({rule.location})",
    ]
    if rule.comment.get(lang):
        lines += ["", f"{_w('comment', lang)}:", rule.comment.get(lang)]
    lines += ["", f"{_w('shape', lang)}:", "", turtle, "", f"{_w('fixtures', lang)}:"]
    lines += [f"  {p}" for p in fixture_paths(rule)] or [f"  {_w('none', lang)}"]
    return "\n".join(lines) + "\n"
