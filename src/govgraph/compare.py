"""Compare scenarios side by side: every metric of :mod:`govgraph.metrics` per scenario.

Like a reform weighed against its baseline, each figure is given per
scenario and, when a baseline is named, as the change from it. Nothing is
modified: metrics only read the organizations.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GovgraphError, UsageError
from .figures import Figure, Metric, Text, Value, namer
from .load import Model, load
from .metrics import METRICS
from .model import Organization, label, organization
from .vocab import GG, RDF, RDFS, SKOS


@dataclass(frozen=True)
class ScenarioInfo:
    """One compared scenario: its name, status label, the day it was measured on and its files."""

    name: str
    status: Text | None
    day: dt.date | None
    files: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One figure across scenarios; ``changes`` (empty without a baseline) are value − baseline value."""

    key: str
    section: str
    label: Text
    values: tuple[Value, ...]
    changes: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """Scenarios, the index of the baseline among them (or None), sections (metric key, title) and rows."""

    scenarios: tuple[ScenarioInfo, ...]
    baseline: int | None
    as_of: dt.date | None
    sections: tuple[tuple[str, Text], ...]
    rows: tuple[Row, ...]

    def row(self, key: str) -> Row:
        """The row with this key (KeyError if no scenario gave it)."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def value(self, key: str, scenario: str) -> Value:
        """One figure of one scenario, by row key and scenario name."""
        names = [s.name for s in self.scenarios]
        return self.row(key).values[names.index(scenario)]


def change(value: Value, base: Value) -> Value:
    """value − base for numbers (not booleans); None when either is missing or not a number."""
    numbers = (int, float)
    if isinstance(value, bool) or isinstance(base, bool):
        return None
    if isinstance(value, numbers) and isinstance(base, numbers):
        diff = value - base
        return round(diff, 2) if isinstance(diff, float) else diff
    return None


def _merge(metric: Metric, per_scenario: Sequence[tuple[Figure, ...]], baseline: int | None) -> list[Row]:
    """Rows of one metric: keys in order of first appearance, a missing figure takes its ``absent`` value."""
    # A key new in a later scenario goes right after the key that precedes it
    # there, so each scenario's own order (e.g. observers before ad hoc) holds.
    keys: list[str] = []
    first: dict[str, Figure] = {}
    for figures in per_scenario:
        previous = None
        for figure in figures:
            if figure.key not in first:
                first[figure.key] = figure
                keys.insert(keys.index(previous) + 1 if previous is not None else 0, figure.key)
            previous = figure.key
    rows = []
    for key in keys:
        values = tuple(next((f.value for f in figures if f.key == key), first[key].absent) for figures in per_scenario)
        changes = tuple(change(v, values[baseline]) for v in values) if baseline is not None else ()
        rows.append(Row(key, metric.key, first[key].label, values, changes))
    return rows


def compare(scenarios: Sequence[tuple[str, Organization | Model]], baseline: str | None = None,
            as_of: dt.date | None = None, metrics: Iterable[Metric] | None = None, workers: int = 1) -> Comparison:
    """Measure every scenario with every metric (default :data:`METRICS`) and line the figures up.

    ``scenarios`` are (name, organization or loaded model) pairs; names must be
    unique. ``baseline`` is the name of one of them. Each scenario is measured
    on ``as_of``, else on its own gg:effectiveDate (else with every body).
    ``workers`` > 1 measures scenarios in that many forked processes (worth it
    when findings are counted: validation is the slow part); the result is
    the same. Raises :class:`UsageError` for a repeated name or an unknown
    baseline.
    """
    names = [name for name, _ in scenarios]
    if not names:
        raise UsageError("nothing to compare: give at least one scenario")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UsageError(f"two scenarios are named {repeated[0]!r}: give each its own name")
    if baseline is not None and baseline not in names:
        raise UsageError(f"the baseline {baseline!r} is not among the scenarios ({', '.join(names)})")
    base = names.index(baseline) if baseline is not None else None
    orgs = [item if isinstance(item, Organization) else organization(item) for _, item in scenarios]
    chosen = list(METRICS if metrics is None else metrics)
    days = [as_of or org.date for org in orgs]
    values = _measure_all(orgs, days, chosen, workers)
    rows: list[Row] = []
    for i, metric in enumerate(chosen):
        base_value = values[base][i] if base is not None else None
        per_scenario = [metric.figures(values[s][i], namer(org), base_value) for s, org in enumerate(orgs)]
        rows.extend(_merge(metric, per_scenario, base))
    infos = tuple(
        ScenarioInfo(name, namer(org)(org.scenario.status) if org.scenario.status else None, day,
                     tuple(f.name for f in org.model.files))
        for name, org, day in zip(names, orgs, days))
    return Comparison(infos, base, as_of, tuple((m.key, m.title) for m in chosen), tuple(rows))


# ------------------------------------------------------- measuring in parallel

#: What forked workers measure: set just before the fork, read by index in the child (nothing is pickled in).
_JOBS: list[tuple[Organization, dt.date | None, list[Metric]]] = []


def _measure_job(index: int) -> tuple[str, Any]:
    org, day, metrics = _JOBS[index]
    try:
        return "ok", [metric.compute(org, day) for metric in metrics]
    except GovgraphError as error:  # sent back as text: not every error type survives pickling
        return "error", str(error)


def _measure_all(orgs: Sequence[Organization], days: Sequence[dt.date | None], metrics: list[Metric],
                 workers: int) -> list[list[Any]]:
    """Every metric's value per scenario, in order; in forked processes when ``workers`` > 1 and fork exists."""
    workers = min(workers, len(orgs))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [[metric.compute(org, day) for metric in metrics] for org, day in zip(orgs, days)]
    if any(m.key == "findings" for m in metrics):
        import pyshacl  # noqa: F401  imported once here, shared by the forked workers
    _JOBS[:] = [(org, day, metrics) for org, day in zip(orgs, days)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_measure_job, range(len(orgs)))
    finally:
        _JOBS.clear()
    for status, payload in results:
        if status == "error":
            raise GovgraphError(payload)
    return [payload for _, payload in results]


