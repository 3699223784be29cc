"""``govgraph diff OLD NEW``: what changed between two organizations, as text, a table or a diagram."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..diff import diff as diff_orgs
from ..errors import GovgraphError
from ..dates import parse_day
from ..load import load
from ..model import organization
from . import CONTEXT_OPTION, LANG_OPTION, Lang, app, fail
from .output import emit, pick_format
from .terminal import progress
from ..render.escape import terminal


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


#: Output suffix → format; the picture formats are drawn by graphviz.
SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".json": "json", ".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot"}


def _format(fmt: DiffFormat | None, output: Path | None) -> str:
    return pick_format(SUFFIXES, fmt.value if fmt else None, output, "text")


@app.command()
def diff(
    old: Path = typer.Argument(..., metavar="OLD", help="The old model (.ttl, .nt, .jsonld, .xlsx, .yaml)."),
    new: Path = typer.Argument(..., metavar="NEW", help="The new model."),
    fmt: DiffFormat = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                   help="text, markdown, html or json (default: text, or the -o file's type)."),
    output: Path = typer.Option(None, "--output", "-o", metavar="FILE",
                                help="Write to a file: .txt .md .html .json, or a diagram .svg .png .dot; '-' prints."),
    lang: Lang = LANG_OPTION,
    as_of_old: str = typer.Option(None, "--as-of-old", metavar="DATE",
                                  help="Read the old model on this date (1.10.2022 or 2022-10-01): bodies and seats in force."),
    as_of_new: str = typer.Option(None, "--as-of-new", metavar="DATE",
                                  help="Read the new model on this date (1.10.2022 or 2022-10-01)."),
    also_old: list[Path] = typer.Option([], "--also-old", metavar="FILE",
                                        help="Another file of the old model (repeat as needed)."),
    also_new: list[Path] = typer.Option([], "--also-new", metavar="FILE",
                                        help="Another file of the new model (repeat as needed)."),
    by_kind: bool = typer.Option(False, "--by-kind", help="Fold pairs of the same kinds into one table row, as minute 001 does."),
    focus: str = typer.Option(None, "--focus", help="Keep to one body or area (a cluster): its label, IRI or local name; "
                                                    "other bodies are left out, not listed as abolished or added."),
    reference: bool = typer.Option(True, "--reference/--no-reference",
                                   help="Load the bundled reference data (Denmark, North Jutland) as context."),
    context: list[Path] = CONTEXT_OPTION,
) -> None:
    """Compare two organizations: bodies paired through their change events, then by identity; seats, chairs,
    voting and observer seats, tasks kept/added/dropped/moved, reporting lines; tasks no body holds in the
    hand-over. Exit 0 (also when there are changes), 2 on bad input.

    Example: govgraph diff data/scenarios/nordjylland-2021.ttl data/scenarios/nordjylland-2022.ttl -f markdown --lang da
    """
    try:
        kind = _format(fmt, output)
        days = (parse_day(as_of_old, "--as-of-old") if as_of_old else None,
                parse_day(as_of_new, "--as-of-new") if as_of_new else None)
        with progress("Reading the models…" if lang is Lang.en else "Læser modellerne…"):
            # Two models at once: Oxigraph's transactional loader keeps the peak lower than its bulk loader.
            before = organization(load([old, *also_old], reference=reference, context=context or (), low_memory=True))
            after = organization(load([new, *also_new], reference=reference, context=context or (), low_memory=True))
        result = diff_orgs(before, after, old_day=days[0], new_day=days[1])
        if focus:
            from ..focus import focused

            result = focused(result, before, after, focus)
        language = lang.value
        from ..render import diff_svg  # graphviz and the renderers: only when diff runs
        from ..render.diff_table import to_html, to_markdown
        from ..render.diff_text import to_json, to_text
        if kind in ("svg", "png", "dot"):
            data = diff_svg.render(result, before, after, kind, language, days)
        elif kind == "html":
            svg = diff_svg.render(result, before, after, "svg", language, days).decode("utf-8")
            data = to_html(result, before, after, svg, language, by_kind=by_kind, days=days).encode("utf-8")
        elif kind == "markdown":
            data = to_markdown(result, before, after, language, by_kind=by_kind, days=days).encode("utf-8")
        elif kind == "json":
            data = to_json(result, before, after, language).encode("utf-8")
        else:
            data = to_text(result, before, after, language).encode("utf-8")
        if kind in ("text", "markdown", "json", "html"):
            data = terminal(data.decode("utf-8")).encode("utf-8")
        emit(data if kind in ("png",) else data.decode("utf-8"), output)
    except GovgraphError as error:
        fail(error, lang)
