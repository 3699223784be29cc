"""``govgraph compare``: scenarios side by side, optionally against a baseline, with a chart."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from ..load import parse_date
from ..outfile import note_input, write_all
from ..render.escape import terminal
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail, show


class CompareFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


@app.command()
def compare(
    scenarios: list[Path] = typer.Argument(..., help="Scenario files (.ttl, .nt, .jsonld), one scenario each."),
    baseline: str = typer.Option(None, "--baseline", "-b",
                                 help="One of the scenario files (or its name): also show each figure's change from it."),
    as_of: str = typer.Option(None, "--as-of", help="Measure every scenario on this date (default: each its own "
                                                    "gg:effectiveDate)."),
    fmt: CompareFormat = typer.Option(CompareFormat.text, "--format", "-f", help="text, markdown, json or csv."),
    rules: list[str] = typer.Option(None, "--rules", help="Count findings against these rule sets (names in shapes/) "
                                                          "or rule files instead of the rules in force (repeatable)."),
    findings: bool = typer.Option(True, "--findings/--no-findings",
                                  help="Validate each scenario and count its findings (pySHACL: the slow part)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Scenarios measured at once, in separate processes "
                                                    "(0: one per CPU core; 1: one after the other)."),
    chart: Path = typer.Option(None, "--chart", help="Also write an SVG chart of the key figures to this file."),
    output: Path = typer.Option(None, "--output", "-o", help="Write the table to this file instead of stdout."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled North Jutland reference data as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Compare scenarios side by side: findings per layer and severity, bodies, seats per side, parity,
    representation, reporting lines, tasks, persons with several seats and meeting load; with --baseline,
    each figure's change from it.

    Example: govgraph compare data/scenarios/klynge-midt-2022-*.ttl --baseline data/scenarios/klynge-midt-2022-actual.ttl
    """
    try:
        day = parse_date(as_of, "--as-of") if as_of else None
        if output is not None and chart is not None and output.resolve() == chart.resolve():
            raise UsageError("--output and --chart name the same file: give each its own",
                             da="--output og --chart angiver samme fil: giv hver sin fil")
        # Imported here: the metrics need networkx, which the other commands never pay for.
        from ..compare import compare_files
        from ..metrics import METRICS, with_rules
        from ..render.compare import RENDERERS
        from ..render.compare_chart import render_chart

        metrics = with_rules(rules) if rules else list(METRICS)
        if not findings:
            metrics = [m for m in metrics if m.key != "findings"]
        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        for path in [*scenarios, *(context or ())]:  # forked workers read them: note them here too
            note_input(path)
        comparison = compare_files(scenarios, baseline, as_of=day, metrics=metrics, lang=lang.value,
                                   reference=reference, context=context or (), workers=workers)
        table = RENDERERS[fmt.value](comparison, lang.value)
        files = {output: table} if output is not None else {}
        if chart is not None:
            files[chart] = render_chart(comparison, lang.value)
        write_all({path: terminal(text).encode("utf-8") for path, text in files.items()})
    except GovgraphError as error:
        fail(error, lang)
        return
    if output is None:
        show(table)