# ------------------------------------------------------------ from files


def scenario_name(model: Model, lang: str = "en") -> str:
    """The gg:Scenario's label in ``lang`` (rdfs:label or skos:prefLabel), else the first file's stem."""
    for scenario in sorted(model.user.subjects(RDF.type, GG.Scenario), key=str):
        if any(model.graph.objects(scenario, RDFS.label)) or any(model.graph.objects(scenario, SKOS.prefLabel)):
            return label(model.graph, scenario, lang)
    return model.files[0].stem


def load_scenarios(paths: Sequence[Path], baseline: Path | str | None = None, lang: str = "en",
                   reference: bool = True, context: Sequence[Path] = ()) -> tuple[list[tuple[str, Model]], str | None]:
    """Load each file as its own scenario, name it, and find the baseline among them.

    Returns the (name, model) pairs and the baseline's name. Raises
    :class:`InputError` for a file that cannot be loaded and
    :class:`UsageError` for two scenarios with one name or a baseline that is
    not one of ``paths`` (by path, or by scenario name).
    """
    loaded = [(scenario_name(model, lang), model) for model in (load([p], reference=reference, context=context) for p in paths)]
    seen: dict[str, Path] = {}
    for (name, _), path in zip(loaded, paths):
        if name in seen:
            raise UsageError(f"{seen[name]} and {path} are both named {name!r}: give each gg:Scenario its own "
                             f"rdfs:label (@{lang}), or compare them in two runs")
        seen[name] = path
    if baseline is None:
        return loaded, None
    wanted = Path(baseline).resolve()
    for (name, _), path in zip(loaded, paths):
        if Path(path).resolve() == wanted or name == str(baseline):
            return loaded, name
    raise UsageError(f"--baseline {baseline} is not among the scenarios compared: name it as a scenario too, "
                     f"e.g. govgraph compare {baseline} {paths[0]} --baseline {baseline}")


__all__ = ["Comparison", "Row", "ScenarioInfo", "change", "compare", "load_scenarios", "scenario_name"]
