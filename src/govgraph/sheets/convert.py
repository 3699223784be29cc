"""``govgraph import``: a spreadsheet, CSV folder or YAML proposal → checked Turtle."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib.compare import to_canonical_graph

from ..errors import InputError
from ..load import Model, Parsed, missing, new_graph, read_file, refuse_problems


def read_source(path: Path, base: Sequence[Path] = ()) -> Parsed:
    """Read one proposal; with ``base`` (``--context``) files, names may also refer to what those files define."""
    for extra in base:
        if missing(extra):
            raise InputError(extra, "no such file", "check the path given to --context",
                             da_what="filen findes ikke", da_hint="tjek stien givet til --context")
    return read_file(path, base)


def to_turtle(path: Path, base: Sequence[Path] = ()) -> bytes:
    """The proposal's own triples as Turtle, prefixes bound; the same checks as ``load`` first."""
    from .read import context_graph

    parsed = read_source(path, base)
    if len(parsed.graph) == 0:
        raise InputError(path, "the file contains no statements", "fill in at least the scenario and one body",
                         da_what="filen indeholder ingen udsagn", da_hint="udfyld mindst scenariet og ét organ")
    graph = new_graph()
    graph += context_graph(base)
    graph += parsed.graph
    model = Model(graph=graph, user=parsed.graph, files=(path,), places=parsed.places)
    refuse_problems(model, path)
    out = new_graph()
    # Canonical blank-node labels, so the same proposal always gives the same Turtle.
    for triple in to_canonical_graph(parsed.graph):
        out.add(triple)
    known = {str(ns) for _, ns in out.namespaces()}
    for prefix, namespace in parsed.graph.namespaces():  # e.g. the workbook's own Prefixes sheet
        if str(namespace) not in known:
            out.bind(prefix, namespace, override=False)
    return out.serialize(format="turtle").encode("utf-8")
