"""Findings as a standard SHACL validation report (``sh:ValidationReport``) in Turtle.

Blank nodes would get fresh ids on every run, so the report and its results are
skolem IRIs numbered in the report's (sorted) order: the same input gives the same bytes.
``sh:conforms`` follows govgraph's exit code: false when there is a violation (warnings
and info are reported but, as with pySHACL's ``allow_warnings``, do not break conformance).
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.util import from_n3

from ..report import Report, Severity
from ..vocab import PREFIXES

GENID = "https://w3id.org/govgraph/.well-known/genid/"
_SEVERITY = {Severity.VIOLATION: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}


def report_graph(report: Report) -> Graph:
    """The report as an RDF graph of the SHACL vocabulary."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    node = URIRef(GENID + "report")
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(not report.fails(Severity.VIOLATION), datatype=XSD.boolean)))
    width = len(str(len(report.findings)))
    for n, f in enumerate(report.findings, start=1):
        extra = dict(f.extra)
        result = URIRef(f"{GENID}result-{n:0{width}d}")
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, _SEVERITY[f.severity]))
        graph.add((result, SH.focusNode, _node(f.focus_iri, f"{f.focus}|{f.location}")))
        for lang in ("da", "en"):
            graph.add((result, SH.resultMessage, Literal(f.text(lang), lang=lang)))
        if extra.get("shape"):
            graph.add((result, SH.sourceShape, _node(extra["shape"], f"{f.rule}|shape")))
        if extra.get("component"):
            graph.add((result, SH.sourceConstraintComponent, URIRef(extra["component"])))
        if extra.get("path.iri"):
            graph.add((result, SH.resultPath, URIRef(extra["path.iri"])))
        if extra.get("value.n3"):
            blank = extra["value.n3"].startswith("_:")
            value = _node("_:", f"{f.value}|{f.focus}|{f.location}") if blank else from_n3(extra["value.n3"])
            graph.add((result, SH.value, value))
    return graph


def _node(text: str, stable: str) -> URIRef:
    """An IRI as is; a blank node (whose id changes every run) becomes a skolem IRI made from ``stable``."""
    if text.startswith("_:") or ":" not in text:
        return URIRef(GENID + "node-" + hashlib.sha1(stable.encode("utf-8")).hexdigest()[:12])
    return URIRef(text)


def render_findings_turtle(report: Report) -> str:
    """The SHACL validation report serialized as Turtle."""
    return report_graph(report).serialize(format="turtle")
