"""Validation results → findings: labels in Danish and English, the rule's message filled in, the
place to fix (``file:line``, or sheet, row and column), the body a finding belongs to, and the
scope of the run (bodies in force, the rule's jurisdiction).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SH
from rdflib.term import Node

from ..load import Model
from ..model import label
from ..positions import Location
from ..report import Finding, Severity
from ..vocab import GG, LAYER
from .catalogue import Rule
from .results import Result

_SEVERITY = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}

# ------------------------------------------------------------ results → findings

_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")
_IRI = re.compile(r"<(\w[\w+.-]*:[^<>\s\"]*)>|\b((?:https?|urn):[^\s<>\"',;)]*[^\s<>\"',;.)])")


def findings(model: Model, results: Iterable[Result], shapes: Graph, owner: dict[Node, Rule],
             scope: Scope) -> Iterator[Finding]:
    """The findings of ``results`` (of either engine) that fall in ``scope``, named by label in both languages."""
    g = model.view
    body_classes = _body_classes(g)
    kept = list(_in_scope(g, results, owner, scope, body_classes))
    model.expect({n for _, result, _ in kept for n in (result.focus, result.value) if isinstance(n, URIRef)})
    parameters: dict[Node, dict[str, Node]] = {}
    locations: dict[str, str] = {}
    for rule, result, body in kept:
        focus, shape = result.focus, result.shape
        if shape not in parameters:
            parameters[shape] = _parameters(shapes, shape)
        if rule.id not in locations:
            locations[rule.id] = str(rule.location)
        value, path = result.value, result.path
        bindings = dict(result.bindings)
        # A nested shape without its own sh:severity speaks with its rule's severity (SHACL says Violation).
        own = shapes.value(shape, SH.severity) if shape != rule.iri else None
        severity = _SEVERITY.get(result.severity, rule.severity) if own or shape == rule.iri else rule.severity
        values = {**parameters[shape], **bindings, "this": focus, "focus": focus, "value": value, "path": path}
        message = _messages(g, rule, list(result.messages), values)
        # What was found: a node validator's count (sh:value is the body itself), else the value node.
        found = bindings["count"] if "count" in bindings and value == focus else value
        extra = {
            "body.da": label(g, body, "da") if body is not None else "",
            "body.iri": str(body) if body is not None else "",  # a label may name two bodies (govgraph.batch)
            "focus.da": label(g, focus, "da"),
            "layer.da": rule.layer_label.get("da"),
            "source.da": rule.source_label.get("da"),
            "value.da": label(g, found, "da") if found is not None else "",
            "shape": str(shape),
            "component": str(result.component or ""),
            "path.iri": str(path) if isinstance(path, URIRef) else "",
            "value.n3": value.n3() if value is not None else "",
            "rule.location": locations[rule.id],
        }
        yield Finding(
            rule=rule.id, severity=severity, message=message,
            focus=label(g, focus, "en"), body=label(g, body, "en") if body is not None else "",
            location=_where(model, focus, path, value, shapes.value(result.component, _FIXES) if result.component else None),
            layer=rule.layer_label.get("en"), source=rule.source_label.get("en"),
            focus_iri=str(focus), path=label(g, path, "en") if isinstance(path, URIRef) else "",
            value=label(g, found, "en") if found is not None else "",
            extra=tuple(sorted(extra.items())))


def _in_scope(g: Graph, results: Iterable[Result], owner: dict[Node, Rule], scope: Scope,
              body_classes: set[Node]) -> Iterator[tuple[Rule, Result, URIRef | None]]:
    """The results that make findings (once each): of a rule, on a body in scope and within the rule's
    jurisdiction; with the rule and the body."""
    seen: set[tuple[str, ...]] = set()
    for result in results:
        rule = owner.get(result.shape)
        if rule is None or result.key() in seen:
            continue
        seen.add(result.key())
        body = _body_of(g, result.focus, body_classes)
        if body is not None and body not in scope.of(rule):
            continue  # a body of the reference data, or not in force on the date
        if body is not None and not within(g, body, rule.jurisdiction):
            continue  # e.g. a North Jutland decision does not bind another region's bodies
        yield rule, result, body


#: Things a body-level finding may name as its value, written on lines of their own.
_POINTABLE = (GG.Seat, GG.Decision, ORG.Membership)


#: A component's ``ggc:fixes``: the property of the seat its results name that the user corrects.
_FIXES = URIRef("https://w3id.org/govgraph/constraint#fixes")


def _where(model: Model, focus: Node, path: Node | None, value: Node | None, fixes: Node | None = None) -> Location | None:
    """The place to fix: the offending seat, decision or membership when a body-level rule names one
    as its value (e.g. a seat without its appointment, a decision outside the body's tasks) — in a
    workbook the cell of the property its component says to correct (``ggc:fixes``, e.g. the Voting
    column of an observer left blank) — else the focus; with a result path, its cell."""
    if isinstance(value, URIRef) and any(model.in_user((value, RDF.type, kind)) for kind in _POINTABLE):
        return model.locate(value, fixes)
    return model.locate(focus, path)


@dataclass(frozen=True)
class Scope:
    in_force: frozenset[URIRef]
    scenario: frozenset[URIRef]

    def of(self, rule: Rule) -> frozenset[URIRef]:
        return self.scenario if rule.layer == LAYER.Integrity else self.in_force


def within(graph: Graph, body: URIRef, jurisdiction: URIRef | None) -> bool:
    """Whether a rule of ``jurisdiction`` binds ``body``: always without one; else when the body's
    gg:area is the jurisdiction or lies in it (gg:region), or when the body has no area to tell."""
    if jurisdiction is None:
        return True
    areas = [a for a in graph.objects(body, GG.area) if isinstance(a, URIRef)]
    if not areas:
        return True
    return any(a == jurisdiction or (a, GG.region, jurisdiction) in graph for a in areas)


def _body_classes(graph: Graph) -> set[Node]:
    from ..model import subclasses

    return set(subclasses(graph, GG.Body))


def _body_of(graph: Graph, focus: Node, body_classes: set[Node]) -> URIRef | None:
    """The body a focus node belongs to: itself, a seat's org:postIn, a membership's org:organization."""
    if any(t in body_classes for t in graph.objects(focus, RDF.type)):
        return focus  # type: ignore[return-value]
    for prop in (ORG.postIn, ORG.organization):
        owner = graph.value(focus, prop)
        if isinstance(owner, URIRef):
            return owner
    return None


def _parameters(shapes: Graph, shape: Node | None) -> dict[str, Node]:
    """A shape's own values by local name, for a component's {$param} placeholders."""
    if shape is None:
        return {}
    return {str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1]: o for p, o in sorted(shapes.predicate_objects(shape))}


def _template(text: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(text)
    # split() alternates literal text and placeholder names
    return re.compile("".join(re.escape(part) if i % 2 == 0 else "(.*?)" for i, part in enumerate(parts)), re.S)


def _messages(graph: Graph, rule: Rule, given: list[Node], values: dict[str, Node | None]) -> dict[str, str]:
    """The finding's message in Danish and English.

    pySHACL drops the language tag of a message once it has filled in SPARQL variables, so an
    untagged result message is matched against the rule's Danish and English templates to tell
    which is which. Where no result message fits, the rule's own sh:message is filled in here.
    """
    tagged = {lit.language: str(lit) for lit in given if isinstance(lit, Literal) and lit.language}
    untagged = sorted(str(lit) for lit in given if isinstance(lit, Literal) and not lit.language)
    out: dict[str, str] = {}
    for lang in ("da", "en"):
        text = tagged.get(lang)
        template = getattr(rule.message, lang)
        if text is None and template:
            text = next((u for u in untagged if _template(template).fullmatch(u)), None)
        if text is None:
            text = template or (untagged[0] if untagged else rule.title.get(lang))
        out[lang] = _fill(graph, text, values, lang)
    return out


def _fill(graph: Graph, text: str, values: dict[str, Node | None], lang: str) -> str:
    """Fill the placeholders pySHACL left ({$this}, {?value}, …) and name every IRI by its label."""

    def placeholder(match: re.Match[str]) -> str:
        node = values.get(match.group(1))
        return label(graph, node, lang) if node is not None else match.group(0)

    def iri(match: re.Match[str]) -> str:
        return label(graph, URIRef(match.group(1) or match.group(2)), lang)

    return _IRI.sub(iri, _PLACEHOLDER.sub(placeholder, text))


__all__ = ["findings", "Scope", "within"]
