"""``govgraph info`` and ``govgraph lint``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .. import info as info_mod
from ..errors import GovgraphError, UsageError
from ..lint import lint as lint_model
from ..dates import parse_day
from ..load import load
from ..model import organization
from ..render.findings import render_findings_text
from . import CONTEXT_OPTION, LANG_OPTION, NO_COLOR_OPTION, Lang, app, fail, show
from .output import emit
from .terminal import colour_wanted, severity_style


class InfoFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def info(
    model: list[Path] = typer.Argument(..., metavar="MODEL",
                                       help="Model files (.ttl, .nt, .jsonld, .xlsx, .yaml): a scenario or a proposal."),
    as_of: str = typer.Option(None, "--as-of", metavar="DATE",
                              help="Count only bodies and seats in force on this date (1.10.2022 or 2022-10-01)."),
    fmt: InfoFormat = typer.Option(InfoFormat.text, "--format", "-f", metavar="text|json", help="text or json."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Show the bodies of a model with seats by side, role and constituency, vacancies, persons and tasks.

    Example: govgraph info data/scenarios/nordjylland-2022.ttl
    """
    try:
        day = parse_day(as_of, "--as-of") if as_of else None
        org = organization(load(model, reference=reference, context=context or ()))
        summary = info_mod.summarize(org, day, lang.value)
    except GovgraphError as error:
        fail(error, lang)
        return
    show(summary.to_json() if fmt is InfoFormat.json else info_mod.render_text(summary, lang.value))


@app.command()
def lint(
    model: list[Path] = typer.Argument(None, metavar="MODEL", help="Model files to check."),
    rules: list[Path] = typer.Option([], "--rules", metavar="FILE", help="Rule files to check for SHACL-SPARQL that "
                                     "is not standard (each problem with file:line and the fix). Repeatable."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Check a model is well formed: every term declared (catches typos such as org:postin),
    every body and seat labelled, every seat in exactly one body. Exit 1 when there are problems.

    With --rules FILE: check a rule file is standard SHACL-SPARQL, so it means the same on every
    SHACL engine (no FROM or SERVICE, no AS on a pre-bound variable, nested SELECTs project $this,
    SELECT validators do not read $value as if it were pre-bound, SPARQL 1.1 syntax).

    Example: govgraph lint data/scenarios/*.ttl
    Example: govgraph lint --rules my-rules.ttl
    """
    from ..lint import lint_rules
    from ..report import Report

    model = list(model or [])
    if not model and not rules:
        fail(UsageError("give model files to lint, or --rules FILE", da="angiv modelfiler, eller --rules FIL"), lang)
        return
    try:
        report = lint_model(load(model, reference=reference, strict=False, context=context or ())) if model \
            else Report.of([])
        if rules:
            report = Report.of([*report.findings, *lint_rules(list(rules)).findings])
    except GovgraphError as error:
        fail(error, lang)
        return
    count = len(model) + len(rules)
    summary = f"{count} {'fil(er) kontrolleret' if lang is Lang.da else 'file(s) linted'}"
    style = severity_style(colour_wanted(no_color=no_color))
    emit(render_findings_text(report, lang.value, summary=summary, style=style), None, colour=bool(style))
    raise typer.Exit(1 if report.findings else 0)
