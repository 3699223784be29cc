"""``govgraph info`` and ``govgraph lint``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .. import info as info_mod
from ..errors import GovgraphError
from ..lint import lint as lint_model
from ..load import load, parse_date
from ..model import organization
from ..render.findings import render_findings_text
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail, show


class InfoFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def info(
    model: list[Path] = typer.Argument(..., help="Model files (.ttl, .nt, .jsonld): a scenario or a proposal."),
    as_of: str = typer.Option(None, "--as-of", help="Count only bodies and seats in force on this date (YYYY-MM-DD)."),
    fmt: InfoFormat = typer.Option(InfoFormat.text, "--format", "-f", help="text or json."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled North Jutland reference data as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Show the bodies of a model with seats by side, role and constituency, vacancies, persons and tasks.

    Example: govgraph info data/scenarios/nordjylland-2022.ttl
    """
    try:
        day = parse_date(as_of, "--as-of") if as_of else None
        org = organization(load(model, reference=reference, context=context or ()))
        summary = info_mod.summarize(org, day, lang.value)
    except GovgraphError as error:
        fail(error, lang)
        return
    show(summary.to_json() if fmt is InfoFormat.json else info_mod.render_text(summary, lang.value))


@app.command()
def lint(
    model: list[Path] = typer.Argument(..., help="Model files to check."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled North Jutland reference data as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Check a model is well formed: every term declared (catches typos such as org:postin),
    every body and seat labelled, every seat in exactly one body. Exit 1 when there are problems.

    Example: govgraph lint data/scenarios/*.ttl
    """
    try:
        loaded = load(model, reference=reference, strict=False, context=context or ())
        report = lint_model(loaded)
    except GovgraphError as error:
        fail(error, lang)
        return
    show(render_findings_text(report, lang.value, summary=f"{len(model)} {'fil(er) kontrolleret' if lang is Lang.da else 'file(s) linted'}"))
    raise typer.Exit(1 if report.findings else 0)
