"""``govgraph report``: a meeting paper (HTML, Word or PDF) in one command."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from ..load import Model, load, parse_date
from ..outfile import write_all
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail


def paper_kind(output: Path, inputs: list[Path]) -> str:
    """The format from ``-o``'s suffix; refuse a folder, an input file or an unknown suffix."""
    from ..paper import SUFFIXES

    if output.is_dir():
        raise UsageError(f"-o {output} is a folder: name a file such as {output / 'paper.html'}",
                         da=f"-o {output} er en mappe: angiv en fil som {output / 'mødesag.html'}")
    target = output.resolve()
    for given in inputs:
        if Path(given).resolve() == target:
            raise UsageError(f"-o {output} is one of the input files: choose another name (the input is never "
                             "overwritten)",
                             da=f"-o {output} er en af inputfilerne: vælg et andet navn (input overskrives aldrig)")
    kind = SUFFIXES.get(output.suffix.lower())
    if kind is None:
        raise UsageError(f"-o {output}: a paper is .html, .docx or .pdf",
                         da=f"-o {output}: en mødesag er .html, .docx eller .pdf")
    return kind


@app.command("report")
def report_command(
    model: list[Path] = typer.Argument(..., help="Model files: the proposal (.ttl, .xlsx, .yaml, …)."),
    output: Path = typer.Option(..., "--output", "-o", help="The paper to write: .html, .docx or .pdf."),
    baseline: Path = typer.Option(None, "--baseline", "-b",
                                  help="The current organization: adds minute 001's old-versus-new table."),
    variants: list[Path] = typer.Option(None, "--compare", "-c",
                                        help="Another proposal to compare with (repeatable): adds the comparison "
                                             "table, each figure's change from MODEL."),
    focus: str = typer.Option(None, "--focus", help="Keep the old-versus-new table to one body or area (a cluster)."),
    as_of: str = typer.Option(None, "--as-of", help="Check and draw the model as of this date (default: its own)."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled North Jutland reference data as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Write a meeting paper: a summary, the findings by body with where to fix them, an org chart per
    cluster or area sized for A4 (a region overview on A3 landscape), the old-versus-new table against
    --baseline and the comparison with --compare. Exit 0 written, 2 input or usage error (nothing written).

    Example: govgraph report data/scenarios/nordjylland-2022.ttl --baseline data/scenarios/nordjylland-2021.ttl -o paper.pdf
    """
    try:
        inputs = [*model, *([baseline] if baseline else []), *(variants or []), *(context or [])]
        kind = paper_kind(output, inputs)
        from ..paper import build, write

        day = parse_date(as_of, "--as-of") if as_of else None
        def read(paths: list[Path]) -> Model:
            return load(paths, reference=reference, context=context or ())

        paper = build(read(model), lang=lang.value, as_of=day, baseline=read([baseline]) if baseline else None,
                      variants=[read([v]) for v in variants or ()], focus=focus)
        write_all({output: write(paper, kind)})
    except GovgraphError as error:
        fail(error, lang)
