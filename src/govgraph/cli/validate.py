"""``govgraph validate``, ``govgraph rules`` and ``govgraph explain``."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path

import typer

from ..dates import parse_day
from ..errors import GovgraphError
from ..report import Severity
from . import (CONTEXT_OPTION, EACH_OPTION, FAIL_ON_OPTION, REGION_OPTION, LANG_OPTION, NO_COLOR_OPTION, OUTPUT_HELP, FailOn, Lang, _configured,
               app, fail, rules_option, show)
from .output import emit, is_stdout, pick_format
from .terminal import colour_wanted, progress, severity_style


class Format(str, Enum):
    text = "text"
    json = "json"
    turtle = "turtle"
    junit = "junit"
    markdown = "markdown"
    sarif = "sarif"
    github = "github"


def _ack_path(value: str | None) -> Path | None:
    return Path(value) if value else None


@app.command()
def validate(
    model: list[Path] = typer.Argument(..., metavar="MODEL",
                                       help="Model files (.ttl, .nt, .jsonld, .xlsx, .yaml): a scenario or a proposal."),
    rules: list[str] = rules_option("Rule set (e.g. dk-2022-law) or rule file; repeatable; all its rules apply."),
    as_of: str = typer.Option(None, "--as-of", metavar="DATE",
                              help="Check the model as of this date (1.10.2022 or 2022-10-01). "
                                   "Default: the scenario's effective date, else today."),
    lang: Lang = LANG_OPTION,
    fmt: Format = typer.Option(None, "--format", "-f", metavar="FORMAT",
                               help="text, json, markdown, junit, turtle (SHACL report), sarif or github "
                                    "(annotations). Default: text, or the -o file's type (.txt .json .md .xml "
                                    ".ttl .sarif)."),
    fail_on: FailOn = FAIL_ON_OPTION,
    out: Path = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
    acknowledgements: Path = typer.Option(
        None, "--acknowledgements", "-a", metavar="FILE", callback=_configured("acknowledgements", _ack_path),
        help="A TOML file of standing findings the steering group accepted: they are listed, not failed "
             "(default: GOVGRAPH_ACKNOWLEDGEMENTS or the config file)."),
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
    each: bool = EACH_OPTION,
    region: str = REGION_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Check a proposal against the rules in force on its date: which rule from which source is
    broken, in which body, and where in the file to fix it. Several proposals at once (--each, or a
    folder): findings per body, grouped by region, and a table per region. Exit 0 conforms, 1 findings
    at or above --fail-on, 2 input or usage error.

    Example: govgraph validate data/scenarios/nordjylland-2022.ttl --lang da
    """
    from ..acknowledge import acknowledge, read_acknowledgements
    from ..batch import models_of, validate_many
    from ..render.findings_formats import SUFFIXES, Options, render

    threshold = Severity(fail_on.value)
    try:
        kind = pick_format(SUFFIXES, fmt.value if fmt else None, out, "text")
        day = parse_day(as_of, "--as-of") if as_of else None
        acks = read_acknowledgements(acknowledgements) if acknowledgements else ()
        with progress("Validating…" if lang is Lang.en else "Kontrollerer…"):
            report = validate_many(models_of(model, each), reference=reference, context=context or (), as_of=day,
                                   rules=list(rules or ()), region=region)
        report, acknowledged = acknowledge(report, acks, dt.date.today())
        style = severity_style(kind == "text" and is_stdout(out) and colour_wanted(no_color=no_color))
        emit(render(report, kind, Options(lang.value, threshold, acknowledged, style)), out, colour=style is not None)
    except GovgraphError as error:
        fail(error, lang)
        return
    raise typer.Exit(1 if report.fails(threshold) else 0)


@app.command("rules")
def rules_command(
    as_of: str = typer.Option(None, "--as-of", metavar="DATE",
                              help="List only the rules in force on this date (1.10.2022 or 2022-10-01)."),
    lang: Lang = LANG_OPTION,
) -> None:
    """List the rule catalogue: id, layer, source, dates and a one-line title of every rule.

    Example: govgraph rules --as-of 2022-10-01 --lang da
    """
    from ..render.rules import render_catalogue
    from ..rules import load_catalogue

    try:
        day = parse_day(as_of, "--as-of") if as_of else None
        catalogue = load_catalogue()
    except GovgraphError as error:
        fail(error, lang)
        return
    show(render_catalogue(catalogue, catalogue.select(day), lang.value, day))


@app.command()
def explain(
    rule_id: str = typer.Argument(..., metavar="RULE-ID", help="A rule id, e.g. DK22-LAW-PHC-MAYORS (see 'govgraph rules')."),
    lang: Lang = LANG_OPTION,
) -> None:
    """Explain one rule in full: title, message, layer, source with citation, dates, rule set,
    the shape's Turtle and its test fixtures.

    Example: govgraph explain DK22-LAW-PHC-MAYORS
    """
    from ..render.rules import render_explanation
    from ..rules import load_catalogue

    try:
        catalogue = load_catalogue()
        text = render_explanation(catalogue, catalogue.get(rule_id), lang.value)
    except GovgraphError as error:
        fail(error, lang)
        return
    show(text)
