"""``govgraph template``, ``govgraph import`` and ``govgraph export``: spreadsheets in and out."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail
from .output import emit, is_stdout


def _workbook_to(out: Path, write: Callable[[Path], None]) -> None:
    """Write a workbook to ``out``, or (``-o -``) to standard output by way of a temporary file."""
    if not is_stdout(out):
        write(out)
        return
    with tempfile.TemporaryDirectory(prefix="govgraph-") as folder:
        temp = Path(folder) / "out.xlsx"
        write(temp)
        emit(temp.read_bytes(), None)


def _suffix_error(out: Path, allowed: str, da_allowed: str) -> UsageError:
    return UsageError(f"-o {out}: cannot write a '{out.suffix}' file ({allowed}, or '-o -' to print)",
                      da=f"-o {out}: kan ikke skrive en '{out.suffix}'-fil ({da_allowed}, eller '-o -' for at udskrive)")


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
    out: Path = typer.Option(..., "--output", "-o", metavar="FILE",
                             help="The workbook to write (.xlsx); '-' writes it to standard output."),
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
        if not is_stdout(out) and out.suffix.lower() != ".xlsx":
            raise UsageError(f"-o {out}: the template is an .xlsx workbook (name it e.g. proposal.xlsx)",
                             da=f"-o {out}: skabelonen er en .xlsx-projektmappe (kald den fx forslag.xlsx)")
        _workbook_to(out, lambda path: write_template(path, lang.value, _with_base(context, base, lang)))
    except GovgraphError as error:
        fail(error, lang)


@app.command(name="import")
def import_(
    source: Path = typer.Argument(..., metavar="SOURCE", help="A workbook (.xlsx), a folder of CSV files or a YAML file."),
    out: Path = typer.Option(..., "--output", "-o", metavar="FILE",
                             help="The Turtle file to write (.ttl); '-' prints it."),
    context: list[Path] = CONTEXT_OPTION,
    base: list[Path] = BASE_OPTION,
    lang: Lang = LANG_OPTION,
) -> None:
    """Turn a spreadsheet (or CSV folder, or YAML) proposal into Turtle, after checking every cell.

    Example: govgraph import proposal.xlsx -o proposal.ttl
    """
    from ..sheets.convert import to_turtle
    from ..sheets.workbook import write_atomic

    try:
        if not is_stdout(out) and out.suffix.lower() not in (".ttl", ".turtle"):
            raise _suffix_error(out, "import writes Turtle: name it e.g. proposal.ttl",
                                "import skriver Turtle: kald den fx forslag.ttl")
        data = to_turtle(source, _with_base(context, base, lang))
        if is_stdout(out):
            emit(data.decode("utf-8"), None)
        else:
            write_atomic(out, data)
    except GovgraphError as error:
        fail(error, lang)


@app.command()
def export(
    model: list[Path] = typer.Argument(..., metavar="MODEL", help="Model files (.ttl, .xlsx, …)."),
    out: Path = typer.Option(..., "--output", "-o", metavar="FILE|FOLDER",
                             help="model.xlsx, a folder for CSV files (a name without suffix), or '-' for the "
                                  "workbook on standard output."),
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
        if not is_stdout(out) and out.suffix and out.suffix.lower() != ".xlsx" and not out.is_dir():
            raise _suffix_error(out, "use .xlsx for a workbook or a folder name without suffix for CSV files",
                                "brug .xlsx til en projektmappe eller et mappenavn uden endelse til CSV-filer")
        _workbook_to(out, lambda path: write_export(model, path, lang.value, reference, context or ()))
    except GovgraphError as error:
        fail(error, lang)
