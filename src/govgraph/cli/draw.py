"""``govgraph draw``: an org chart of a model."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from ..dates import parse_day
from ..load import load
from ..model import organization
from . import CONTEXT_OPTION, EACH_OPTION, LANG_OPTION, REGION_OPTION, Lang, app, fail
from .output import emit, is_stdout, pick_format
from .terminal import progress
from ..render.escape import terminal


class ChartFormat(str, Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    text = "text"


class Detail(str, Enum):
    summary = "summary"
    seats = "seats"
    members = "members"


SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".txt": "text"}


def chart_format(fmt: ChartFormat | None, output: Path | None) -> str:
    """--format if given (it may name a file however it likes), else the output's suffix, else text."""
    if fmt is not None:
        return fmt.value
    return pick_format(SUFFIXES, None, output, "text")


@app.command()
def draw(
    model: list[Path] = typer.Argument(..., metavar="MODEL",
                                       help="Model files (.ttl, .nt, .jsonld, .xlsx, .yaml): a scenario or a proposal."),
    output: Path = typer.Option(None, "--output", "-o", metavar="FILE",
                                help="File to write (format from its suffix: .svg .png .pdf .dot .txt); '-' or none "
                                     "prints (text, or --format)."),
    fmt: ChartFormat = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                    help="svg, png, pdf, dot or text (an indented listing)."),
    as_of: str = typer.Option(None, "--as-of", metavar="DATE",
                              help="Draw the bodies in force on this date, 1.10.2022 or 2022-10-01 (default: the scenario's)."),
    focus: str = typer.Option(None, "--focus", metavar="BODY",
                              help="Draw only the bodies around this one (label, IRI or local name)."),
    depth: int = typer.Option(None, "--depth", metavar="N",
                              help="With --focus: how many reporting or advisory lines away (default 1)."),
    detail: Detail = typer.Option(Detail.summary, "--detail", "-d", metavar="summary|seats|members",
                                  help="summary (seat counts by side), seats (the seat list) or members (the people)."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
    per_area: bool = typer.Option(False, "--per-area",
                                  help="One chart per area (cluster, council area) into the folder -o DIR, "
                                       "with an index.md; format from --format (default svg)."),
    each: bool = EACH_OPTION,
    region: str = REGION_OPTION,
) -> None:
    """Draw the org chart of a model: bodies as boxes, reporting lines solid, advisory lines dashed.
    With --per-area, one chart per area of one or many models (--each, or a folder) into a folder.

    Example: govgraph draw data/scenarios/nordjylland-2022.ttl -o chart.svg
    """
    from ..render import (
        chart,  # imported here: networkx and graphviz would slow every other command's start
    )

    from ..batch import is_folder_of_models

    if per_area or each or region or any(is_folder_of_models(p) for p in model):
        _draw_per_area(model, output, fmt, as_of, focus, detail, lang, reference, context, each, region, per_area)
        return
    try:
        kind = chart_format(fmt, output)
        if output is None and kind in chart.PICTURE_FORMATS:  # '-o -' pipes a picture on purpose
            raise UsageError(f"--format {kind} writes a picture: give -o FILE (or -o - to pipe it)",
                             da=f"--format {kind} skriver et billede: angiv -o FIL (eller -o - for at sende det videre)")
        day = parse_day(as_of, "--as-of") if as_of else None
        with progress("Drawing…" if lang is Lang.en else "Tegner…"):
            org = organization(load(model, reference=reference, context=context or ()))
            data = chart.draw(org, kind, day=day, focus=focus, depth=depth, lang=lang.value, detail=detail.value)
        if kind == "text":
            data = terminal(data.decode("utf-8")).encode("utf-8")
        if is_stdout(output) and kind in ("text", "dot", "svg"):
            sys.stdout.write(data.decode("utf-8"))
        else:
            emit(data, output)
    except GovgraphError as error:
        fail(error, lang)



def _draw_per_area(model: list[Path], output: Path | None, fmt: ChartFormat | None, as_of: str | None,
                   focus: str | None, detail: Detail, lang: Lang, reference: bool, context: list[Path],
                   each: bool, region: str | None, per_area: bool) -> None:
    """``draw --per-area -o DIR``: every area's chart of every model, written all or none."""
    from ..batch import model_name, models_of
    from ..outfile import write_folder
    from ..regions import resolve_region
    from ..render.chart.each import area_charts

    try:
        if not per_area:
            raise UsageError("several models (--each, --region or a folder) are drawn one chart per area: "
                             "add --per-area -o FOLDER",
                             da="flere modeller (--each, --region eller en mappe) tegnes ét diagram pr. område: "
                                "tilføj --per-area -o MAPPE")
        if focus:
            raise UsageError("--focus draws one chart around one body; --per-area draws every area: give one of them",
                             da="--focus tegner ét diagram om ét organ; --per-area tegner alle områder: angiv kun én")
        if output is None or is_stdout(output) or (output.suffix and not output.is_dir()):
            raise UsageError("--per-area writes one file per area: give -o FOLDER (a folder name without suffix)",
                             da="--per-area skriver én fil pr. område: angiv -o MAPPE (et mappenavn uden endelse)")
        day = parse_day(as_of, "--as-of") if as_of else None
        with progress("Drawing…" if lang is Lang.en else "Tegner…"):
            loaded = [(model_name(files), organization(load(files, reference=reference, context=context or ())))
                      for files in models_of(model, each)]
            wanted = resolve_region([org.graph for _, org in loaded], region) if region else None
            _charts, files = area_charts(loaded, fmt.value if fmt else "svg", day=day, lang=lang.value,
                                         detail=detail.value, region=wanted)
        write_folder(output, files)
        typer.echo(f"{output}: {len(files) - 1} " + ("diagrammer og index.md" if lang is Lang.da else "charts and index.md"),
                   err=True)
    except GovgraphError as error:
        fail(error, lang)

