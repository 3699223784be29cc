"""``govgraph template``, ``govgraph import`` and ``govgraph export``: spreadsheets in and out."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail

#: ``--base`` was these commands' name for ``--context``; it still works, with a note.
BASE_OPTION = typer.Option([], "--base", hidden=True, help="Deprecated: the old name of --context.")


def _with_base(context: list[Path] | None, base: list[Path], lang: Lang | str = "en") -> list[Path]:
    """``--context`` files, plus any given with the deprecated ``--base`` (saying so on stderr, in ``lang``)."""
    if base:
        note = ("govgraph: --base er forældet; brug --context (samme tilvalg som på alle andre kommandoer)"
                if getattr(lang, "value", lang) == "da" else
                "govgraph: --base is deprecated; use --context (the same option as on every other command)")
        typer.echo(note, err=True)
    return [*(context or ()), *base]


@app.command()
def template(
    out: Path = typer.Option(..., "--output", "-o", help="The workbook to write (.xlsx)."),
    lang: Lang = LANG_OPTION,
    context: list[Path] = CONTEXT_OPTION,
    base: list[Path] = BASE_OPTION,
) -> None:
    """Write an empty proposal workbook: a sheet per kind of thing, drop-down lists, an example row, a read-me.

    The drop-down lists offer, by label, what the readers accept: the vocabulary, the bundled reference data
    and the --context files (their bodies, municipalities, clusters, …).

    Example: govgraph template -o proposal.xlsx --lang da
    """
    from ..sheets.template import template as write_template

    try:
        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"-o {out}: the template is an .xlsx workbook (name it e.g. proposal.xlsx)",
                             da=f"-o {out}: skabelonen er en .xlsx-projektmappe (kald den fx forslag.xlsx)")
        write_template(out, lang.value, _with_base(context, base, lang))
    except GovgraphError as error:
        fail(error, lang)


@app.command(name="import")
def import_(
    source: Path = typer.Argument(..., help="A workbook (.xlsx), a folder of CSV files or a YAML file."),
    out: Path = typer.Option(..., "--output", "-o", help="The Turtle file to write."),
    context: list[Path] = CONTEXT_OPTION,
    base: list[Path] = BASE_OPTION,
    lang: Lang = typer.Option(Lang.en, "--lang", "-l", help="Language of the error message, if any: da or en."),
) -> None:
    """Turn a spreadsheet (or CSV folder, or YAML) proposal into Turtle, after checking every cell.

    Example: govgraph import proposal.xlsx -o proposal.ttl
    """
    from ..sheets.convert import to_turtle
    from ..sheets.workbook import write_atomic

    try:
        write_atomic(out, to_turtle(source, _with_base(context, base, lang)))
    except GovgraphError as error:
        fail(error, lang)


@app.command()
def export(
    model: list[Path] = typer.Argument(..., help="Model files (.ttl, .xlsx, …)."),
    out: Path = typer.Option(..., "--output", "-o", help="model.xlsx, or a folder for CSV files."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Write a model as the same spreadsheet the template gives (or as a folder of CSV files), losslessly.

    Example: govgraph export data/scenarios/nordjylland-2022.ttl -o nordjylland-2022.xlsx
    """
    from ..sheets.export import export as write_export

    try:
        write_export(model, out, lang.value, reference, context or ())
    except GovgraphError as error:
        fail(error, lang)
