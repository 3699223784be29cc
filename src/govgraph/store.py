"""The loaded model in Oxigraph: named graphs, terms both ways between rdflib and pyoxigraph, and
read-only rdflib-like views.

``load`` parses the user's files straight into one Oxigraph store (a named graph per file, the
vocabulary and reference data in :data:`CONTEXT`); the rules run on that store, and the stages
that read the organization (``model``, ``check.findings``) read it through a :class:`StoreView`,
so a model of a million triples is never copied into an rdflib graph unless a command asks for
``Model.graph`` (lint, draw, the sheets).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

#: The named graph of the vocabulary and reference data under every model.
CONTEXT = ox.NamedNode("urn:govgraph:graph:context")
#: The named graph of the run's scope (the scenario's bodies in force, the checked day).
SCOPE = ox.NamedNode("urn:govgraph:graph:scope")


def file_graph(number: int) -> ox.NamedNode:
    """The named graph of the user's ``number``-th file."""
    return ox.NamedNode(f"urn:govgraph:graph:file:{number}")


_XSD_STRING = str(XSD.string)
_LITERAL_CACHE = 20_000
_IRI_CACHE = 1_000_000


class Terms:
    """Two-way conversion of RDF terms between rdflib and pyoxigraph (blank nodes keep their identity)."""

    def __init__(self) -> None:
        self._blank_to_ox: dict[BNode, ox.BlankNode] = {}
        self._blank_from_ox: dict[str, BNode] = {}
        #: Literals read before (labels, dates and flags recur; making an rdflib Literal is slow).
        self._literals: dict[Any, Literal] = {}
        self._iris: dict[str, URIRef] = {}
        self._lock = threading.Lock()

    def to_ox(self, term: Node) -> Any:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            node = self._blank_to_ox.get(term)
            if node is None:
                with self._lock:
                    node = self._blank_to_ox.get(term)
                    if node is None:
                        node = ox.BlankNode(f"b{len(self._blank_to_ox)}")
                        self._blank_to_ox[term] = node
                        self._blank_from_ox[node.value] = term
            return node
        raise TypeError(f"cannot give {term!r} to Oxigraph")

    def knows(self, node: BNode) -> bool:
        """Whether the blank node has a twin in the store."""
        return node in self._blank_to_ox

    def from_ox(self, term: Any) -> Node | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            value = term.value
            iri = self._iris.get(value)
            if iri is None:  # one URIRef per IRI: a seat's IRI is read a dozen times building the organization
                iri = URIRef(value)
                if len(self._iris) < _IRI_CACHE:
                    self._iris[value] = iri
            return iri
        if isinstance(term, ox.Literal):
            known_literal = self._literals.get(term)
            if known_literal is not None:
                return known_literal
            if term.language:
                made = Literal(term.value, lang=term.language)
            else:
                datatype = term.datatype.value
                # rdflib writes a plain literal without a datatype; Oxigraph says xsd:string.
                made = Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
            if len(self._literals) < _LITERAL_CACHE:
                self._literals[term] = made
            return made
        if isinstance(term, ox.BlankNode):
            known = self._blank_from_ox.get(term.value)
            if known is None:  # a blank node of a file Oxigraph parsed, or one a query made up (BNODE())
                with self._lock:  # the rules run on two threads: one twin per blank node, whoever asks first
                    known = self._blank_from_ox.get(term.value)
                    if known is None:
                        known = self._blank_from_ox[term.value] = BNode()
                        self._blank_to_ox[known] = term
            return known
        raise TypeError(f"cannot take {term!r} from Oxigraph")



def quads(triples: Iterable[tuple[Node, Node, Node]], terms: Terms, graph: Any = None) -> Iterator[ox.Quad]:
    """``triples`` as Oxigraph quads in ``graph`` (the default graph when None)."""
    to_ox = terms.to_ox
    if graph is None:
        return (ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples)
    return (ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples)


