"""Run compiled rules on an Oxigraph store: one SPARQL query per constraint, over all focus nodes.

The store holds the model (vocabulary, reference data, the user's files) and the scope of the
run (``gg:includesBody`` for the scenario's bodies in force, the checked day as its
``gg:effectiveDate``). Subclass closures a query needs (``sh:targetClass``, ``sh:class``) are
read from the store once and written into the query as constants, so no query depends on the
planner carrying a binding into a property path.

Each rule has a time budget (the ``rule_seconds`` cap of :mod:`govgraph.limits`, i.e.
``GOVGRAPH_MAX_RULE_SECONDS``, or the ``budget`` argument): a rule
that runs past it (an exploding property path, a catastrophic regular expression) is stopped
and named. Oxigraph evaluates without holding Python's lock, so a query runs in a worker thread
that is abandoned at the deadline.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..errors import UsageError
from .compile import FOCUS, Closure, NodeCheck, Plan, Query, ShapePlan, Target
from .results import Result
from ..store import SCOPE, Terms, quads



class RuleTimeout(Exception):
    """A rule ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class QueryFailed(Exception):
    """Oxigraph refused or could not evaluate a compiled query (e.g. a function it does not know)."""


def rule_budget(budget: float | None = None) -> float:
    """The time budget per rule in seconds: ``budget``, else the ``rule_seconds`` cap in force
    (:mod:`govgraph.limits`: ``GOVGRAPH_MAX_RULE_SECONDS``, default 60)."""
    if budget is not None:
        if budget <= 0:
            raise UsageError(f"a rule's time budget must be above 0 seconds, not {budget:g}",
                             da=f"en regels tidsramme skal være over 0 sekunder, ikke {budget:g}")
        return budget
    from ..limits import current

    return float(current().rule_seconds)


#: Where the compiler asked for a closure (see :class:`govgraph.check.compile.Closure`).
_MARKER = re.compile(r"#CLOSURE (\d+)\b")


@contextlib.contextmanager
def scoped(store: ox.Store, terms: Terms, extra: Iterable[tuple[Node, Node, Node]] = (),
           without: Iterable[tuple[Node, Node, Node]] = ()) -> Iterator[ox.Store]:
    """The model's store as one run sees it: ``extra`` (the run's scope) in its own graph, the
    triples ``without`` (the scenario's own effective date, which the checked day replaces) taken
    out of whatever graph holds them; both undone afterwards, so the model is as it was."""
    removed = [q for t in without for q in store.quads_for_pattern(*(terms.to_ox(x) for x in t), None)]
    for quad in removed:
        store.remove(quad)
    store.extend(quads(extra, terms, SCOPE))
    try:
        yield store
    finally:
        store.clear_graph(SCOPE)
        store.extend(removed)


