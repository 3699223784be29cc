"""``govgraph compare``: scenarios side by side, optionally against a baseline, with a chart."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from ..dates import parse_day
from ..outfile import note_input, write_all
from ..render.escape import terminal
from . import CONTEXT_OPTION, LANG_OPTION, OUTPUT_HELP, REGION_OPTION, Lang, app, fail, rules_option
from .output import emit, is_stdout, pick_format
from .terminal import progress


class CompareFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


@app.command()
def compare(
    scenarios: list[Path] = typer.Argument(..., metavar="SCENARIO",
                                           help="Scenario files (.ttl, .nt, .jsonld, .xlsx, .yaml), one scenario each."),
    baseline: str = typer.Option(None, "--baseline", "-b", metavar="FILE",
                                 help="One of the scenario files (or its name): also show each figure's change from it."),
    as_of: str = typer.Option(None, "--as-of", metavar="DATE",
                              help="Measure every scenario on this date, 1.10.2022 or 2022-10-01 (default: each its "
                                   "own gg:effectiveDate)."),
    fmt: CompareFormat = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="text, markdown, json or csv (default: text, or the -o file's type: "
                                           ".txt .md .json .csv)."),
    rules: list[str] = rules_option("Count findings against these rule sets (names in shapes/) or rule files "
                                    "instead of the rules in force (repeatable)."),
    findings: bool = typer.Option(True, "--findings/--no-findings",
                                  help="Validate each scenario and count its findings (pySHACL: the slow part)."),
    jobs: int = typer.Option(0, "--jobs", "-j", metavar="N", help="Scenarios measured at once, in separate processes "
                                                    "(0: one per CPU core; 1: one after the other)."),
    chart: Path = typer.Option(None, "--chart", metavar="FILE",
                               help="Also write an SVG chart of the key figures to this file (.svg)."),
    output: Path = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
    by_body: bool = typer.Option(False, "--by-body",
                                 help="One row per body of every scenario (a folder: every model file in it), "
                                      "grouped by region with a total per region: voting seats by side and the "
                                      "figures the rules in force ask of each body."),
    region: str = REGION_OPTION,
) -> None:
    """Compare scenarios side by side: findings per layer and severity, bodies, seats per side, parity,
    representation, reporting lines, tasks, persons with several seats and meeting load; with --baseline,
    each figure's change from it. With --by-body: every council (body) of a region or of Denmark, one row each.

    Example: govgraph compare data/scenarios/klynge-midt-2022-*.ttl --baseline data/scenarios/klynge-midt-2022-actual.ttl
    """
    from ..batch import is_folder_of_models

    if by_body or region or any(is_folder_of_models(p) for p in scenarios):
        _compare_bodies(scenarios, as_of, fmt, findings, rules, output, lang, reference, context, region, by_body,
                        baseline, chart)
        return
    try:
        from ..render.compare import RENDERERS, SUFFIXES

        day = parse_day(as_of, "--as-of") if as_of else None
        if not is_stdout(output) and chart is not None and output.resolve() == chart.resolve():
            raise UsageError("--output and --chart name the same file: give each its own",
                             da="--output og --chart angiver samme fil: giv hver sin fil")
        kind = pick_format(SUFFIXES, fmt.value if fmt else None, output, "text")
        if chart is not None and chart.suffix.lower() != ".svg":
            raise UsageError(f"--chart {chart}: the chart is an SVG picture (name it e.g. chart.svg)",
                             da=f"--chart {chart}: diagrammet er et SVG-billede (kald det fx diagram.svg)")
        # Imported here: the metrics need networkx, which the other commands never pay for.
        from ..compare import compare_files
        from ..metrics import METRICS, with_rules
        from ..render.compare_chart import render_chart

        metrics = with_rules(rules) if rules else list(METRICS)
        if not findings:
            metrics = [m for m in metrics if m.key != "findings"]
        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        for path in [*scenarios, *(context or ())]:  # forked workers read them: note them here too
            note_input(path)
        with progress("Comparing…" if lang is Lang.en else "Sammenligner…"):
            comparison = compare_files(scenarios, baseline, as_of=day, metrics=metrics, lang=lang.value,
                                       reference=reference, context=context or (), workers=workers)
        table = RENDERERS[kind](comparison, lang.value)
        bom = b"\xef\xbb\xbf" if kind == "csv" else b""  # Danish Excel reads a CSV file as UTF-8 only with a BOM
        files = {} if is_stdout(output) else {output: bom + terminal(table).encode("utf-8")}
        if chart is not None:
            files[chart] = terminal(render_chart(comparison, lang.value)).encode("utf-8")
        write_all(files)
    except GovgraphError as error:
        fail(error, lang)
        return
    if is_stdout(output):
        emit(table, None)



def _compare_bodies(scenarios: list[Path], as_of: str | None, fmt: CompareFormat | None, findings: bool,
                    rules: list[str] | None, output: Path | None, lang: Lang, reference: bool, context: list[Path],
                    region: str | None, by_body: bool, baseline: str | None, chart: Path | None) -> None:
    """``compare --by-body``: one row per body of every model, grouped by region."""
    from ..batch import model_name, models_of
    from ..load import load
    from ..metrics_bodies import body_table
    from ..model import organization
    from ..regions import resolve_region
    from ..render.compare import SUFFIXES
    from ..render.compare_bodies import RENDERERS
    from ..validate import validate

    try:
        if not by_body:
            raise UsageError("a folder of scenarios or --region compares body by body: add --by-body",
                             da="en mappe med scenarier eller --region sammenligner organ for organ: tilføj --by-body")
        if baseline or chart:
            raise UsageError("--by-body sets bodies side by side, not scenarios: leave out --baseline and --chart",
                             da="--by-body stiller organer side om side, ikke scenarier: udelad --baseline og --chart")
        day = parse_day(as_of, "--as-of") if as_of else None
        kind = pick_format(SUFFIXES, fmt.value if fmt else None, output, "text")
        with progress("Comparing…" if lang is Lang.en else "Sammenligner…"):
            loaded = []
            for files in models_of(scenarios, each=True):
                model = load(files, reference=reference, context=context or ())
                loaded.append((model_name(files), model, organization(model)))
            wanted = resolve_region([m.graph for _, m, _ in loaded], region) if region else None
            measured = [(name, org, validate(model, as_of=day, rules=list(rules or ()), org=org).findings
                         if findings else None) for name, model, org in loaded]
            table = body_table(measured, day, wanted)
        text = RENDERERS[kind](table, lang.value)
        bom = b"\xef\xbb\xbf" if kind == "csv" else b""
        if not is_stdout(output):
            write_all({output: bom + terminal(text).encode("utf-8")})
    except GovgraphError as error:
        fail(error, lang)
        return
    if is_stdout(output):
        emit(text, None)

