"""``govgraph lint``: is the model well formed before any rule is applied?

Checks that every class, property and vocabulary value the user's files use
is declared (catches ``org:postin``), that literals of date, number and
boolean types are valid, that every body and seat has a label, and that every
seat belongs to exactly one body.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS

from .lint_areas import area_findings
from .load import Model, Problem, bad_literals, unknown_terms
from .model import label, subclasses
from .positions import Location
from .report import Finding, Report, Severity
from .vocab import GG

_MESSAGES = {
    "body-label": ("Organet {focus} har intet navn (rdfs:label).", "The body {focus} has no label (rdfs:label)."),
    "seat-label": ("Pladsen {focus} har intet navn (rdfs:label).", "The seat {focus} has no label (rdfs:label)."),
    "seat-body": ("Pladsen {focus} hører ikke til præcis ét organ (org:postIn): {n} angivet.",
                  "The seat {focus} does not belong to exactly one body (org:postIn): {n} given."),
    "seat-body-kind": ("Pladsen {focus} hører til {target}, som ikke er et organ.",
                       "The seat {focus} belongs to {target}, which is not a body."),
}


def _finding(model: Model, rule: str, node: object, severity: Severity = Severity.VIOLATION, **values: object) -> Finding:
    da, en = _MESSAGES[rule]
    return Finding(rule=f"lint:{rule}", severity=severity,
                   message={"da": da.format(**values), "en": en.format(**values)},
                   focus=str(values.get("focus", "")), location=model.locate(node),
                   layer="integrity", focus_iri=str(node))


def _problems(model: Model, rule: str, problems: list[Problem]) -> Iterator[Finding]:
    for p in problems:
        yield Finding(rule=f"lint:{rule}", severity=Severity.VIOLATION,
                      message={"da": p.da, "en": f"{p.message} ({p.hint})"},
                      focus=label(model.graph, p.node) if p.node is not None else "",
                      location=p.location, layer="integrity", focus_iri=str(p.node))


def lint(model: Model) -> Report:
    """All lint findings for the user's part of the model."""
    return Report.of(_lint(model))


def _lint(model: Model) -> Iterator[Finding]:
    g, user = model.graph, model.user
    yield from _problems(model, "unknown-term", unknown_terms(model))
    yield from _problems(model, "bad-literal", bad_literals(model))
    body_classes = subclasses(g, GG.Body)
    post_classes = subclasses(g, ORG.Post)
    bodies = sorted({s for s, o in user.subject_objects(RDF.type) if o in body_classes}, key=str)
    seats = sorted({s for s, o in user.subject_objects(RDF.type) if o in post_classes}
                   | set(user.subjects(ORG.postIn, None)), key=str)
    one_body = _seats_not_in_one_body(model)
    for body in bodies:
        if not any(True for _ in g.objects(body, RDFS.label)) and not any(True for _ in g.objects(body, SKOS.prefLabel)):
            yield _finding(model, "body-label", body, focus=label(g, body))
    for seat in seats:
        name = label(g, seat)
        if not any(True for _ in g.objects(seat, RDFS.label)):
            yield _finding(model, "seat-label", seat, Severity.WARNING, focus=name)
        targets = sorted(g.objects(seat, ORG.postIn), key=str)
        if seat in one_body:  # the rule's results, not a count of our own
            yield _finding(model, "seat-body", seat, focus=name, n=len(targets))
        for target in targets:
            if isinstance(target, URIRef) and not any(t in body_classes for t in g.objects(target, RDF.type)):
                yield _finding(model, "seat-body-kind", seat, focus=name, target=label(g, target))
    yield from area_findings(model)


#: The rule whose results are lint's "seat-body" problem (one definition of "a seat in one body").
SEAT_BODY_RULE = "CORE-SEAT-ONE-BODY"


def _seats_not_in_one_body(model: Model) -> set:
    """The focus nodes of CORE-SEAT-ONE-BODY, run on the model as it is (no scenario scope: lint
    checks every seat of the user's files, whichever body it names)."""
    import datetime as dt

    from .check import IMPLICIT_SCENARIO, run
    from .check.catalogue import load_catalogue

    catalogue = load_catalogue()
    results = run(model, catalogue, [catalogue.get(SEAT_BODY_RULE)], IMPLICIT_SCENARIO, (), dt.date.today())
    return {r.focus for r in results}


def lint_rules(paths: list[Path]) -> Report:
    """Non-standard SHACL-SPARQL in rule files (see :mod:`govgraph.check.standard`), at ``file:line``."""
    from .check.catalogue import COMPONENTS, load_catalogue
    from .check.standard import problems
    from .load import read_file

    found = []
    for path in paths:
        parsed = read_file(path)
        beside = path.parent / f"{COMPONENTS}.ttl"
        declarations = load_catalogue([beside] if beside.exists() and beside.resolve() != path.resolve() else []).graph
        lines = {}
        for node in set(parsed.graph.subjects()):
            where = parsed.places.locate(node)
            if where is not None:
                lines[node] = where.line
        for p in problems(path, parsed.graph, lines, declarations):
            found.append(Finding(rule="lint:rule-sparql", severity=Severity.VIOLATION,
                                 message={"da": f"{p.da_what} ({p.da_fix})", "en": f"{p.what} ({p.fix})"},
                                 focus="", location=Location(str(path), p.line), layer="integrity",
                                 focus_iri=f"{path}:{p.line}"))
    return Report.of(found)