class Runner:
    """Runs compiled plans on one store."""

    def __init__(self, store: ox.Store, terms: Terms, budget: float | None = None) -> None:
        self.store = store
        self.terms = terms
        self.budget = rule_budget(budget)
        self._closures: dict[Closure, list[str]] = {}
        self._deadline = 0.0

    def run(self, plan: Plan) -> list[Result]:
        """The results of one compiled rule (raises :class:`RuleTimeout`, :class:`QueryFailed`)."""
        assert plan.target is not None and plan.shape is not None
        self._deadline = time.monotonic() + self.budget
        out: list[Result] = []
        self._shape(plan.shape, self._focus(plan.target), out)
        return out

    # -------------------------------------------------------------- shapes

    def _shape(self, shape: ShapePlan, focus: str, out: list[Result]) -> None:
        for query in shape.queries:
            out.extend(self._results(query, focus))
        for child in shape.children:
            self._shape(child, focus, out)
        for check in shape.node_checks:
            out.extend(self._node_check(check, focus))

    def _node_check(self, check: NodeCheck, focus: str) -> list[Result]:
        if check.path_sparql:
            values = (f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS ?__up) WHERE {{ {focus} }} }} "
                      f"?__up {check.path_sparql} ?this }} }}")
            pairs = f"SELECT ?this ?value WHERE {{ {focus} ?this {check.path_sparql} ?value }}"
        else:
            values = focus
            pairs = f"SELECT ?this ?value WHERE {{ {focus} BIND (?this AS ?value) }}"
        inner: list[Result] = []
        self._shape(check.target, values, inner)
        failing = {r.focus for r in inner}
        if not failing:
            return []
        out = []
        for row in self._select(pairs):
            this, value = row.get("this"), row.get("value")
            if this is not None and value in failing:
                out.append(Result(this, check.shape, SH.NodeConstraintComponent, check.severity, value, check.path))
        return out

    def _results(self, query: Query, focus: str) -> list[Result]:
        text = self._closed(query.text.replace(FOCUS, focus), query.closures)
        out = []
        for row in self._select(text):
            this = row.pop("this", None)
            if this is None:
                continue
            value = row.pop("value", None)
            if value is None and query.node_shape:
                value = this
            path = row.pop("path", None)
            if not isinstance(path, URIRef):
                path = query.path
            if query.counted:
                n = int(row.pop("__n").toPython())  # type: ignore[union-attr]
                for component, op, limit in query.counted:
                    if (n < limit) if op == "<" else (n > limit):
                        out.append(Result(this, query.shape, component, query.severity, value, path,
                                          bindings=tuple(sorted(row.items()))))
                continue
            out.append(Result(this, query.shape, query.component, query.severity, value, path,
                              bindings=tuple(sorted(row.items()))))
        if query.counted:  # as two queries would give them: the sh:minCount results first
            order = [c for c, _, _ in query.counted]
            out.sort(key=lambda r: order.index(r.component))
        return out

    # -------------------------------------------------------------- focus and closures

    def _focus(self, target: Target) -> str:
        return "{ SELECT DISTINCT ?this WHERE { " + self._closed(target.pattern, target.classes) + " } }"

    def _closed(self, text: str, closures: Sequence[Closure]) -> str:
        """``text`` with each ``#CLOSURE n`` marker written out (whole numbers: ``#CLOSURE 1`` is not
        part of ``#CLOSURE 10``)."""

        def written(match: re.Match[str]) -> str:
            i = int(match.group(1))
            nodes = self._closure(closures[i])
            if closures[i].values:
                return f"VALUES ?__closure{i} {{ {' '.join(nodes)} }}"
            return f"FILTER (?__closure{i} IN ({', '.join(nodes)}))" if nodes else "FILTER (false)"

        return _MARKER.sub(written, text) if closures else text

    def _closure(self, closure: Closure) -> list[str]:
        """What reaches the node along ``link*`` (a class and its subclasses), or the instances of those."""
        if closure not in self._closures:
            link, node = closure.link.n3(), closure.node.n3()
            if closure.instances:
                text = f"SELECT DISTINCT ?c WHERE {{ ?c a ?k . ?k {link}* {node} }}"
                found = {row["c"] for row in self._select(text) if "c" in row}
            else:
                found = {row["c"] for row in self._select(f"SELECT DISTINCT ?c WHERE {{ ?c {link}* {node} }}")
                         if "c" in row} | {closure.node}
            self._closures[closure] = [c.n3() for c in sorted(found, key=lambda c: (type(c).__name__, str(c)))]
        return self._closures[closure]

    # -------------------------------------------------------------- queries

    def _select(self, text: str) -> list[dict[str, Node]]:
        """Run a SELECT within the rule's budget and return its solutions as rdflib terms."""
        box: dict[str, Any] = {}

        def evaluate() -> None:
            try:
                answer = self.store.query(text, use_default_graph_as_union=True)
                names = [v.value for v in answer.variables]
                box["rows"] = [[solution[n] for n in names] for solution in answer]
                box["names"] = names
            except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = error

        worker = threading.Thread(target=evaluate, name="govgraph-rule", daemon=True)
        worker.start()
        worker.join(max(0.0, self._deadline - time.monotonic()) if self._deadline else None)
        if worker.is_alive():
            raise RuleTimeout(self.budget)
        if "error" in box:
            error = box["error"]
            raise QueryFailed(str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__)
        from_ox = self.terms.from_ox
        return [{n: from_ox(v) for n, v in zip(box["names"], row) if v is not None} for row in box["rows"]]


__all__ = ["Runner", "RuleTimeout", "QueryFailed", "scoped", "rule_budget"]
