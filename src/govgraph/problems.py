"""Term and literal problems of a loaded model: undeclared terms (``org:postin``), ill-typed literals,
and literals of another type than their property's ``rdfs:range`` (whatever their language tag).

``load`` refuses the first problem (exit 2); ``lint`` lists them all.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD, NamespaceManager

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


@functools.cache
def _namespaces() -> NamespaceManager:
    """govgraph's prefixes, for naming terms in messages (made on first use: load imports this module)."""
    from .load import new_graph

    return new_graph().namespace_manager


def _qname(node: URIRef) -> str:
    try:
        return _namespaces().normalizeUri(node)
    except Exception:
        return f"<{node}>"


_SUGGESTIONS = 500


def unknown_terms(model: Model) -> list[Problem]:
    """Classes, properties and concept values in the user's files that no vocabulary declares."""
    declared = declared_terms(model.view)  # type: ignore[arg-type]
    candidates = _used_terms(model)
    view = model.view
    defined = {t for t in candidates if (t, None, None) in view}
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
        suggestion = _qname(URIRef(namespace + close[0])) if close else ""
        hint = f"did you mean {suggestion}?" if close else \
            "declare it in your own vocabulary file, or use a term from ontology/README.md"
        da_hint = f"mente du {suggestion}?" if close else \
            "erklær den i en egen ordforrådsfil, eller brug et begreb fra ontology/README.md"
        kind_da = {"property": "egenskab", "class": "klasse", "value": "værdi"}[kind]
        name = _qname(term)
        problems.append(Problem(f"unknown {kind} {name}", hint, places.get(term), term,
                                da=f"ukendt {kind_da} {name} ({da_hint})"))
    return problems


def _used_terms(model: Model) -> dict[URIRef, str]:
    """The properties, classes and vocabulary values (IRIs in a namespace govgraph owns or reuses)
    the user's files use, and which of the three each is: from the files' usage profile and two
    queries on the store, so that a million triples are not walked in Python."""
    found: dict[URIRef, str] = {}
    for usage in sorted(model.usage(), key=lambda u: u.predicate):
        found.setdefault(URIRef(usage.predicate), "property")
    prefix = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
    classes = f"SELECT DISTINCT ?o WHERE {{ {model.in_user_files('?s a ?o')} FILTER isIRI(?o) }}"
    values = f"SELECT DISTINCT ?o WHERE {{ {model.in_user_files('?s ?p ?o')} FILTER (isIRI(?o) && ?p != rdf:type) }}"
    namespaces = (*OWNED, *(str(n) for n in REUSED))
    for kind, text in (("class", classes), ("value", values)):
        iris = sorted(row["o"].value for row in model.store.query(prefix + text))
        for iri in iris:
            if kind == "class" or iri.startswith(namespaces):
                found.setdefault(URIRef(iri), kind)
    return found


def _first_uses(model: Model, terms: set[URIRef]) -> dict[URIRef, Location | None]:
    """Where each term is used: the place of the first triple (in sorted order) that uses it and has a place.

    One pass over the user's triples for all terms together: a term at a time made ``lint`` quadratic
    (10,000 unknown terms took minutes)."""
    found: dict[URIRef, Location | None] = {}
    if terms:
        view = model.user_view
        uses = sorted({t for term in terms for t in (*view.triples((None, term, None)), *view.triples((None, None, term)))},
                      key=lambda t: tuple(map(str, t)))
        model.expect({t[0] for t in uses} | terms)  # one search of the text for all of them
        for triple in uses:
            waiting = [n for n in (triple[1], triple[2]) if n in terms and n not in found]
            if waiting:
                loc = model.locate_triple(triple)
                if loc is not None:
                    for node in waiting:
                        found[node] = loc
    for term in terms - found.keys():
        found[term] = model.locate(term)
    return found


_DATE_TYPES = {XSD.date: "YYYY-MM-DD, e.g. 2022-07-01", XSD.dateTime: "YYYY-MM-DDThh:mm:ss",
               XSD.integer: "a whole number", XSD.boolean: "true or false", XSD.gYear: "a year, e.g. 2022"}


_DATE_TYPES_DA = {XSD.date: "ÅÅÅÅ-MM-DD, fx 2022-07-01", XSD.dateTime: "ÅÅÅÅ-MM-DDTtt:mm:ss",
                  XSD.integer: "et helt tal", XSD.boolean: "true eller false", XSD.gYear: "et årstal, fx 2022"}
#: Literals of these types also fit a property whose rdfs:range is the key.
_DATE_TYPE_IRIS = frozenset(str(t) for t in _DATE_TYPES)
_FITS = {XSD.integer: {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger},
         XSD.string: {XSD.string, None}}
