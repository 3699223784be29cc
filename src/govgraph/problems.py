"""Term and literal problems of a loaded model: undeclared terms (``org:postin``), ill-typed literals,
and literals of another type than their property's ``rdfs:range`` (whatever their language tag).

``load`` refuses the first problem (exit 2); ``lint`` lists them all.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

from .positions import Location
from .vocab import PREFIXES

if TYPE_CHECKING:
    from .load import Model

#: Closed vocabularies govgraph reuses; a term outside their lists is a typo.
REUSED = (ORG, FOAF, SKOS, DCTERMS, TIME, PROV, RDF, RDFS, OWL, XSD, SH)
_DECLARING_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                    RDF.Property, SKOS.Concept, SKOS.ConceptScheme, OWL.Ontology, SH.NodeShape, SH.PropertyShape,
                    SH.ConstraintComponent, SH.Parameter}
#: Namespaces whose terms must be declared in ontology/ (owned by govgraph).
OWNED = tuple(str(ns) for name, ns in PREFIXES.items()
              if name in {"gg", "role", "side", "level", "office", "status", "layer", "qual", "dkh", "task", "src"})


@dataclass(frozen=True)
class Problem:
    """A term or literal problem; ``message``/``hint`` are English, ``da`` the Danish sentence."""

    message: str
    hint: str
    location: Location | None
    node: object = None
    da: str = ""


def declared_terms(graph: Graph) -> set[URIRef]:
    terms: set[URIRef] = set()
    for kind in _DECLARING_TYPES:
        terms.update(s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef))
    for ns in REUSED:
        base = str(ns)
        terms.update(URIRef(base + name) for name in getattr(ns, "__annotations__", {}))
    return terms


def _reused_namespace(iri: str) -> str | None:
    for ns in REUSED:
        if iri.startswith(str(ns)) and "/" not in iri[len(str(ns)):] and "#" not in iri[len(str(ns)):]:
            return str(ns)
    return None


def _qname(graph: Graph, node: URIRef) -> str:
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:
        return f"<{node}>"


_SUGGESTIONS = 500


def unknown_terms(model: Model) -> list[Problem]:
    """Classes, properties and concept values in the user's files that no vocabulary declares."""
    declared = declared_terms(model.graph)
    # Anything the user's files or the reference data define as a subject is known too.
    defined = {s for s in model.graph.subjects() if isinstance(s, URIRef)}
    candidates: dict[URIRef, str] = {}
    for s, p, o in model.user:
        candidates.setdefault(p, "property")  # type: ignore[arg-type]
        if p == RDF.type and isinstance(o, URIRef):
            candidates.setdefault(o, "class")
        elif isinstance(o, URIRef):
            candidates.setdefault(o, "value")
    unknown: list[tuple[URIRef, str, str]] = []
    for term, kind in sorted(candidates.items(), key=lambda item: str(item[0])):
        iri = str(term)
        reused = _reused_namespace(iri)
        owned = iri.startswith(OWNED)
        if term in declared:
            continue
        if kind == "value" and (term in defined or not (reused or owned)):
            continue  # instance IRIs are free; only vocabulary values must be declared
        if kind != "value" and not (reused or owned) and term in defined:
            continue  # declared by a vocabulary file of the user's own
        unknown.append((term, kind, reused or next((ns for ns in OWNED if iri.startswith(ns)), iri.rsplit("/", 1)[0])))
    places = _first_uses(model, {term for term, _, _ in unknown})
    by_namespace: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for number, (term, kind, namespace) in enumerate(unknown):
        iri = str(term)
        if namespace not in by_namespace:
            by_namespace[namespace] = sorted(str(t)[len(namespace):] for t in declared if str(t).startswith(namespace))
        local = iri[len(namespace):] if iri.startswith(namespace) else iri
        # A suggestion costs a fuzzy match against the namespace; a file of thousands of unknown
        # terms is no typo, and gets its suggestions for the first ones only.
        close = difflib.get_close_matches(local, by_namespace[namespace], n=1, cutoff=0.6) \
            if number < _SUGGESTIONS else []
        suggestion = _qname(model.graph, URIRef(namespace + close[0])) if close else ""
        hint = f"did you mean {suggestion}?" if close else \
            "declare it in your own vocabulary file, or use a term from ontology/README.md"
        da_hint = f"mente du {suggestion}?" if close else \
            "erklær den i en egen ordforrådsfil, eller brug et begreb fra ontology/README.md"
        kind_da = {"property": "egenskab", "class": "klasse", "value": "værdi"}[kind]
        name = _qname(model.graph, term)
        problems.append(Problem(f"unknown {kind} {name}", hint, places.get(term), term,
                                da=f"ukendt {kind_da} {name} ({da_hint})"))
    return problems