class StoreView:
    """A read-only view of some named graphs of a store (all of them when ``graphs`` is None) with the
    reading methods of an rdflib :class:`~rdflib.Graph` that the model and findings stages use.

    Each call asks Oxigraph for the quads of one pattern (no SPARQL parsing) and gives rdflib terms;
    a triple written in two graphs (a user's file repeating a reference label) is given once."""

    def __init__(self, store: ox.Store, terms: Terms, graphs: Sequence[Any] | None = None) -> None:
        self.store = store
        self.terms = terms
        self.graphs = tuple(graphs) if graphs is not None else None

    def _ox(self, node: Node | None) -> Any:
        if node is None:
            return None
        if isinstance(node, BNode) and not self.terms.knows(node):
            return _NOWHERE  # a blank node the store never held
        return self.terms.to_ox(node)

    def _quads(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[ox.Quad]:
        try:
            pattern = (self._ox(s), self._ox(p), self._ox(o))
        except TypeError:
            return
        if any(x is _NOWHERE for x in pattern) or isinstance(pattern[1], (ox.Literal, ox.BlankNode)) \
                or isinstance(pattern[0], ox.Literal):
            return
        seen: set[tuple[Any, Any, Any]] = set()
        for graph in self.graphs if self.graphs is not None else (None,):  # None: every graph
            for quad in self.store.quads_for_pattern(*pattern, graph):
                key = (quad.subject, quad.predicate, quad.object)
                if key not in seen:
                    seen.add(key)
                    yield quad

    def graphs_holding(self, triple: tuple[Node, Node, Node]) -> set[Any]:
        """The named graphs that hold ``triple`` (e.g. which of the user's files writes it)."""
        pattern = tuple(self._ox(t) for t in triple)
        if any(x is _NOWHERE for x in pattern):
            return set()
        graphs = self.graphs if self.graphs is not None else (None,)
        return {q.graph_name for graph in graphs for q in self.store.quads_for_pattern(*pattern, graph)}

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[tuple[Node, Node, Node]]:
        s, p, o = pattern
        from_ox = self.terms.from_ox
        for quad in self._quads(s, p, o):
            yield (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))  # type: ignore[misc]

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return self.triples((None, None, None))

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return next(self._quads(*triple), None) is not None

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        from_ox = self.terms.from_ox
        return (from_ox(q.object) for q in self._quads(subject, predicate, None))  # type: ignore[misc]

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        from_ox = self.terms.from_ox
        if predicate is None and obj is None:
            return iter(dict.fromkeys(from_ox(q.subject) for q in self._quads(None, None, None)))  # type: ignore[arg-type]
        return (from_ox(q.subject) for q in self._quads(None, predicate, obj))  # type: ignore[misc]

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        from_ox = self.terms.from_ox
        return ((from_ox(q.subject), from_ox(q.object)) for q in self._quads(None, predicate, None))  # type: ignore[misc]

    def predicate_objects(self, subject: Node | None = None) -> Iterator[tuple[Node, Node]]:
        from_ox = self.terms.from_ox
        return ((from_ox(q.predicate), from_ox(q.object)) for q in self._quads(subject, None, None))  # type: ignore[misc]

    def literals(self, subject: Node, predicates: Sequence[Node]) -> list[Literal]:
        """The literal values of ``subject`` for each of ``predicates`` (once each), e.g. its labels."""
        node, from_ox = self._ox(subject), self.terms.from_ox
        if node is _NOWHERE or isinstance(node, ox.Literal):
            return []
        graphs = self.graphs if self.graphs is not None else (None,)
        found: dict[Any, None] = {}
        for predicate in predicates:
            p = _NAMED.get(predicate)
            if p is None:
                p = _NAMED[predicate] = ox.NamedNode(str(predicate))
            for graph in graphs:
                for quad in self.store.quads_for_pattern(node, p, None, graph):
                    if isinstance(quad.object, ox.Literal):
                        found[quad.object] = None
        return [from_ox(o) for o in found]  # type: ignore[misc]

    def value(self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None) -> Node | None:
        """One value of the missing position, as rdflib's ``Graph.value`` (any one when several)."""
        for s, p, o in self.triples((subject, predicate, obj)):
            return o if obj is None else (s if subject is None else p)
        return None

    def __len__(self) -> int:
        return sum(1 for _ in self._quads(None, None, None))


_NOWHERE = object()
_NAMED: dict[Node, ox.NamedNode] = {}


@dataclass(frozen=True)
class Usage:
    """How one property is used in a graph with one datatype of its objects (None for IRIs and
    blank nodes): how often, the longest literal text, and whether an RDF 1.2 triple term is among them."""

    predicate: str
    datatype: str | None
    count: int
    longest: int
    triple_terms: bool


def profile(store: ox.Store, graph: Any) -> list[Usage]:
    """The properties of a named graph by the kind of their objects: one pass over the graph gives
    what the load checks need (how many triples, the longest literal, RDF 1.2 triple terms) and
    what the term and literal checks start from (the properties used, their datatypes)."""
    text = f"""SELECT ?p ?d (COUNT(*) AS ?n) (MAX(?len) AS ?long) (MAX(?t) AS ?triple) WHERE {{
        GRAPH {graph} {{ ?s ?p ?o }}
        BIND (IF(isLITERAL(?o), STR(DATATYPE(?o)), "") AS ?d)
        BIND (IF(isLITERAL(?o), STRLEN(STR(?o)), 0) AS ?len)
        BIND (IF(isTRIPLE(?s) || isTRIPLE(?o), 1, 0) AS ?t)
    }} GROUP BY ?p ?d"""
    out = []
    for row in store.query(text):
        predicate = row["p"]
        out.append(Usage(predicate.value if isinstance(predicate, ox.NamedNode) else str(predicate),
                         row["d"].value or None, int(row["n"].value), int(row["long"].value),
                         row["triple"].value == "1"))
    return sorted(out, key=lambda u: (u.predicate, u.datatype or ""))


__all__ = ["Terms", "StoreView", "Usage", "CONTEXT", "SCOPE", "file_graph", "quads", "profile"]
