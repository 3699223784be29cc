"""Compare scenarios side by side: every metric of :mod:`govgraph.metrics` per scenario.

Like a reform weighed against its baseline, each figure is given per
scenario and, when a baseline is named, as the change from it. Nothing is
modified: metrics only read the organizations.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import signal
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
    baseline. :func:`compare_files` also loads the files in the workers.
    """
    names = [name for name, _ in scenarios]
    if not names:
        raise UsageError("nothing to compare: give at least one scenario",
                         da="intet at sammenligne: angiv mindst ét scenarie")
    _check_names(names)
    if baseline is not None and baseline not in names:
        raise UsageError(f"the baseline {baseline!r} is not among the scenarios ({', '.join(names)})",
                         da=f"basisscenariet {baseline!r} er ikke blandt scenarierne ({', '.join(names)})")
    base = names.index(baseline) if baseline is not None else None
    orgs = [item if isinstance(item, Organization) else organization(item) for _, item in scenarios]
    chosen = list(METRICS if metrics is None else metrics)
    days = [as_of or org.date for org in orgs]
    values = _measure_all(orgs, days, chosen, workers)
    base_values = values[base] if base is not None else None
    measured = [_named(name, org, day, chosen, values[s], base_values)
                for s, (name, org, day) in enumerate(zip(names, orgs, days))]
    return _assemble(measured, base, as_of, chosen)


@dataclass(frozen=True)
class _Measured:
    """One scenario measured: its name, what to say of it, and each metric's figures in its own labels."""

    name: str
    info: ScenarioInfo
    figures: tuple[tuple[Figure, ...], ...]


def _named(name: str, org: Organization, day: dt.date | None, metrics: Sequence[Metric], values: Sequence[Any],
           base_values: Sequence[Any] | None) -> _Measured:
    """A scenario's values as figures, named from its own graph (with the baseline's values: also ``versus`` rows)."""
    name_of = namer(org)
    figures = tuple(metric.figures(value, name_of, base_values[i] if base_values is not None else None)
                    for i, (metric, value) in enumerate(zip(metrics, values)))
    info = ScenarioInfo(name, name_of(org.scenario.status) if org.scenario.status else None, day,
                        tuple(f.name for f in org.model.files))
    return _Measured(name, info, figures)


def _assemble(measured: Sequence[_Measured], base: int | None, as_of: dt.date | None,
              metrics: Sequence[Metric]) -> Comparison:
    rows: list[Row] = []
    for i, metric in enumerate(metrics):
        rows.extend(_merge(metric, [m.figures[i] for m in measured], base))
    return Comparison(tuple(m.info for m in measured), base, as_of, tuple((m.key, m.title) for m in metrics),
                      tuple(rows))


def _check_names(names: Sequence[str], paths: Sequence[Path] | None = None, lang: str = "en") -> None:
    """Refuse two scenarios with one name (naming the two files and the label's language when they came from files)."""
    seen: dict[str, Path | None] = {}
    for i, name in enumerate(names):
        path = paths[i] if paths is not None else None
        if name in seen:
            if path is None:
                raise UsageError(f"two scenarios are named {name!r}: give each its own name",
                                 da=f"to scenarier hedder {name!r}: giv hvert sit navn")
            raise UsageError(f"{seen[name]} and {path} are both named {name!r}: give each gg:Scenario its own "
                             f"rdfs:label (@{lang}), or compare them in two runs",
                             da=f"{seen[name]} og {path} hedder begge {name!r}: giv hvert gg:Scenario sin egen "
                                f"rdfs:label (@{lang}), eller sammenlign dem i to kørsler")
        seen[name] = path


# ------------------------------------------------------- measuring in parallel

#: What forked workers work on: set just before the fork, read by index in the child (nothing is pickled in).
_JOBS: list[Any] = []


def _fork_map(job: Any, count: int, workers: int, metrics: Sequence[Metric]) -> list[Any]:
    """``job(i)`` for i < count, in ``workers`` forked processes, results in order. A job returns
    ("ok", value) or ("error", a GovgraphError); the first error in order is raised."""
    if any(m.key == "findings" for m in metrics):
        _warm_validation()  # once here, shared by the forked workers
    # Ctrl-C and SIGTERM are held back while the workers are forked: a worker takes its own signal
    # handling (_worker_signals) before it can receive one, never the parent's, which would leave it
    # alive and the pool waiting for it. The parent gets a held-back signal as soon as the pool stands.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        pool = multiprocessing.get_context("fork").Pool(min(workers, count), initializer=_worker_signals)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    with pool:
        results = pool.map(job, range(count))
    for status, payload in results:
        if status == "error":
            raise payload
    return [payload for _, payload in results]


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _worker_signals() -> None:
    """In a worker, Ctrl-C is the parent's to handle (it stops the pool), and SIGTERM ends the worker
    quietly: no traceback from a worker, whichever signal the terminal or the parent sends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # held back while it was forked


def _warm_validation() -> None:
    """Import pySHACL and parse the bundled rule files before forking, so no worker pays for it."""
    import pyoxigraph  # noqa: F401

    from .rules import load_catalogue

    load_catalogue()


def _can_fork(workers: int, count: int) -> bool:
    return min(workers, count) > 1 and "fork" in multiprocessing.get_all_start_methods()


def _measure_job(index: int) -> tuple[str, Any]:
    org, day, metrics = _JOBS[index]
    try:
        return "ok", [metric.compute(org, day) for metric in metrics]
    except GovgraphError as error:
        return "error", error


def _measure_all(orgs: Sequence[Organization], days: Sequence[dt.date | None], metrics: list[Metric],
                 workers: int) -> list[list[Any]]:
    """Every metric's value per scenario, in order; in forked processes when ``workers`` > 1 and fork exists."""
    if not _can_fork(workers, len(orgs)):
        return [[metric.compute(org, day) for metric in metrics] for org, day in zip(orgs, days)]
    _JOBS[:] = [(org, day, metrics) for org, day in zip(orgs, days)]
    try:
        return _fork_map(_measure_job, len(orgs), workers, metrics)
    finally:
        _JOBS.clear()


