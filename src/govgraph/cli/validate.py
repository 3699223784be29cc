"""``govgraph validate``, ``govgraph rules`` and ``govgraph explain``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import GovgraphError
from ..load import load, parse_date
from ..outfile import write_atomic
from ..render.escape import terminal
from ..report import Severity
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail, show

if TYPE_CHECKING:  # for the annotation only: the command imports the engine when it runs
    from ..validate import ValidationReport


class Format(str, Enum):
    text = "text"
    json = "json"
    turtle = "turtle"
    junit = "junit"
    markdown = "markdown"


class FailOn(str, Enum):
    violation = "violation"
    warning = "warning"
    info = "info"


def write_output(text: str, out: Path | None) -> None:
    """Print, or write ``out`` atomically (a temp file in the same folder, then rename)."""
    if out is None:
        show(text)
        return
    write_atomic(out, terminal(text).encode("utf-8"))


@app.command()
def validate(
    model: list[Path] = typer.Argument(..., help="Model files (.ttl, .nt, .jsonld): a scenario or a proposal."),
    rules: list[str] = typer.Option(None, "--rules", "-r",
                                    help="Rule set (e.g. dk-2022-law) or rule file; repeatable. "
                                         "Default: every rule in force on the date."),
    as_of: str = typer.Option(None, "--as-of", help="Check the model as of this date (YYYY-MM-DD). "
                                                    "Default: the scenario's effective date, else today."),
    lang: Lang = LANG_OPTION,
    fmt: Format = typer.Option(Format.text, "--format", "-f",
                               help="text, json, turtle (SHACL report), junit or markdown."),
    fail_on: FailOn = typer.Option(FailOn.violation, "--fail-on",
                                   help="Exit 1 when there is a finding of this severity or worse."),
    out: Path = typer.Option(None, "--output", "-o", help="Write the report to this file instead of printing it."),
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled North Jutland reference data as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Check a proposal against the rules in force on its date: which rule from which source is
    broken, in which body, and where in the file to fix it. Exit 0 conforms, 1 findings at or above
    --fail-on, 2 input or usage error.

    Example: govgraph validate data/scenarios/nordjylland-2022.ttl --lang da
    """
    from ..validate import validate as run_validation

    threshold = Severity(fail_on.value)
    try:
        day = parse_date(as_of, "--as-of") if as_of else None
        report = run_validation(load(model, reference=reference, context=context or ()), as_of=day, rules=list(rules or ()))
        write_output(_render(report, fmt, lang.value, threshold), out)
    except GovgraphError as error:
        fail(error, lang)
        return
    raise typer.Exit(1 if report.fails(threshold) else 0)


def _render(report: ValidationReport, fmt: Format, lang: str, threshold: Severity) -> str:
    from ..render import findings as text

    checked = text.checked_words(report, lang)
    if fmt is Format.json:
        return text.render_findings_json(report, lang, as_of=report.as_of.isoformat() if report.as_of else None,
                                         rules=list(report.rules))
    if fmt is Format.markdown:
        return text.render_findings_markdown(report, lang)
    if fmt is Format.junit:
        from ..render.junit import render_findings_junit

        return render_findings_junit(report, lang, threshold)
    if fmt is Format.turtle:
        from ..render.shacl_report import render_findings_turtle

        return render_findings_turtle(report)
    return text.render_findings_text(report, lang, summary=checked)


@app.command("rules")
def rules_command(
    as_of: str = typer.Option(None, "--as-of", help="List only the rules in force on this date (YYYY-MM-DD)."),
    lang: Lang = LANG_OPTION,
) -> None:
    """List the rule catalogue: id, layer, source, dates and a one-line title of every rule.

    Example: govgraph rules --as-of 2022-10-01 --lang da
    """
    from ..render.rules import render_catalogue
    from ..rules import load_catalogue

    try:
        day = parse_date(as_of, "--as-of") if as_of else None
        catalogue = load_catalogue()
    except GovgraphError as error:
        fail(error, lang)
        return
    show(render_catalogue(catalogue, catalogue.select(day), lang.value, day))


@app.command()
def explain(
    rule_id: str = typer.Argument(..., help="A rule id, e.g. DK22-LAW-PHC-MAYORS (see 'govgraph rules')."),
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
