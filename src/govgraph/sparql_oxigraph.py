"""Answer pySHACL's SPARQL queries with Oxigraph instead of rdflib's SPARQL engine.

pySHACL evaluates a SPARQL-based constraint once per focus node, on the data graph's own
``query`` method. rdflib's SPARQL engine is written in Python and spends milliseconds on each
of those calls; a rule set like ours makes thousands of them per scenario. Oxigraph
(``pyoxigraph``, a SPARQL 1.1 engine in Rust) answers the same query in microseconds.

:class:`OxigraphQueryGraph` is an rdflib graph (a view on the model's store, so everything
that is not a query still reads rdflib) whose string queries go to an Oxigraph copy of its
triples, built at the first query and rebuilt after any change. pySHACL's pre-bound variables
($this, $value, a component's parameters) are written into the query text by
:class:`PreBound`, the way rdflib pre-binds them, so a rule means the same on either engine.
Answers come back as rdflib terms in an rdflib ``Result``; pySHACL cannot tell the difference.

Where Oxigraph cannot stand in, rdflib answers: a query Oxigraph cannot parse (an rdflib
extension of SPARQL), a call with a blank node to pre-bind (a blank node has no text), and,
decided by :func:`needs_rdflib`, shapes that define SHACL functions (pySHACL registers those
with rdflib only) or SHACL rules (they write into the data graph mid-run).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, SH, XSD
from rdflib.query import Result
from rdflib.term import Node

from .sparql_speed import PreparedQueryGraph

#: SHACL-AF terms whose presence in a shapes graph keeps the run on rdflib (see the module text).
_RDFLIB_ONLY = (SH.SPARQLFunction, SH.Function, SH.JSFunction, SH.SPARQLRule, SH.TripleRule, SH.JSRule)


def needs_rdflib(shapes: Graph) -> bool:
    """Whether the shapes define SHACL functions or rules, which only pySHACL's rdflib path knows."""
    return (None, SH.rule, None) in shapes or any((None, RDF.type, kind) in shapes for kind in _RDFLIB_ONLY)


# ------------------------------------------------------------ pre-binding

_LONG_STRING = r"'''(?:[^'\\]|\\.|'(?!''))*'''" + "|" + r'"""(?:[^"\\]|\\.|"(?!""))*"""'
_SHORT_STRING = r"'(?:[^'\\\n]|\\.)*'" + "|" + r'"(?:[^"\\\n]|\\.)*"'
#: SPARQL tokens: IRIs, strings and comments (in which a '?' or '$' is no variable), variables,
#: words, white space, and any other single character (brackets among them).
_TOKENS = re.compile("|".join([
    r'(?P<iri><[^<>"{}|^`\\\s]*>)',
    f"(?P<string>{_LONG_STRING}|{_SHORT_STRING})",
    r"(?P<comment>#[^\n]*)",
    r"[?$](?P<var>[A-Za-z0-9_\u00B7-\uFFFF]+)",
    r"(?P<word>[A-Za-z_][A-Za-z0-9_\-.:]*)",
    r"(?P<space>\s+)",
    r"(?P<other>.)",
]), re.S)
#: Keywords that end a projection or a GROUP BY list (besides a brace).
_CLAUSE_END = {"WHERE", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}
_EMPTY_GROUP_BY = re.compile(r"GROUP\s+BY\s*(?=\}|HAVING\b|ORDER\b|LIMIT\b|OFFSET\b|$)", re.I)


