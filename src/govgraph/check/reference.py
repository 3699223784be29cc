"""pySHACL, the reference engine: the compiled engine must give the same results, and pySHACL runs
the rules the compiler does not cover (SHACL-AF functions and rules, constructs of a user's own).

pySHACL is used through its public ``validate`` function only, on an rdflib graph, with no
inference and nothing fetched. It is imported here, lazily: importing it costs about half a
second that ``info`` or ``draw`` should not pay.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .results import Result


class ReferenceFailed(Exception):
    """pySHACL could not run the shapes (its first line says why)."""


def run_pyshacl(data: Graph, shapes: Graph, scope: Iterable[tuple[Node, Node, Node]],
                replaced: Iterable[tuple[Node, Node, Node]] = ()) -> list[Result]:
    """pySHACL's results for ``shapes`` on ``data`` with the ``scope`` triples added for the run
    (and ``replaced`` taken out), both undone after."""
    import pyshacl

    data = PreparedQueryGraph(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)
    added = [t for t in scope if t not in data]
    removed = [t for t in replaced if t in data]
    for triple in removed:
        data.remove(triple)
    for triple in added:
        data.add(triple)
    # SHACL rules (sh:rule) would write into the data graph: run those on a copy.
    target = data if (None, SH.rule, None) not in shapes else _copy(data)
    try:
        _conforms, results, _text = pyshacl.validate(
            target, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True,
            inplace=True, do_owl_imports=False)
    except Exception as err:  # noqa: BLE001 - pySHACL reports bad rules with many exception types
        raise ReferenceFailed(_first_line(err)) from None
    finally:
        for triple in added:
            data.remove(triple)
        for triple in removed:
            data.add(triple)
    if not isinstance(results, Graph):  # pySHACL returns its ValidationFailure instead of raising it
        raise ReferenceFailed(_first_line(results))
    return list(results_of(results, shapes))


def results_of(report: Graph, shapes: Graph) -> Iterable[Result]:
    """The ``sh:ValidationResult``s of a SHACL report graph as records."""
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        shape = report.value(result, SH.sourceShape)
        if focus is None or shape is None:
            continue
        path = report.value(result, SH.resultPath)
        if path is not None and not isinstance(path, URIRef):
            path = shapes.value(shape, SH.path) or path  # a complex path: the shape's own node
        component = report.value(result, SH.sourceConstraintComponent)
        severity = report.value(result, SH.resultSeverity)
        messages = tuple(sorted((m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)),
                                key=lambda m: (m.language or "", str(m))))
        yield Result(focus, shape, component if isinstance(component, URIRef) else None,
                     severity if isinstance(severity, URIRef) else SH.Violation,
                     report.value(result, SH.value), path, messages)


_PREPARED: dict[str, object] = {}


class PreparedQueryGraph(Graph):
    """A view on another graph's store whose string queries rdflib parses once per process.

    pySHACL asks the same query text once per focus node; rdflib would parse and translate it
    every time (about 50 ms for a rule-sized query). The answers are rdflib's, unchanged.
    """

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # type: ignore[override]  # noqa: N803
        if isinstance(query_object, str):
            from rdflib.plugins.sparql import prepareQuery

            prepared = _PREPARED.get(query_object)
            if prepared is None:
                prepared = _PREPARED[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, processor, result, initNs or {"": ""}, initBindings,
                             use_store_provided, **kwargs)


def _first_line(err: object) -> str:
    message = str(getattr(err, "message", "") or err).strip().splitlines()
    return message[0] if message else type(err).__name__


def _copy(graph: Graph) -> Graph:
    copy = PreparedQueryGraph()
    copy += graph
    return copy


__all__ = ["run_pyshacl", "results_of", "ReferenceFailed"]