def _first_uses(model: Model, terms: set[URIRef]) -> dict[URIRef, Location | None]:
    """Where each term is used: the place of the first triple (in sorted order) that uses it and has a place.

    One pass over the user's triples for all terms together: a term at a time made ``lint`` quadratic
    (10,000 unknown terms took minutes)."""
    found: dict[URIRef, Location | None] = {}
    if terms:
        uses = sorted((t for t in model.user if t[1] in terms or t[2] in terms), key=lambda t: tuple(map(str, t)))
        for triple in uses:
            waiting = [n for n in (triple[1], triple[2]) if n in terms and n not in found]
            if waiting:
                loc = model.locate_triple(triple)
                if loc is not None:
                    for node in waiting:
                        found[node] = loc
    for term in terms - found.keys():
        found[term] = model.places.places.get(term)
    return found


_DATE_TYPES = {XSD.date: "YYYY-MM-DD, e.g. 2022-07-01", XSD.dateTime: "YYYY-MM-DDThh:mm:ss",
               XSD.integer: "a whole number", XSD.boolean: "true or false", XSD.gYear: "a year, e.g. 2022"}


_DATE_TYPES_DA = {XSD.date: "ÅÅÅÅ-MM-DD, fx 2022-07-01", XSD.dateTime: "ÅÅÅÅ-MM-DDTtt:mm:ss",
                  XSD.integer: "et helt tal", XSD.boolean: "true eller false", XSD.gYear: "et årstal, fx 2022"}
#: Literals of these types also fit a property whose rdfs:range is the key.
_FITS = {XSD.integer: {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger},
         XSD.string: {XSD.string, None}}
_EXAMPLE = {XSD.date: '"2022-07-01"^^xsd:date', XSD.integer: "4", XSD.boolean: "true", XSD.string: '"tekst"'}


def _fits(literal: Literal, wanted: URIRef) -> bool:
    """Whether a literal is of its property's range. A language tag is text: it fits a text range only
    (``gg:meetingsPerYear "seks"@da`` is no number, ``gg:validFrom "2023-10-01"@da`` no date)."""
    if literal.language:
        return wanted == XSD.string
    return literal.datatype in _FITS.get(wanted, {wanted})


def bad_literals(model: Model) -> list[Problem]:
    """Typed literals whose text is not a valid value of their type (e.g. 2022-13-45 as xsd:date), and
    literals of another type than their property's ``rdfs:range`` (e.g. a gg:validUntil given as an
    xsd:dateTime or a plain string: the rules compare dates, and would silently pass it over)."""
    ranges = {p: r for p, r in model.graph.subject_objects(RDFS.range)
              if isinstance(r, URIRef) and str(r).startswith(str(XSD)) and str(p).startswith(OWNED)}
    # Pick the bad literals first and sort only those: sorting every triple cost 0.6 s at 40k triples.
    ill_typed = []
    misfits = []
    for t in model.user:
        o = t[2]
        if not isinstance(o, Literal):
            continue
        if o.datatype in _DATE_TYPES and (o.ill_typed or o.value is None):
            ill_typed.append(t)
        elif t[1] in ranges and not _fits(o, ranges[t[1]]):
            misfits.append(t)
    problems = []
    for s, p, o in sorted(ill_typed, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        what, what_da = _DATE_TYPES[o.datatype], _DATE_TYPES_DA[o.datatype]
        prop, kind = _qname(model.graph, p), _qname(model.graph, o.datatype)
        problems.append(Problem(f"{prop} has {str(o)!r}, which is not a valid {kind}", f"write {what}",
                                model.locate_triple((s, p, o)), s,
                                da=f"{prop} har {str(o)!r}, som ikke er en gyldig {kind} (skriv {what_da})"))
    for s, p, o in sorted(misfits, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        prop, wanted = _qname(model.graph, p), _qname(model.graph, ranges[p])
        if o.language:
            given, given_da = f"as text in language {o.language}", f"som tekst på sproget {o.language}"
        elif o.datatype:
            given, given_da = f"of type {_qname(model.graph, o.datatype)}", f"af typen {_qname(model.graph, o.datatype)}"
        else:
            given, given_da = "as plain text", "som ren tekst"
        example = _EXAMPLE.get(ranges[p], f'"…"^^{wanted}')
        problems.append(Problem(f"{prop} must be of type {wanted}, but has {str(o)!r} {given}",
                                f"write e.g. {example}", model.locate_triple((s, p, o)), s,
                                da=f"{prop} skal være af typen {wanted}, men har {str(o)!r} {given_da} "
                                   f"(skriv fx {example})"))
    return problems
