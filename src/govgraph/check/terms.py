"""RDF terms between rdflib and pyoxigraph, both ways (blank nodes keep their identity)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node


class Terms:
    """Two-way conversion of RDF terms between rdflib and pyoxigraph (blank nodes keep their identity)."""

    def __init__(self) -> None:
        self._blank_to_ox: dict[BNode, ox.BlankNode] = {}
        self._blank_from_ox: dict[str, BNode] = {}

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
                node = ox.BlankNode(f"b{len(self._blank_to_ox)}")
                self._blank_to_ox[term] = node
                self._blank_from_ox[node.value] = term
            return node
        raise TypeError(f"cannot give {term!r} to Oxigraph")

    def from_ox(self, term: Any) -> Node | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            # rdflib writes a plain literal without a datatype; Oxigraph says xsd:string.
            return Literal(term.value) if datatype == str(XSD.string) else Literal(term.value, datatype=URIRef(datatype))
        if isinstance(term, ox.BlankNode):
            known = self._blank_from_ox.get(term.value)
            if known is None:  # a blank node the query made up (e.g. BNODE())
                known = self._blank_from_ox[term.value] = BNode()
            return known
        raise TypeError(f"cannot take {term!r} from Oxigraph")


__all__ = ["Terms"]
