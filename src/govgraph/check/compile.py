"""Compile a rule (a SHACL node shape and what it is made of) into set-based SPARQL.

One query per constraint of each shape answers for every focus node at once, where a SHACL
engine asks once per focus node: the focus nodes are a pattern (the shape's targets) joined at
the start of every SELECT that projects ``$this``, the parameters are constants written into
the text (see :mod:`.sparql`). What is compiled:

- targets: ``sh:targetClass`` (with subclasses), ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``;
- ``sh:property`` shapes with any SHACL path (predicate, inverse, sequence, alternative,
  zero-or-more, one-or-more, zero-or-one);
- core constraints ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:class``,
  ``sh:nodeKind``, ``sh:hasValue``, ``sh:in``, ``sh:node``;
- SPARQL-based constraints (``sh:sparql`` with ``sh:select``) and SPARQL-based constraint
  components with SELECT or ASK validators.

Anything else (``sh:or``, ``sh:pattern``, SHACL-AF functions, rules and targets, a component
parameter given twice …) makes the rule *not compiled*: :class:`Plan` says why, and the runner
hands that rule to pySHACL. A rule that reads another graph or service (``FROM``, ``SERVICE``)
never gets here: the catalogue refuses it when the rules load.
"""

from __future__ import annotations

import weakref
import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from . import sparql

#: The placeholder a query carries where the focus pattern goes (a comment, so the text parses).
FOCUS = "#FOCUS"

_CORE_SUPPORTED = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.hasValue, SH["in"],
                   SH.node, SH.property, SH.sparql}
_CORE_OTHER = {SH.minExclusive, SH.minInclusive, SH.maxExclusive, SH.maxInclusive, SH.minLength, SH.maxLength,
               SH.pattern, SH.flags, SH.languageIn, SH.uniqueLang, SH.equals, SH.disjoint, SH.lessThan,
               SH.lessThanOrEquals, SH["not"], SH["and"], SH["or"], SH.xone, SH.qualifiedValueShape,
               SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.closed, SH.ignoredProperties, SH.rule,
               SH.target, SH.condition, SH.expression}
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
_NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isIRI(?value) || isBlank(?value))", SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}


class NotCompiled(Exception):
    """The rule uses something the compiler does not cover; pySHACL runs it."""


@dataclass(frozen=True)
class Closure:
    """A closure the runner reads from the data and writes in for ``#CLOSURE n``.

    ``nodes`` (what reaches ``node`` along ``link*``: a class and its subclasses, a role and its
    narrower roles) or ``instances`` (the instances of such a class); written as ``VALUES`` (to
    drive a join, e.g. a target) or as a ``FILTER (… IN (…))`` test of a variable already bound.
    """

    link: URIRef
    node: URIRef
    instances: bool = False
    values: bool = True


@dataclass(frozen=True)
class Query:
    """One constraint of one shape as one set-based SELECT over all focus nodes.

    The text projects ``?this`` and, where the constraint reports one, ``?value`` (else the result's
    value is the focus node for a node shape, none for a property shape, as SHACL says), and any
    other variables the message may name. ``closures`` are (link, node) pairs whose closure
    (everything reaching ``node`` along ``link*``) the runner writes in for ``#CLOSURE n``.
    """

    shape: Node
    component: URIRef
    severity: URIRef
    text: str
    node_shape: bool
    path: Node | None = None
    closures: tuple[Closure, ...] = ()
    #: For sh:minCount and sh:maxCount: (component, "<" or ">", limit); the query projects the
    #: count as ``?__n`` and each result takes the component whose limit it breaks.
    counted: tuple[tuple[URIRef, str, int], ...] = ()


@dataclass(frozen=True)
class NodeCheck:
    """``sh:node S`` on a shape: each value node that does not conform to S is a result."""

    shape: Node
    severity: URIRef
    path: Node | None
    path_sparql: str | None
    target: ShapePlan


@dataclass(frozen=True)
class ShapePlan:
    shape: Node
    path: Node | None = None
    path_sparql: str | None = None
    queries: tuple[Query, ...] = ()
    children: tuple[ShapePlan, ...] = ()
    node_checks: tuple[NodeCheck, ...] = ()


