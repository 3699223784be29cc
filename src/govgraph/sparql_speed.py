"""Make pySHACL's SPARQL constraints cheaper to run when rdflib answers them.

pySHACL runs every SPARQL constraint once per focus (and value) node with the same text. rdflib
would parse and translate that text every time (about 50 ms for a rule-sized query) and pySHACL
re-runs its regular-expression checks on it every time. Two remedies, neither changing a result:

- :class:`PreparedQueryGraph` prepares each query text once per process;
- pySHACL's query check is memoized per text (it is a pure function of its arguments).

Oxigraph answers most queries (:mod:`govgraph.sparql_oxigraph`); this is the rdflib path's share.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

_MEMORY: dict[str, Query] = {}


def normalized(text: str) -> str:
    """The text with its leading PREFIX lines sorted.

    pySHACL writes a constraint's prefixes in the order of a set of blank nodes, which differs
    from run to run; sorted, the same constraint always has the same text (and cache key).
    """
    lines = text.split("\n")
    head = 0
    while head < len(lines) and lines[head].startswith("PREFIX "):
        head += 1
    names = [line.split(":", 1)[0] for line in lines[:head]]
    if len(set(names)) != len(names):  # a prefix declared twice: order matters, keep it
        return text
    return "\n".join(sorted(lines[:head]) + lines[head:])


def prepared(text: str) -> Query:
    """The prepared form of a SPARQL text, parsed once per process."""
    text = normalized(text)
    query = _MEMORY.get(text)
    if query is None:
        query = _MEMORY[text] = prepareQuery(text)
    return query


class PreparedQueryGraph(Graph):
    """A graph (usually a view on another graph's store) whose string queries are prepared once."""

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # type: ignore[override]  # noqa: N803
        if isinstance(query_object, str):
            query_object = prepared(query_object)
        # rdflib would otherwise rebuild a dict of every bound prefix on each call; a
        # prepared query has its prefixes resolved already.
        return super().query(query_object, processor, result, initNs or {"": ""}, initBindings,
                             use_store_provided, **kwargs)


_PATCHED = False


def speed_up_pyshacl() -> None:
    """Memoize pySHACL's per-call regular-expression check of a SPARQL text (idempotent)."""
    global _PATCHED
    if _PATCHED:
        return
    from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper

    original = SPARQLQueryHelper.check_invalid_sparql
    passed: set[tuple[str, bool, frozenset[str]]] = set()

    def check_invalid_sparql(self, sparql_text, valuenode=None, extravars=None):  # noqa: ANN001,ANN202
        key = (sparql_text, valuenode is not None, frozenset(extravars or ()))
        if key not in passed:
            original(self, sparql_text, valuenode=valuenode, extravars=extravars)  # raises when invalid
            passed.add(key)
        return True

    SPARQLQueryHelper.check_invalid_sparql = check_invalid_sparql
    _PATCHED = True
