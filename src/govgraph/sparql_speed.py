"""Make pySHACL's SPARQL constraints cheap to run on rdflib.

pySHACL runs every SPARQL constraint once per focus (and value) node with the same text. rdflib
would parse and translate that text every time (about 50 ms for a rule-sized query) and pySHACL
re-runs its regular-expression checks on it every time. Three remedies, none changing a result:

- :class:`PreparedQueryGraph` prepares each query text once per process;
- prepared queries are kept on disk (``$XDG_CACHE_HOME/govgraph``, keyed by the query text and
  the rdflib version), so the next run skips the parse as well;
- pySHACL's query check is memoized per text (it is a pure function of its arguments).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import OrderedDict
from pathlib import Path
from types import MethodType
from typing import Any

import rdflib
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Prologue, Query

_MEMORY: dict[str, Query] = {}


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "govgraph" / f"sparql-rdflib-{rdflib.__version__}"


# --- pickling rdflib's query algebra (CompValue keeps its name and eval function outside the dict)

def _rebuild(cls: type, state: dict[str, Any]) -> CompValue:
    obj = OrderedDict.__new__(cls)
    OrderedDict.__init__(obj)
    for key, value in state.items():
        if key == "_evalfn" and value is not None:
            value = MethodType(value, obj)
        object.__setattr__(obj, key, value)
    return obj


def _reduce(value: CompValue):  # noqa: ANN202 - pickle's reduce protocol
    state = {k: (v.__func__ if k == "_evalfn" and v is not None else v)
             for k, v in vars(value).items() if k != "ctx"}
    items = [(k, OrderedDict.__getitem__(value, k)) for k in OrderedDict.keys(value)]
    return (_rebuild, (type(value), state), None, None, iter(items))


def _singleton(module: str, name: str) -> CompValue:
    import importlib

    return getattr(importlib.import_module(module), name)


def _singletons() -> dict[int, tuple[str, str]]:
    """Module-level expressions of rdflib (e.g. operators.TrueFilter, whose function is a lambda)."""
    from rdflib.plugins.sparql import algebra, operators

    return {id(v): (m.__name__, k) for m in (operators, algebra) for k, v in vars(m).items()
            if isinstance(v, CompValue)}


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: object):  # noqa: ANN201
        if isinstance(obj, CompValue):
            known = _singletons().get(id(obj))
            return (_singleton, known) if known else _reduce(obj)
        return NotImplemented


def _load(path: Path) -> Query | None:
    try:
        algebra = pickle.loads(path.read_bytes())  # our own cache file, written below
    except Exception:  # a stale or broken cache entry is simply rebuilt
        return None
    return Query(Prologue(), algebra)


def _store(path: Path, query: Query) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(query.algebra)
        os.replace(tmp, path)
    except Exception:  # a read-only home only costs speed
        try:
            Path(tmp).unlink(missing_ok=True)  # type: ignore[possibly-undefined]
        except Exception:
            pass


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
    """The prepared form of a SPARQL text: from memory, else from the disk cache, else parsed."""
    text = normalized(text)
    query = _MEMORY.get(text)
    if query is None:
        path = cache_dir() / (hashlib.sha256(text.encode("utf-8")).hexdigest() + ".pickle")
        query = _load(path) if path.exists() else None
        if query is None:
            query = prepareQuery(text)
            _store(path, query)
        _MEMORY[text] = query
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