@dataclass(frozen=True)
class Target:
    """A shape's focus nodes as a SPARQL group that binds ``?this`` (``classes`` are closed over subclasses)."""

    pattern: str
    classes: tuple[Closure, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A rule, compiled or not: ``reason`` says why not (then pySHACL runs it)."""

    rule: URIRef
    target: Target | None = None
    shape: ShapePlan | None = None
    reason: str = ""

    @property
    def compiled(self) -> bool:
        return not self.reason


@dataclass
class _Context:
    graph: Graph
    components: list[tuple[URIRef, list[tuple[URIRef, bool]]]] = field(default_factory=list)
    seen: set[Node] = field(default_factory=set)


def compile_rule(shapes: Graph, rule: URIRef) -> Plan:
    """The plan for one rule of ``shapes`` (a graph holding the rule and the components it uses)."""
    ctx = _Context(shapes, _components(shapes))
    try:
        target = _target(shapes, rule)
        plan = _shape(ctx, rule, None)
    except NotCompiled as why:
        return Plan(rule, reason=str(why))
    return Plan(rule, target, plan)


# ------------------------------------------------------------------ shapes


def _shape(ctx: _Context, shape: Node, parent_path: Node | None) -> ShapePlan:
    g = ctx.graph
    if shape in ctx.seen:
        raise NotCompiled("a shape refers to itself (recursive shapes)")
    ctx.seen.add(shape)
    try:
        if _true(g.value(shape, SH.deactivated)):
            return ShapePlan(shape)
        predicates = set(g.predicates(shape))
        other = sorted(str(p) for p in predicates & _CORE_OTHER)
        if other:
            raise NotCompiled(f"uses {_short(other[0])}")
        path = g.value(shape, SH.path)
        path_sparql = _path(g, path) if path is not None else None
        severity = g.value(shape, SH.severity) or SH.Violation
        if not isinstance(severity, URIRef):
            raise NotCompiled("a severity that is not an IRI")
        queries: list[Query] = []
        node_checks: list[NodeCheck] = []
        queries += _core(g, shape, severity, path, path_sparql)
        for constraint in sorted(g.objects(shape, SH.sparql), key=str):
            q = _sparql_constraint(g, shape, constraint, severity, path, path_sparql)
            if q is not None:
                queries.append(q)
        queries += _components_of(ctx, shape, severity, path, path_sparql)
        for target in sorted(g.objects(shape, SH.node), key=str):
            node_checks.append(NodeCheck(shape, severity, path, path_sparql, _shape(ctx, target, None)))
        children = tuple(_shape(ctx, child, path) for child in sorted(g.objects(shape, SH.property), key=str))
        return ShapePlan(shape, path, path_sparql, tuple(queries), children, tuple(node_checks))
    finally:
        ctx.seen.discard(shape)


def _target(g: Graph, shape: Node) -> Target:
    parts, classes = [], []
    for cls in sorted(g.objects(shape, SH.targetClass), key=str):
        if not isinstance(cls, URIRef):
            raise NotCompiled("a target class that is not an IRI")
        classes.append(Closure(RDFS.subClassOf, cls))
        parts.append(f"?this a ?__closure{len(classes) - 1} . #CLOSURE {len(classes) - 1}")
    nodes = sorted(g.objects(shape, SH.targetNode), key=str)
    if nodes:
        if any(isinstance(n, BNode) for n in nodes):
            raise NotCompiled("a blank-node target")
        parts.append("VALUES ?this { " + " ".join(n.n3() for n in nodes) + " }")
    for prop in sorted(g.objects(shape, SH.targetSubjectsOf), key=str):
        parts.append(f"?this {_iri(prop)} ?__object .")
    for prop in sorted(g.objects(shape, SH.targetObjectsOf), key=str):
        parts.append(f"?__subject {_iri(prop)} ?this .")
    if (shape, RDF.type, RDFS.Class) in g or (shape, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in g:
        raise NotCompiled("an implicit class target")
    if not parts:
        return Target("FILTER (false)")
    return Target(" UNION ".join("{ " + p + " }" for p in parts) if len(parts) > 1 else parts[0], tuple(classes))


def _true(node: Node | None) -> bool:
    return isinstance(node, Literal) and node.toPython() is True


def _iri(node: Node) -> str:
    if not isinstance(node, URIRef):
        raise NotCompiled("a property that is not an IRI")
    return node.n3()


def _short(iri: str) -> str:
    return "sh:" + iri.split("#", 1)[1] if iri.startswith(str(SH)) else iri


def _path(g: Graph, node: Node) -> str:
    """A SHACL path as a SPARQL property path."""
    if isinstance(node, URIRef):
        return node.n3()
    if (node, RDF.first, None) in g:
        return "(" + " / ".join(_path(g, p) for p in Collection(g, node)) + ")"
    for prop, fmt in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"), (SH.oneOrMorePath, "({})+"),
                      (SH.zeroOrOnePath, "({})?")):
        inner = g.value(node, prop)
        if inner is not None:
            return fmt.format(_path(g, inner))
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + " | ".join(_path(g, p) for p in Collection(g, alternatives)) + ")"
    raise NotCompiled("a path the compiler does not know")


# ------------------------------------------------------------------ core constraints


def _select_values(path_sparql: str | None) -> str:
    """The value nodes of the shape: the focus itself, or what the path leads to."""
    return f"?this {path_sparql} ?value ." if path_sparql else "BIND (?this AS ?value)"


def _core(g: Graph, shape: Node, severity: URIRef, path: Node | None, path_sparql: str | None) -> list[Query]:
    out: list[Query] = []
    node_shape = path is None

    def query(component: URIRef, text: str, closures: tuple[Closure, ...] = ()) -> None:
        out.append(Query(shape, component, severity, text, node_shape, path, closures))

    def single(prop: URIRef) -> Node | None:
        values = list(g.objects(shape, prop))
        if len(values) > 1:
            raise NotCompiled(f"{_short(str(prop))} given twice")
        return values[0] if values else None

    counts: list[tuple[URIRef, str, int]] = []
    for prop, component, op in ((SH.minCount, SH.MinCountConstraintComponent, "<"),
                                (SH.maxCount, SH.MaxCountConstraintComponent, ">")):
        n = single(prop)
        if n is None:
            continue
        if node_shape or not isinstance(n, Literal) or not isinstance(n.toPython(), int):
            raise NotCompiled(f"{_short(str(prop))} without a path or a whole number")
        counts.append((component, op, int(n.toPython())))
    if counts:  # sh:minCount and sh:maxCount of one shape: one count per focus node, one query
        having = " || ".join(f"COUNT(DISTINCT ?__v) {op} {n}" for _, op, n in counts)
        out.append(Query(shape, counts[0][0], severity,
                         f"SELECT ?this (COUNT(DISTINCT ?__v) AS ?__n) WHERE {{ {FOCUS}\n"
                         f" OPTIONAL {{ ?this {path_sparql} ?__v }} }}\nGROUP BY ?this HAVING ({having})",
                         node_shape, path, counted=tuple(counts)))
    values = _select_values(path_sparql)
    datatype = single(SH.datatype)
    if datatype is not None:
        if not isinstance(datatype, URIRef):
            raise NotCompiled("sh:datatype that is not an IRI")
        if datatype == XSD.string:  # a plain literal is an xsd:string (RDF 1.1)
            test = f"!isLiteral(?value) || datatype(?value) != {datatype.n3()} || langMatches(lang(?value), '*')"
        else:
            test = f"!isLiteral(?value) || datatype(?value) != {datatype.n3()}"
        query(SH.DatatypeConstraintComponent, f"SELECT ?this ?value WHERE {{ {FOCUS}\n {values}\n FILTER ({test}) }}")
    for cls in sorted(g.objects(shape, SH["class"]), key=str):
        if not isinstance(cls, URIRef):
            raise NotCompiled("sh:class that is not an IRI")
        query(SH.ClassConstraintComponent,
              f"SELECT ?this ?value WHERE {{ {FOCUS}\n {values}\n"
              f" FILTER NOT EXISTS {{ ?value a ?__closure0 . #CLOSURE 0\n }} }}", (Closure(RDFS.subClassOf, cls, values=False),))
    kind = single(SH.nodeKind)
    if kind is not None:
        if kind not in _NODE_KINDS:
            raise NotCompiled("an unknown sh:nodeKind")
        query(SH.NodeKindConstraintComponent,
              f"SELECT ?this ?value WHERE {{ {FOCUS}\n {values}\n FILTER (!{_NODE_KINDS[kind]}) }}")
    for has in sorted(g.objects(shape, SH.hasValue), key=str):
        if isinstance(has, BNode):
            raise NotCompiled("sh:hasValue with a blank node")
        test = f"?this {path_sparql} {has.n3()}" if path_sparql else f"FILTER (sameTerm(?this, {has.n3()}))"
        query(SH.HasValueConstraintComponent, f"SELECT ?this WHERE {{ {FOCUS}\n FILTER NOT EXISTS {{ {test} }} }}")
    allowed = single(SH["in"])
    if allowed is not None:
        members = list(Collection(g, allowed))
        if any(isinstance(m, BNode) for m in members):
            raise NotCompiled("sh:in with a blank node")
        test = " || ".join(f"sameTerm(?value, {m.n3()})" for m in members) or "false"
        query(SH.InConstraintComponent, f"SELECT ?this ?value WHERE {{ {FOCUS}\n {values}\n FILTER (!({test})) }}")
    return out


# ------------------------------------------------------------------ SPARQL


def prefixes(g: Graph, node: Node) -> str:
    """The PREFIX lines of a SPARQL text's ``sh:prefixes``."""
    lines = []
    for source in sorted(g.objects(node, SH.prefixes), key=str):
        for declaration in g.objects(source, SH.declare):
            prefix, namespace = g.value(declaration, SH.prefix), g.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _prepare(g: Graph, holder: Node, text: str, shape: Node, path_sparql: str | None,
             constants: dict[str, str], unbound: set[str]) -> tuple[str, tuple[Closure, ...]]:
    """A validator's or constraint's text with the shape's values written in and the focus pattern's place marked."""
    variables = sparql.variables(text)
    if "shapesGraph" in variables:
        raise NotCompiled("a query that reads $shapesGraph")
    if "PATH" in variables and path_sparql is None:
        raise NotCompiled("$PATH in a query of a node shape")
    for name in set(sparql.aliases(text)) & ({"this", "currentShape", "PATH"} | set(constants) | unbound):
        raise NotCompiled(f"AS ?{name} rebinds a pre-bound variable")
    if isinstance(shape, BNode) and "currentShape" in variables:
        raise NotCompiled("$currentShape of a blank-node shape")
    values = dict(constants)
    if "currentShape" in variables:
        values["currentShape"] = shape.n3()
    if path_sparql is not None:
        values["PATH"] = path_sparql
    body = sparql.substitute(sparql.strip_comments(text), values, unbound)
    head = prefixes(g, holder)
    body, closures = close_paths(body, head)
    return head + "\n" + sparql.inject(body, FOCUS + "\n"), closures


_CLOSABLE = {str(RDFS.subClassOf), "http://www.w3.org/2004/02/skos/core#broader"}


def close_paths(text: str, head: str) -> tuple[str, tuple[Closure, ...]]:
    """Write ``?x P/rdf:type/rdfs:subClassOf* <C>`` as ``?x P ?__closureN`` tested against the
    instances of ``<C>`` and its subclasses, and ``?x P/skos:broader* <R>`` (or
    ``P/rdfs:subClassOf* <C>``) as ``?x P ?__closureN`` tested against the closure of the node:
    constants the runner reads once and writes in for ``#CLOSURE N``.

    Then no query depends on the planner carrying an outer binding into a path: Oxigraph plans
    ``EXISTS { ?seat gg:represents/rdf:type/rdfs:subClassOf* C }`` from ``C`` (every seat that
    represents one, once per seat: quadratic in the data), but ``?seat gg:represents ?r`` with
    ``?seat`` bound and ``?r`` tested against a list is one index look-up. Rewritten only where
    the triple ends its pattern (``.`` or ``}``) and the path has a step before the closure.
    """
    names = dict(re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", head, re.I))
    toks = sparql.tokens(text)
    solid = [i for i, t in enumerate(toks) if t.kind not in ("space", "comment")]
    out = [t.text for t in toks]
    closures: list[Closure] = []
    for n in range(2, len(solid) - 2):
        slash, link, star, const = (toks[solid[n + k]] for k in (-1, 0, 1, 2))
        after = toks[solid[n + 3]] if n + 3 < len(solid) else None
        iri = _expand(link, names)
        if slash.text != "/" or iri not in _CLOSABLE or star.text != "*" or const.kind != "iri" or \
                after is None or after.text not in (".", "}"):
            continue
        first = n - 1  # the slash before the closure step
        instances = False
        if iri == str(RDFS.subClassOf) and n >= 4 and toks[solid[n - 3]].text == "/" and \
                (_expand(toks[solid[n - 2]], names) == str(RDF.type) or toks[solid[n - 2]].text == "a"):
            first, instances = n - 3, True  # …/rdf:type/rdfs:subClassOf* C: test the instances
        if toks[solid[first - 1]].kind not in ("word", "iri", "other") or toks[solid[first - 1]].text in ("{", "."):
            continue
        k = len(closures)
        closures.append(Closure(URIRef(iri), URIRef(const.text[1:-1]), instances=instances, values=False))
        for i in range(solid[first], solid[n + 2]):
            out[i] = ""
        out[solid[n + 2]] = f" ?__closure{k} . #CLOSURE {k}\n"
    return "".join(out), tuple(closures)


def _expand(token: sparql.Token, names: dict[str, str]) -> str:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "word" and ":" in token.text:
        prefix, local = token.text.split(":", 1)
        if prefix in names:
            return names[prefix] + local
    return ""


def _sparql_constraint(g: Graph, shape: Node, constraint: Node, severity: URIRef, path: Node | None,
                       path_sparql: str | None) -> Query | None:
    if _true(g.value(constraint, SH.deactivated)):
        return None
    select = g.value(constraint, SH.select)
    if not isinstance(select, Literal):
        raise NotCompiled("sh:sparql without one sh:select")
    if sparql.form(str(select)) != "SELECT":
        raise NotCompiled("sh:select that is not a SELECT query")
    text, closures = _prepare(g, constraint, str(select), shape, path_sparql, {}, set())
    return Query(shape, SH.SPARQLConstraintComponent, severity, text, path is None, path, closures)


_COMPONENTS: weakref.WeakKeyDictionary[Graph, list[tuple[URIRef, list[tuple[URIRef, bool]]]]] = \
    weakref.WeakKeyDictionary()


def _components(g: Graph) -> list[tuple[URIRef, list[tuple[URIRef, bool]]]]:
    """Every SPARQL-based constraint component of the shapes graph with its parameters (read once per graph)."""
    if g not in _COMPONENTS:
        _COMPONENTS[g] = _read_components(g)
    return _COMPONENTS[g]


def _read_components(g: Graph) -> list[tuple[URIRef, list[tuple[URIRef, bool]]]]:
    out = []
    for component in sorted(g.subjects(RDF.type, SH.ConstraintComponent), key=str):
        params = []
        for param in g.objects(component, SH.parameter):
            prop = g.value(param, SH.path)
            if isinstance(prop, URIRef):
                params.append((prop, _true(g.value(param, SH.optional))))
        if isinstance(component, URIRef) and params:
            out.append((component, sorted(params)))
    return out


def _components_of(ctx: _Context, shape: Node, severity: URIRef, path: Node | None,
                   path_sparql: str | None) -> list[Query]:
    g = ctx.graph
    out = []
    for component, params in ctx.components:
        if not all(g.value(shape, prop) is not None for prop, optional in params if not optional):
            continue
        constants: dict[str, str] = {}
        unbound: set[str] = set()
        for prop, _optional in params:
            name = _local(prop)
            values = list(g.objects(shape, prop))
            if len(values) > 1:
                raise NotCompiled(f"parameter {name} given twice")
            if values and isinstance(values[0], BNode):
                raise NotCompiled(f"parameter {name} is a blank node")
            if values:
                constants[name] = values[0].n3()
            else:
                unbound.add(name)
        validator, kind = _validator(g, component, path is None)
        text = str(g.value(validator, SH.select if kind == "SELECT" else SH.ask))
        if kind == "SELECT":
            if sparql.form(text) != "SELECT":
                raise NotCompiled("a SELECT validator whose text is not a SELECT query")
            query, closures = _prepare(g, validator, text, shape, path_sparql, constants, unbound)
        else:
            if sparql.form(text) != "ASK":
                raise NotCompiled("an ASK validator whose text is not an ASK query")
            group = sparql.group_of(sparql.strip_comments(text))
            ask = f"SELECT ?this ?value WHERE {{ {_select_values(path_sparql)}\n FILTER NOT EXISTS {{ {group} }} }}"
            query, closures = _prepare(g, validator, ask, shape, path_sparql, constants, unbound)
        out.append(Query(shape, component, severity, query, path is None, path, closures))
    return out


def _validator(g: Graph, component: URIRef, node_shape: bool) -> tuple[Node, str]:
    """The validator SHACL picks: sh:nodeValidator / sh:propertyValidator first, else sh:validator."""
    specific = g.value(component, SH.nodeValidator if node_shape else SH.propertyValidator)
    for validator in [specific, g.value(component, SH.validator)]:
        if validator is None:
            continue
        if g.value(validator, SH.select) is not None:
            return validator, "SELECT"
        if g.value(validator, SH.ask) is not None:
            return validator, "ASK"
    raise NotCompiled(f"component {_local(component)} has no validator for a {'node' if node_shape else 'property'} shape")


def _local(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


__all__ = ["compile_rule", "Plan", "ShapePlan", "Query", "NodeCheck", "Target", "NotCompiled",
           "FOCUS"]