def compare_files(paths: Sequence[Path], baseline: Path | str | None = None, *, as_of: dt.date | None = None,
                  metrics: Iterable[Metric] | None = None, lang: str = "en", reference: bool = True,
                  context: Sequence[Path] = (), workers: int = 1) -> Comparison:
    """Load each file as its own scenario and compare them, as :func:`load_scenarios` + :func:`compare`.

    With ``workers`` > 1 each file is loaded, measured and named in a forked process, so loading
    runs in parallel too; only the figures come back. A baseline given as one of ``paths`` is
    measured first (its values are needed for the others' changes); one given by scenario name is
    found only once every file is loaded, so that comparison loads in this process.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError("nothing to compare: give at least one scenario",
                         da="intet at sammenligne: angiv mindst ét scenarie")
    chosen = list(METRICS if metrics is None else metrics)
    wanted = Path(baseline).resolve() if baseline is not None else None
    base = next((i for i, p in enumerate(paths) if p.resolve() == wanted), None)
    if (baseline is not None and base is None) or not _can_fork(workers, len(paths)):
        loaded, name = load_scenarios(paths, baseline, lang, reference, context)
        return compare(loaded, baseline=name, as_of=as_of, metrics=chosen, workers=workers)
    options = (lang, reference, tuple(context), as_of)
    base_values = None
    first: _Measured | None = None
    if base is not None:
        base_values, first = _measure_file(paths[base], options, chosen, None, is_baseline=True)
    others = [i for i in range(len(paths)) if i != base]
    _JOBS[:] = [(paths[i], options, chosen, base_values) for i in others]
    try:
        done = _fork_map(_file_job, len(others), workers, chosen) if others else []
    finally:
        _JOBS.clear()
    measured = dict(zip(others, done))
    if first is not None:
        measured[base] = first  # type: ignore[index]
    ordered = [measured[i] for i in range(len(paths))]
    _check_names([m.name for m in ordered], paths, lang)
    return _assemble(ordered, base, as_of, chosen)


def _measure_file(path: Path, options: tuple[str, bool, tuple[Path, ...], dt.date | None], metrics: Sequence[Metric],
                  base_values: Sequence[Any] | None, *, is_baseline: bool = False) -> tuple[list[Any], _Measured]:
    """Load one scenario file, measure it and name its figures (the baseline is its own baseline)."""
    lang, reference, context, as_of = options
    model = load([path], reference=reference, context=context)
    org = organization(model)
    day = as_of or org.date
    values = [metric.compute(org, day) for metric in metrics]
    named = _named(scenario_name(model, lang), org, day, metrics, values, values if is_baseline else base_values)
    return values, named


def _file_job(index: int) -> tuple[str, Any]:
    path, options, metrics, base_values = _JOBS[index]
    try:
        return "ok", _measure_file(path, options, metrics, base_values)[1]
    except GovgraphError as error:
        return "error", error


# ------------------------------------------------------------ from files


def scenario_name(model: Model, lang: str = "en") -> str:
    """The gg:Scenario's label in ``lang`` (rdfs:label or skos:prefLabel), else the first file's stem."""
    for scenario in sorted(model.user_view.subjects(RDF.type, GG.Scenario), key=str):
        if any(model.view.objects(scenario, RDFS.label)) or any(model.view.objects(scenario, SKOS.prefLabel)):
            return label(model.view, scenario, lang)
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
    _check_names([name for name, _ in loaded], list(paths), lang)
    if baseline is None:
        return loaded, None
    wanted = Path(baseline).resolve()
    for (name, _), path in zip(loaded, paths):
        if Path(path).resolve() == wanted or name == str(baseline):
            return loaded, name
    raise UsageError(f"--baseline {baseline} is not among the scenarios compared: name it as a scenario too, "
                     f"e.g. govgraph compare {baseline} {paths[0]} --baseline {baseline}",
                     da=f"--baseline {baseline} er ikke blandt de sammenlignede scenarier: angiv det også som scenarie, "
                        f"fx govgraph compare {baseline} {paths[0]} --baseline {baseline}")


__all__ = ["Comparison", "Row", "ScenarioInfo", "change", "compare", "compare_files", "load_scenarios", "scenario_name"]