class PreBound:
    """A query text, compiled once, into which pre-bound values are written per call.

    The semantics are rdflib's (which pySHACL's rules are written for): a pre-bound variable is
    its value wherever the query uses it, even in a nested SELECT, except that a variable the
    query assigns itself (``BIND (… AS ?value)``) keeps the query's value. Written as text: the
    value replaces the variable; nested SELECT projections and GROUP BY lists drop it (a constant
    needs neither); the outer projection keeps it as ``(value AS ?name)``, so each answer still
    carries it, as rdflib's do; ``BOUND(?name)`` becomes ``true``.
    """

    def __init__(self, text: str) -> None:
        tokens = [(m.lastgroup or "", m.group(0), m.group("var")) for m in _TOKENS.finditer(text)]
        solid = [t for t in tokens if t[0] not in ("space", "comment")]
        #: Variables the query assigns itself (AS ?name).
        self.assigned = {solid[i + 1][2] for i in range(len(solid) - 1)
                         if solid[i][0] == "word" and solid[i][1].upper() == "AS" and solid[i + 1][0] == "var"}
        forms = [v.upper() for k, v, _ in solid if k == "word" and v.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")]
        outer_is_select = bool(forms) and forms[0] == "SELECT"
        #: (text, role, variable name): role "" (as is), "body", "outer" or "inner" (a projection),
        #: "group" (a GROUP BY list), "bound" (a whole BOUND(?name) call).
        self.parts: list[tuple[str, str, str]] = []
        selects, clause, depth, previous = 0, "", 0, ""
        i = 0
        while i < len(tokens):
            kind, value, var = tokens[i]
            i += 1
            word = value.upper() if kind == "word" else ""
            call = _bound_call(tokens, i - 1) if word == "BOUND" else None
            if call is not None:  # BOUND(?name): true once ?name is pre-bound (a value is no variable)
                end, name = call
                self.parts.append(("".join(t[1] for t in tokens[i - 1:end]), "bound", name))
                i, previous = end, ")"
                continue
            if word == "SELECT":
                selects += 1
                clause, depth = ("outer" if selects == 1 and outer_is_select else "inner"), 0
            elif word == "BY" and previous == "GROUP":
                clause, depth = "group", 0
            elif clause and depth == 0 and (word in _CLAUSE_END or (kind == "other" and value in "{}")):
                clause = ""
            elif clause and value == "(":
                depth += 1
            elif clause and value == ")":
                depth -= 1
            if kind == "var":
                self.parts.append((value, clause if clause and depth == 0 else "body", var))
            else:
                self.parts.append((value, "", ""))
            if kind not in ("space", "comment"):
                previous = word
        #: Every variable the text names (a value for another one changes nothing).
        self.names = {name for _, role, name in self.parts if role}

    def text(self, values: Mapping[str, Node | None]) -> str | None:
        """The query with ``values`` written in (None when one is a blank node: it has no text)."""
        bound = {name: value for name, value in values.items() if value is not None and name in self.names}
        if any(isinstance(value, BNode) for value in bound.values()):
            return None
        out = []
        for value, role, name in self.parts:
            if not role or name not in bound:
                out.append(value)
            elif role in ("inner", "group"):
                continue
            elif role == "bound":
                out.append("true")
            elif name in self.assigned:
                out.append(value)
            elif role == "outer":
                out.append(f"({bound[name].n3()} AS ?{name})")
            else:
                out.append(bound[name].n3())
        return _EMPTY_GROUP_BY.sub("", "".join(out))


def _bound_call(tokens: list[tuple[str, str, str | None]], at: int) -> tuple[int, str] | None:
    """For BOUND at ``tokens[at]`` followed by ( ?name ): the index after the ')' and the name."""
    solid = [(j, t) for j, t in enumerate(tokens[at + 1:at + 8], at + 1) if t[0] != "space"][:3]
    if len(solid) == 3 and solid[0][1][1] == "(" and solid[1][1][0] == "var" and solid[2][1][1] == ")":
        return solid[2][0] + 1, solid[1][1][2] or ""
    return None


_COMPILED: dict[str, PreBound] = {}


def compiled(text: str) -> PreBound:
    """The compiled form of a query text (once per process)."""
    query = _COMPILED.get(text)
    if query is None:
        query = _COMPILED[text] = PreBound(text)
    return query


# ------------------------------------------------------------ terms


class _Terms:
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


# ------------------------------------------------------------ the graph


class OxigraphQueryGraph(PreparedQueryGraph):
    """A graph whose string SPARQL queries Oxigraph answers (see the module text)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ox: ox.Store | None = None
        self._terms = _Terms()
        self._rdflib_texts: set[str] = set()

    # Any change makes the Oxigraph copy stale: it is rebuilt at the next query.
    def add(self, triple):  # type: ignore[no-untyped-def]
        self._ox = None
        return super().add(triple)

    def addN(self, quads):  # type: ignore[no-untyped-def]  # noqa: N802 - rdflib's name
        self._ox = None
        return super().addN(quads)

    def remove(self, triple):  # type: ignore[no-untyped-def]
        self._ox = None
        return super().remove(triple)

    def _store(self) -> ox.Store:
        if self._ox is None:
            store = ox.Store()
            to_ox = self._terms.to_ox
            store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in self.triples((None, None, None)))
            self._ox = store
        return self._ox

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # type: ignore[override]  # noqa: N803
        if isinstance(query_object, str) and query_object not in self._rdflib_texts and not initNs and not kwargs:
            text = compiled(query_object).text({str(k): v for k, v in (initBindings or {}).items()})
            if text is not None:
                try:
                    return self._result(self._store().query(text))
                except SyntaxError:  # an rdflib extension of SPARQL: rdflib answers this text from now on
                    self._rdflib_texts.add(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    def _result(self, answer: Any) -> Result:
        from_ox = self._terms.from_ox
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
            return out
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            out = Result("SELECT")
            out.vars = [Variable(n) for n in names]
            out.bindings = [_row(names, solution, from_ox) for solution in answer]
            return out
        out = Result("CONSTRUCT")
        graph = Graph()
        for triple in answer:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        out.graph = graph
        return out


def _row(names: Iterable[str], solution: Any, from_ox: Any) -> dict[Variable, Node]:
    row = {}
    for name in names:
        value = solution[name]
        if value is not None:
            row[Variable(name)] = from_ox(value)
    return row


__all__ = ["OxigraphQueryGraph", "PreBound", "compiled", "needs_rdflib"]
