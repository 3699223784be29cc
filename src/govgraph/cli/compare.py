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
from . import CONTEXT_OPTION, LANG_OPTION, OUTPUT_HELP, Lang, app, fail, rules_option
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
) -> None:
    """Compare scenarios side by side: findings per layer and severity, bodies, seats per side, parity,
    representation, reporting lines, tasks, persons with several seats and meeting load; with --baseline,
    each figure's change from it.

    Example: govgraph compare data/scenarios/klynge-midt-2022-*.ttl --baseline data/scenarios/klynge-midt-2022-actual.ttl
    """
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
