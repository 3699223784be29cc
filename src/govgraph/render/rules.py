"""The rule catalogue as a table (``govgraph rules``) and one rule in full (``govgraph explain``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rdflib.compare import to_canonical_graph

from .. import resources
from ..load import new_graph
from ..rules import Catalogue, Rule
from .findings import SEVERITY_WORDS, word


def _w(key: str, lang: str) -> str:
    return word(key, lang)


def _head(key: str, lang: str) -> str:
    """A word as a heading or label: capitalized."""
    text = word(key, lang)
    return text[:1].upper() + text[1:]


def dates(rule: Rule, lang: str) -> str:
    """``2022-07-01 – 2026-12-31``, open ends as ``…``, or ``always``."""
    if rule.valid_from is None and rule.valid_until is None:
        return _w("always", lang)
    start = rule.valid_from.isoformat() if rule.valid_from else "…"
    end = rule.valid_until.isoformat() if rule.valid_until else "…"
    return f"{start} – {end}"


def render_catalogue(catalogue: Catalogue, rules: Sequence[Rule], lang: str = "en", day: dt.date | None = None) -> str:
    """One row per rule: id, layer, source, dates, title; aligned columns, sorted by id."""
    head = [_head(k, lang) for k in ("id", "layer", "source", "dates", "title")]
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


def engine_line(catalogue: Catalogue, rule: Rule, lang: str) -> str:
    """Which engine runs the rule: compiled to set-based SPARQL on Oxigraph, or pySHACL and why."""
    from ..check import plan_of

    plan = plan_of(catalogue, rule)
    if plan.compiled:
        return ("kompileret: én SPARQL-forespørgsel pr. begrænsning over alle fokusknuder (Oxigraph)" if lang == "da"
                else "compiled: one SPARQL query per constraint over all focus nodes (Oxigraph)")
    return (f"pySHACL (oversætteren dækker ikke: {plan.reason})" if lang == "da"
            else f"pySHACL (the compiler does not cover: {plan.reason})")


def render_explanation(catalogue: Catalogue, rule: Rule, lang: str = "en") -> str:
    """Everything about one rule: texts, layer, source and citation, dates, set, Turtle, fixtures."""
    shapes, _ = catalogue.shapes_graph([rule], components=False)
    # Canonical blank-node labels: the serializer orders blank nodes by label, and a parser's
    # labels depend on what else the process has parsed before.
    canonical = new_graph()
    for triple in to_canonical_graph(shapes):
        canonical.add(triple)
    turtle = canonical.serialize(format="turtle").strip()
    turtle = "\n".join(l for l in turtle.splitlines() if not l.startswith("@prefix")).strip()
    source = rule.source_label.get(lang) or _w("none", lang)
    if rule.citation:
        source += f" — {rule.citation}"
    lines = [
        f"{rule.id}: {rule.title.get(lang)}",
        "",
        f"{_head('message', lang)}: {rule.message.get(lang)}",
        f"{_head('severity', lang)}: {SEVERITY_WORDS[lang][rule.severity]}",
        f"{_head('layer', lang)}: {rule.layer_label.get(lang) or _w('none', lang)}",
        f"{_head('source', lang)}: {source}",
        f"{_head('dates', lang)}: {dates(rule, lang)}",
        f"{_head('rule_set', lang)}: {rule.rule_set} ({rule.location})",
    ]
    lines.append(("Motor" if lang == "da" else "Engine") + ": " + engine_line(catalogue, rule, lang))
    if rule.jurisdiction is not None:
        lines.append(f"{_head('jurisdiction', lang)}: {rule.jurisdiction_label.get(lang) or rule.jurisdiction}")
    if rule.comment.get(lang):
        lines += ["", f"{_head('comment', lang)}:", rule.comment.get(lang)]
    lines += ["", f"{_head('shape', lang)}:", "", turtle, "", f"{_head('fixtures', lang)}:"]
    lines += [f"  {p}" for p in fixture_paths(rule)] or [f"  {_w('none', lang)}"]
    return "\n".join(lines) + "\n"
