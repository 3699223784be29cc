"""Check stage: the rules in force, compiled to set-based SPARQL and run on Oxigraph.

    shapes/ ─▶ catalogue ─▶ rules in force ─▶ compile (one query per constraint, all focus nodes)
    model ──▶ Oxigraph store (+ gg:includesBody for the scenario's bodies in force) ─▶ run ─▶ results
                                   rules the compiler does not cover ─▶ pySHACL ─▶ results
    results ─▶ findings (da + en, labels, file:line or sheet/row/column)

pySHACL is the reference: the test suite holds the compiled engine to pySHACL's results on every
rule fixture, bundled model and randomized edits. ``GOVGRAPH_ENGINE=pyshacl`` runs every rule on
pySHACL (slow; to tell an engine difference from a rule mistake).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .. import netguard
from ..errors import GovgraphError, UsageError
from ..load import Model
from ..model import Organization, label, outline
from ..report import Finding, Report
from ..vocab import GG
from .catalogue import Catalogue, Rule, load_catalogue
from .compile import Plan, compile_rule
from .findings import Scope, findings, within
from .results import Result

#: A scenario node for models that name none, so rules on gg:includesBody still see their bodies.
IMPLICIT_SCENARIO = URIRef("urn:govgraph:scenario")
#: Which engine runs the rules: "compiled" (default; pySHACL for what the compiler does not cover) or "pyshacl".
ENGINE_VARIABLE = "GOVGRAPH_ENGINE"


@dataclass(frozen=True)
class CheckedBody:
    """A body in scope of a validation, with its labels."""

    iri: str
    da: str
    en: str

    def label(self, lang: str) -> str:
        return self.da if lang == "da" else self.en


@dataclass(frozen=True)
class ValidationReport(Report):
    """A report plus what it was checked against: the date and the rules applied."""

    as_of: dt.date | None = None
    rules: tuple[str, ...] = ()
    bodies: tuple[CheckedBody, ...] = ()

    @classmethod
    def of_validation(cls, found: Sequence[Finding], day: dt.date, chosen: Sequence[Rule],
                      bodies: Sequence[CheckedBody]) -> ValidationReport:
        base = Report.of(found, len(bodies))
        return cls(base.findings, base.checked, day, tuple(r.id for r in chosen), tuple(bodies))


class RuleError(GovgraphError):
    """A rule cannot be run (a query no engine accepts, or one that runs past its time budget)."""

    def __init__(self, message: str, reason: str = "", da: str = "") -> None:
        super().__init__(message, da)
        self.reason = reason or message

    def __reduce__(self):  # noqa: ANN204
        return (type(self), (str(self), self.reason, self.da))


@netguard.guarded
def validate(model: Model, *, as_of: dt.date | None = None, rules: Sequence[str] | None = None,
             org: Organization | None = None, budget: float | None = None) -> ValidationReport:
    """Validate a loaded model against the rules in force and return the findings (both languages).

    ``as_of`` picks the date (default: the scenario's gg:effectiveDate, else today); it decides which
    bodies are in scope and, unless ``rules`` is given, which rules apply. ``rules`` names rule sets
    (file stems of ``shapes/``, e.g. ``dk-2022-law``) or paths of rule files; all their rules apply.
    ``org`` is the model's organization when the caller has built it already; else only its outline
    (bodies and dates, :func:`govgraph.model.outline`) is read.
    ``budget`` is the time one rule may run, in seconds (default: the ``rule_seconds`` cap, 60).
    Nothing is fetched from the network while it runs (:func:`govgraph.netguard.guard`).
    """
    org = org or outline(model)
    catalogue = load_catalogue([r for r in (rules or ()) if _is_file(r)], labels=model.view)
    day = as_of or org.date or dt.date.today()
    return check(model, catalogue, catalogue.select(day, list(rules or ())), day, org, budget=budget)


def _is_file(name: str) -> bool:
    return Path(name).suffix.lower() in (".ttl", ".turtle")


@netguard.guarded
def check(model: Model, catalogue: Catalogue, chosen: Sequence[Rule], day: dt.date,
          org: Organization | None = None, *, engine: str | None = None,
          budget: float | None = None) -> ValidationReport:
    """Run ``chosen`` rules of ``catalogue`` on ``model`` as it stands on ``day``."""
    org = org or outline(model)
    in_scope = tuple(b.iri for b in org.on(day))
    found: list[Finding] = []
    if chosen:
        scenario = org.scenario.iri or IMPLICIT_SCENARIO
        results = run(model, catalogue, chosen, scenario, in_scope, day, engine=engine, budget=budget)
        shapes, owner = catalogue.shapes_graph(chosen)
        # Integrity rules hold whatever the date: they see every body of the scenario (a body
        # whose dates are out of order is in force on no date at all). The other layers see
        # only the bodies in force on the day. Bodies of the reference data are never in scope.
        scope = Scope(in_force=frozenset(in_scope), scenario=frozenset(b.iri for b in org.bodies))
        found = list(findings(model, results, shapes, owner, scope))
    checked = [CheckedBody(str(b), label(model.view, b, "da"), label(model.view, b, "en")) for b in in_scope]
    return ValidationReport.of_validation(found, day, chosen, checked)


def engine_choice(engine: str | None = None) -> str:
    """``engine``, else ``$GOVGRAPH_ENGINE``, else ``compiled``."""
    chosen = (engine or os.environ.get(ENGINE_VARIABLE, "") or "compiled").strip().lower()
    if chosen not in ("compiled", "pyshacl"):
        raise UsageError(f"${ENGINE_VARIABLE} is {chosen!r}: set it to compiled or pyshacl (or unset it)",
                         da=f"${ENGINE_VARIABLE} er {chosen!r}: sæt den til compiled eller pyshacl (eller fjern den)")
    return chosen


_PLANS: weakref.WeakKeyDictionary[Graph, dict[URIRef, Plan]] = weakref.WeakKeyDictionary()


def plan_of(catalogue: Catalogue, rule: Rule) -> Plan:
    """The compiled plan of ``rule`` (made once per catalogue); ``plan.reason`` says why pySHACL runs it."""
    plans = _PLANS.setdefault(catalogue.graph, {})
    if rule.iri not in plans:
        plans[rule.iri] = compile_rule(catalogue.graph, rule.iri)
    return plans[rule.iri]


def scope_triples(scenario: URIRef, bodies: Sequence[URIRef], day: dt.date) -> list[tuple[Node, Node, Node]]:
    """The scenario as checked: its bodies in force, and the day checked as its effective date."""
    return [(scenario, GG.includesBody, b) for b in bodies] + [(scenario, GG.effectiveDate, Literal(day))]


def run(model: Model, catalogue: Catalogue, chosen: Sequence[Rule], scenario: URIRef,
        bodies: Sequence[URIRef], day: dt.date, *, engine: str | None = None,
        budget: float | None = None) -> list[Result]:
    """The SHACL results of ``chosen`` on ``model``: compiled rules on Oxigraph, the rest on pySHACL."""
    from .reference import ReferenceFailed, run_pyshacl
    from .runner import Runner, scoped

    engine = engine_choice(engine)
    scope = scope_triples(scenario, bodies, day)
    # The checked day replaces the scenario's own effective date for the run.
    replaced = [(scenario, GG.effectiveDate, d) for d in model.view.objects(scenario, GG.effectiveDate)
                if d != Literal(day)]
    compiled = [r for r in chosen if engine == "compiled" and plan_of(catalogue, r).compiled]
    others = [r for r in chosen if r not in compiled]
    results: list[Result] = []
    if compiled:
        with scoped(model.store, model.terms, scope, without=replaced) as store:
            results += _run_compiled(lambda: Runner(store, model.terms, budget), catalogue, compiled, others)
    if others:
        shapes, _owner = catalogue.shapes_graph(others)
        try:
            results += run_pyshacl(model.graph, shapes, scope, replaced)
        except ReferenceFailed as failed:
            raise _culprit(model, catalogue, others, scope, replaced) or RuleError(
                f"a rule cannot be run: {failed}", str(failed), f"en regel kan ikke køres: {failed}") from None
    return results


def _run_compiled(runners: Callable[[], Any], catalogue: Catalogue, compiled: Sequence[Rule],
                  others: list[Rule]) -> list[Result]:
    """The results of the compiled rules, in the order of the rules; a rule Oxigraph cannot
    evaluate is added to ``others``.

    Oxigraph evaluates a query without holding Python's lock, so the rules run on as many threads
    as the machine has cores (at most four), each with its own runner (and time budget) on the one
    store; the results are put back in rule order, so the output does not depend on which
    thread finished first."""
    from concurrent.futures import ThreadPoolExecutor

    from .runner import QueryFailed, RuleTimeout

    local = threading.local()

    def one(rule: Rule) -> list[Result] | BaseException:
        if not hasattr(local, "runner"):
            local.runner = runners()
        try:
            return local.runner.run(plan_of(catalogue, rule))
        except (RuleTimeout, QueryFailed) as stop:
            return stop

    for rule in compiled:  # compiled once, before the threads share the plans
        plan_of(catalogue, rule)
    workers = max(1, min(4, os.cpu_count() or 1, len(compiled)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="govgraph-rules") as pool:
        outcomes = list(pool.map(one, compiled))
    results: list[Result] = []
    for rule, outcome in zip(compiled, outcomes):
        if isinstance(outcome, RuleTimeout):
            raise RuleError(
                f"{rule.location}: rule {rule.id} ran past its time budget of {outcome.seconds:g} s and was stopped "
                f"(raise it with $GOVGRAPH_MAX_RULE_SECONDS, or leave the rule set out with --rules)",
                "time budget", f"{rule.location}: regel {rule.id} kørte længere end sin tidsramme på "
                f"{outcome.seconds:g} s og blev stoppet (hæv den med $GOVGRAPH_MAX_RULE_SECONDS, eller udelad "
                "regelsættet med --rules)") from None
        if isinstance(outcome, QueryFailed):
            others.append(rule)  # e.g. a SHACL function only pySHACL knows: pySHACL decides
        else:
            results += outcome  # type: ignore[arg-type]
    return results


def _culprit(model: Model, catalogue: Catalogue, chosen: Sequence[Rule], scope: list, replaced: list) -> RuleError | None:
    """Which rule made pySHACL fail: run them one by one (only on this error path)."""
    from .reference import ReferenceFailed, run_pyshacl

    for rule in chosen:
        try:
            run_pyshacl(model.graph, catalogue.shapes_graph([rule])[0], scope, replaced)
        except ReferenceFailed as error:
            return RuleError(f"{rule.location}: rule {rule.id} cannot be run: {error} "
                             "(fix the rule, or leave its rule set out with --rules)", str(error),
                             f"{rule.location}: regel {rule.id} kan ikke køres: {error} "
                             "(ret reglen, eller udelad dens regelsæt med --rules)")
    return None


__all__ = ["validate", "check", "run", "plan_of", "engine_choice", "ValidationReport", "CheckedBody", "RuleError",
           "IMPLICIT_SCENARIO", "ENGINE_VARIABLE", "Catalogue", "Rule", "load_catalogue", "within", "Result"]
