"""What a user means by a name typed on the command line (``--focus``, ``--region``).

A node answers to its labels, alternative labels, IRI and local name, in any case. :func:`matches`
gives the nodes a name fits and, when none does, the closest names to suggest.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS


def names_of(graph: Graph, node: URIRef, extra: Iterable[str] = ()) -> set[str]:
    """Every name a user may give for ``node``: its labels, alternative labels, IRI and local name."""
    names = {str(node), *extra}
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        names.update(str(o) for o in graph.objects(node, prop) if isinstance(o, Literal))
    names.add(str(node).rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    return names


def matches(name: str, names: Mapping[URIRef, set[str]]) -> tuple[list[URIRef], list[str]]:
    """The nodes ``name`` fits (sorted), and when none does, up to three closest names (no IRIs)."""
    wanted = name.strip().casefold()
    hits = sorted((node for node, ns in names.items() if wanted in {n.casefold() for n in ns}), key=str)
    if hits:
        return hits, []
    every = sorted({n for ns in names.values() for n in ns if not n.startswith(("http://", "https://"))})
    folded = {n.casefold(): n for n in every}
    return [], [folded[c] for c in difflib.get_close_matches(wanted, list(folded), n=3, cutoff=0.5)]


__all__ = ["matches", "names_of"]
