"""Check stage: run the rules in force on a model with pySHACL and turn the results into findings.

    model ──▶ data graph (+ gg:includesBody for the scenario's bodies in force)
    shapes/ ─▶ catalogue ─▶ rules in force ─▶ shapes graph
                                   └─ pySHACL ─▶ sh:ValidationResult ─▶ Finding (da + en, labels, file:line)

pySHACL is imported here, lazily: importing it costs about half a second that
``info`` or ``draw`` should not pay.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SH
from rdflib.term import Node

from .errors import GovgraphError, UsageError
from .load import Model
from .positions import Location
from .model import Organization, label, organization
from .report import Finding, Report, Severity
from .rules import Catalogue, Rule, load_catalogue
from .vocab import GG, LAYER

_SEVERITY = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
#: A scenario node for models that name none, so rules on gg:includesBody still see their bodies.
IMPLICIT_SCENARIO = URIRef("urn:govgraph:scenario")


@dataclass(frozen=True)
class ValidationReport(Report):
    """A report plus what it was checked against: the date and the rules applied."""

    as_of: dt.date | None = None
    rules: tuple[str, ...] = ()
    bodies: tuple[CheckedBody, ...] = ()

    @classmethod
    def of_validation(cls, findings: Sequence[Finding], day: dt.date, chosen: Sequence[Rule],
                      bodies: Sequence[CheckedBody]) -> ValidationReport:
        base = Report.of(findings, len(bodies))
        return cls(base.findings, base.checked, day, tuple(r.id for r in chosen), tuple(bodies))


@dataclass(frozen=True)
class CheckedBody:
    """A body in scope of a validation, with its labels."""

    iri: str
    da: str
    en: str

    def label(self, lang: str) -> str:
        return self.da if lang == "da" else self.en


class RuleError(GovgraphError):
    """A rule cannot be run (e.g. a SPARQL constraint pySHACL rejects)."""

    def __init__(self, message: str, reason: str = "", da: str = "") -> None:
        super().__init__(message, da)
        self.reason = reason or message

    def __reduce__(self):  # noqa: ANN204
        return (type(self), (str(self), self.reason, self.da))


def validate(model: Model, *, as_of: dt.date | None = None, rules: Sequence[str] | None = None,
             org: Organization | None = None) -> ValidationReport:
    """Validate a loaded model against the rules in force and return the findings (both languages).

    ``as_of`` picks the date (default: the scenario's gg:effectiveDate, else today); it decides which
    bodies are in scope and, unless ``rules`` is given, which rules apply. ``rules`` names rule sets
    (file stems of ``shapes/``, e.g. ``dk-2022-law``) or paths of rule files; all their rules apply.
    ``org`` is the model's organization when the caller has built it already (it is built once).
    """
    org = org or organization(model)
    catalogue = load_catalogue([r for r in (rules or ()) if _is_file(r)], labels=model.graph)
    day = as_of or org.date or dt.date.today()
    return check(model, catalogue, catalogue.select(day, list(rules or ())), day, org)


def _is_file(name: str) -> bool:
    return Path(name).suffix.lower() in (".ttl", ".turtle")


def check(model: Model, catalogue: Catalogue, chosen: Sequence[Rule], day: dt.date,
          org: Organization | None = None) -> ValidationReport:
    """Run ``chosen`` rules of ``catalogue`` on ``model`` as it stands on ``day``."""
    org = org or organization(model)
    in_scope = tuple(b.iri for b in org.on(day))
    findings: list[Finding] = []
    if chosen:
        shapes, owner = catalogue.shapes_graph(chosen)
        scenario = org.scenario.iri or IMPLICIT_SCENARIO
        try:
            results = _run_pyshacl(model, shapes, scenario, in_scope, day)
        except RuleError as error:
            raise _culprit(model, catalogue, chosen, scenario, in_scope, day) or error from None
        # Integrity rules hold whatever the date: they see every body of the scenario (a body
        # whose dates are out of order is in force on no date at all). The other layers see
        # only the bodies in force on the day. Bodies of the reference data are never in scope.
        scope = _Scope(in_force=frozenset(in_scope), scenario=frozenset(b.iri for b in org.bodies))
        findings = list(_findings(model, results, shapes, owner, scope))
    checked = [CheckedBody(str(b), label(model.graph, b, "da"), label(model.graph, b, "en")) for b in in_scope]
    return ValidationReport.of_validation(findings, day, chosen, checked)


def _run_pyshacl(model: Model, shapes: Graph, scenario: URIRef, bodies: Sequence[URIRef], day: dt.date) -> Graph:
    """pySHACL on the model's own graph, with the scope triples added for the run and removed after."""
    import pyshacl

    from .sparql_speed import speed_up_pyshacl

    speed_up_pyshacl()
    data = query_graph(shapes)(store=model.graph.store, identifier=model.graph.identifier,
                               namespace_manager=model.graph.namespace_manager)
    # The scenario as checked: its bodies in force, and the day checked as its effective date,
    # so a rule that reads gg:effectiveDate (e.g. which seats are in force) follows --as-of.
    checked_day = Literal(day)
    removed = [(scenario, GG.effectiveDate, d) for d in data.objects(scenario, GG.effectiveDate) if d != checked_day]
    added = [t for t in [(scenario, GG.includesBody, b) for b in bodies] + [(scenario, GG.effectiveDate, checked_day)]
             if t not in data]
    for triple in removed:
        data.remove(triple)
    for triple in added:
        data.add(triple)
    # SHACL rules (sh:rule) would write into the data graph: run those on a copy.
    target: Graph = data if (None, SH.rule, None) not in shapes else _copy(data)
    try:
        _conforms, results, _text = pyshacl.validate(
            target, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True,
            inplace=True, do_owl_imports=False)
    except Exception as err:  # pySHACL reports bad rules with many exception types
        message = str(getattr(err, "message", "") or err).strip().splitlines()
        reason = message[0] if message else type(err).__name__
        raise RuleError(f"a rule cannot be run: {reason}", reason, f"en regel kan ikke køres: {reason}") from None
    finally:
        for triple in added:
            data.remove(triple)
        for triple in removed:
            data.add(triple)
    if not isinstance(results, Graph):  # pySHACL returns its ValidationFailure instead of raising it
        message = str(getattr(results, "message", results)).strip().splitlines()
        reason = message[0] if message else "pySHACL failed"
        raise RuleError(f"a rule cannot be run: {reason}", reason, f"en regel kan ikke køres: {reason}")
    return results


#: Which engine answers the rules' SPARQL: "oxigraph" (default) or "rdflib" (pySHACL's own).
ENGINE_VARIABLE = "GOVGRAPH_SPARQL"


def query_graph(shapes: Graph) -> type[Graph]:
    """The graph class whose ``query`` pySHACL will call: Oxigraph answers unless the shapes need
    rdflib (SHACL functions or rules) or ``$GOVGRAPH_SPARQL`` is ``rdflib``."""
    from .sparql_oxigraph import OxigraphQueryGraph, needs_rdflib
    from .sparql_speed import PreparedQueryGraph

    engine = os.environ.get(ENGINE_VARIABLE, "oxigraph").strip().lower()
    if engine not in ("oxigraph", "rdflib"):
        raise UsageError(f"${ENGINE_VARIABLE} is {engine!r}: set it to oxigraph or rdflib (or unset it)",
                         da=f"${ENGINE_VARIABLE} er {engine!r}: sæt den til oxigraph eller rdflib (eller fjern den)")
    return PreparedQueryGraph if engine == "rdflib" or needs_rdflib(shapes) else OxigraphQueryGraph


def _culprit(model: Model, catalogue: Catalogue, chosen: Sequence[Rule], scenario: URIRef,
             bodies: Sequence[URIRef], day: dt.date) -> RuleError | None:
    """Which rule made pySHACL fail: run them one by one (only on this error path)."""
    for rule in chosen:
        try:
            _run_pyshacl(model, catalogue.shapes_graph([rule])[0], scenario, bodies, day)
        except RuleError as error:
            return RuleError(f"{rule.location}: rule {rule.id} cannot be run: {error.reason} "
                             "(fix the rule, or leave its rule set out with --rules)", error.reason,
                             f"{rule.location}: regel {rule.id} kan ikke køres: {error.reason} "
                             "(ret reglen, eller udelad dens regelsæt med --rules)")
    return None


def _copy(graph: Graph) -> Graph:
    from .sparql_speed import PreparedQueryGraph

    copy = PreparedQueryGraph()
    copy += graph
    return copy


# ------------------------------------------------------------ results → findings

_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")
_IRI = re.compile(r"<(\w[\w+.-]*:[^<>\s\"]*)>|\b((?:https?|urn):[^\s<>\"',;)]*[^\s<>\"',;.)])")


def _findings(model: Model, results: Graph, shapes: Graph, owner: dict[Node, Rule],
              scope: _Scope) -> Iterator[Finding]:
    g = model.graph
    body_classes = _body_classes(g)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        rule = owner.get(shape) if shape is not None else None
        if focus is None or rule is None:
            continue
        body = _body_of(g, focus, body_classes)
        if body is not None and body not in scope.of(rule):
            continue  # a body of the reference data, or not in force on the date
        if body is not None and not within(g, body, rule.jurisdiction):
            continue  # e.g. a North Jutland decision does not bind another region's bodies
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        # A nested shape without its own sh:severity speaks with its rule's severity (pySHACL says Violation).
        own = shapes.value(shape, SH.severity) if shape != rule.iri else None
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), rule.severity) if own or shape == rule.iri \
            else rule.severity  # type: ignore[arg-type]
        values = {**_parameters(shapes, shape), "this": focus, "focus": focus, "value": value, "path": path}
        message = _messages(g, rule, list(results.objects(result, SH.resultMessage)), values)
        component = results.value(result, SH.sourceConstraintComponent)
        extra = {
            "body.da": label(g, body, "da") if body is not None else "",
            "focus.da": label(g, focus, "da"),
            "layer.da": rule.layer_label.get("da"),
            "source.da": rule.source_label.get("da"),
            "value.da": label(g, value, "da") if value is not None else "",
            "shape": str(shape),
            "component": str(component or ""),
            "path.iri": str(path) if isinstance(path, URIRef) else "",
            "value.n3": value.n3() if value is not None else "",
            "rule.location": str(rule.location),
        }
        yield Finding(
            rule=rule.id, severity=severity, message=message,
            focus=label(g, focus, "en"), body=label(g, body, "en") if body is not None else "",
            location=_where(model, focus, path, value), layer=rule.layer_label.get("en"), source=rule.source_label.get("en"),
            focus_iri=str(focus), path=label(g, path, "en") if isinstance(path, URIRef) else "",
            value=label(g, value, "en") if value is not None else "",
            extra=tuple(sorted(extra.items())))


#: Things a body-level finding may name as its value, written on lines of their own.
_POINTABLE = (GG.Seat, GG.Decision, ORG.Membership)


def _where(model: Model, focus: Node, path: Node | None, value: Node | None) -> Location | None:
    """The place to fix: the offending seat, decision or membership when a body-level rule names one
    as its value (e.g. a seat without its appointment, a decision outside the body's tasks), else the
    focus; with a result path, its cell."""
    if isinstance(value, URIRef) and any((value, RDF.type, kind) in model.user for kind in _POINTABLE):
        return model.locate(value)
    return model.locate(focus, path)


@dataclass(frozen=True)
class _Scope:
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
    from .model import subclasses

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


__all__ = ["validate", "check", "ValidationReport", "CheckedBody", "RuleError", "IMPLICIT_SCENARIO"]
