"""``govgraph draw``: an org chart of a model."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..errors import GovgraphError, UsageError
from ..load import load, parse_date
from ..model import organization
from ..outfile import write_atomic
from ..render.escape import terminal
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail, show


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
    """--format if given, else the output's suffix, else text on the terminal."""
    if fmt is not None:
        return fmt.value
    if output is None:
        return "text"
    found = SUFFIXES.get(output.suffix.lower())
    if found is None:
        known = ", ".join(sorted(SUFFIXES))
        raise UsageError(f"cannot tell the format from -o {output} (use a suffix {known} or give --format)",
                         da=f"kan ikke se formatet af -o {output} (brug en endelse {known} eller angiv --format)")
    return found


@app.command()
def draw(
    model: list[Path] = typer.Argument(..., help="Model files (.ttl, .nt, .jsonld): a scenario or a proposal."),
    output: Path = typer.Option(None, "--output", "-o",
                                help="File to write (format from its suffix); without it, text or DOT is printed."),
    fmt: ChartFormat = typer.Option(None, "--format", "-f", help="svg, png, pdf, dot or text (an indented listing)."),
    as_of: str = typer.Option(None, "--as-of", help="Draw the bodies in force on this date (default: the scenario's)."),
    focus: str = typer.Option(None, "--focus", help="Draw only the bodies around this one (label, IRI or local name)."),
    depth: int = typer.Option(None, "--depth", help="With --focus: how many reporting or advisory lines away (default 1)."),
    detail: Detail = typer.Option(Detail.summary, "--detail", "-d",
                                  help="summary (seat counts by side), seats (the seat list) or members (the people)."),
    lang: Lang = LANG_OPTION,
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled North Jutland reference data as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Draw the org chart of a model: bodies as boxes, reporting lines solid, advisory lines dashed.

    Example: govgraph draw data/scenarios/nordjylland-2022.ttl -o chart.svg
    """
    from ..render import (
        chart,  # imported here: networkx and graphviz would slow every other command's start
    )

    try:
        kind = chart_format(fmt, output)
        if output is None and kind in chart.PICTURE_FORMATS:
            raise UsageError(f"--format {kind} writes a picture: give -o FILE",
                             da=f"--format {kind} skriver et billede: angiv -o FIL")
        day = parse_date(as_of, "--as-of") if as_of else None
        org = organization(load(model, reference=reference, context=context or ()))
        data = chart.draw(org, kind, day=day, focus=focus, depth=depth, lang=lang.value, detail=detail.value)
        if kind == "text":
            data = terminal(data.decode("utf-8")).encode("utf-8")
        if output is None:
            show(data.decode("utf-8"))
        else:
            write_atomic(output, data)
    except GovgraphError as error:
        fail(error, lang)