_EXAMPLE = {XSD.date: '"2022-07-01"^^xsd:date', XSD.integer: "4", XSD.boolean: "true", XSD.string: '"tekst"'}


def _literal_candidates(model: Model, ranges: dict[URIRef, URIRef]) -> tuple[list, list]:
    """The user's triples whose literal is ill-typed (a date, number or boolean whose text is no
    value of its type) and those whose literal is not of its property's range. The files' usage
    profile says which properties carry such datatypes; only those are asked of the store (the
    distinct typed literals are few: dates repeat)."""
    from_ox = model.terms.from_ox
    usage = model.usage()
    typed = sorted({u.predicate for u in usage if u.datatype in _DATE_TYPE_IRIS})
    bad = []
    if typed:
        types = ", ".join(t.n3() for t in _DATE_TYPES)
        where = model.in_user_files(*(f"?s <{p}> ?o" for p in typed))
        for row in model.store.query(f"SELECT DISTINCT ?o WHERE {{ {where} FILTER (isLITERAL(?o) && DATATYPE(?o) IN ({types})) }}"):
            literal = from_ox(row["o"])
            if isinstance(literal, Literal) and (literal.ill_typed or literal.value is None):
                bad.append(literal)
    ill_typed = [t for literal in bad for t in model.user_view.triples((None, None, literal))]
    misfits = []
    wrong = set()
    for u in usage:
        wanted = ranges.get(URIRef(u.predicate))
        if wanted is None or u.datatype is None:
            continue
        if URIRef(u.datatype) not in _allowed(wanted):
            wrong.add((u.predicate, u.datatype))
    if wrong:
        dated = set(ill_typed)
        where = model.in_user_files(*(f"?s <{p}> ?o FILTER (isLITERAL(?o) && DATATYPE(?o) = <{d}>) BIND (<{p}> AS ?p)"
                                      for p, d in sorted(wrong)))
        for row in model.store.query(f"SELECT ?s ?p ?o WHERE {{ {where} }}"):
            triple = (from_ox(row["s"]), from_ox(row["p"]), from_ox(row["o"]))
            if triple not in dated:
                misfits.append(triple)
    return ill_typed, misfits


def _allowed(wanted: URIRef) -> set[URIRef]:
    """The datatypes a literal of a property with range ``wanted`` may have, as the store writes them
    (a plain literal is an xsd:string, a tagged one an rdf:langString). A language tag is text: it fits
    a text range only (``gg:meetingsPerYear "seks"@da`` is no number, ``gg:validFrom "2023-10-01"@da``
    no date)."""
    allowed = {t if t is not None else XSD.string for t in _FITS.get(wanted, {wanted})}
    if wanted == XSD.string:
        allowed.add(RDF.langString)
    return allowed


def bad_literals(model: Model) -> list[Problem]:
    """Typed literals whose text is not a valid value of their type (e.g. 2022-13-45 as xsd:date), and
    literals of another type than their property's ``rdfs:range`` (e.g. a gg:validUntil given as an
    xsd:dateTime or a plain string: the rules compare dates, and would silently pass it over)."""
    ranges = {p: r for p, r in model.view.subject_objects(RDFS.range)
              if isinstance(r, URIRef) and str(r).startswith(str(XSD)) and str(p).startswith(OWNED)}
    ill_typed, misfits = _literal_candidates(model, ranges)
    model.expect({t[0] for t in (*ill_typed, *misfits)})
    problems = []
    for s, p, o in sorted(ill_typed, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        what, what_da = _DATE_TYPES[o.datatype], _DATE_TYPES_DA[o.datatype]
        prop, kind = _qname(p), _qname(o.datatype)
        problems.append(Problem(f"{prop} has {str(o)!r}, which is not a valid {kind}", f"write {what}",
                                model.locate_triple((s, p, o)), s,
                                da=f"{prop} har {str(o)!r}, som ikke er en gyldig {kind} (skriv {what_da})"))
    for s, p, o in sorted(misfits, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        prop, wanted = _qname(p), _qname(ranges[p])
        if o.language:
            given, given_da = f"as text in language {o.language}", f"som tekst på sproget {o.language}"
        elif o.datatype:
            given, given_da = f"of type {_qname(o.datatype)}", f"af typen {_qname(o.datatype)}"
        else:
            given, given_da = "as plain text", "som ren tekst"
        example = _EXAMPLE.get(ranges[p], f'"…"^^{wanted}')
        problems.append(Problem(f"{prop} must be of type {wanted}, but has {str(o)!r} {given}",
                                f"write e.g. {example}", model.locate_triple((s, p, o)), s,
                                da=f"{prop} skal være af typen {wanted}, men har {str(o)!r} {given_da} "
                                   f"(skriv fx {example})"))
    return problems
