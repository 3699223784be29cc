"""``govgraph template``: an empty proposal workbook to fill in by hand.

Every sheet with its headers in the chosen language, drop-down lists (roles,
sides, levels, offices, body types, tasks, municipalities and clusters,
bodies), filled example rows (``example.ttl``, written through the exporter so
they read back exactly) and a read-me sheet describing every column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

EXAMPLE = Path(__file__).resolve().parent / "example.ttl"


def example_graph() -> Graph:
    """The example rows as triples."""
    graph = Graph()
    graph.parse(EXAMPLE, format="turtle")
    return graph


def template(out: Path, lang: str = "en", base: Sequence[Path] = ()) -> None:
    """Write the template workbook to ``out``; ``base`` (``--context``) files add their bodies, municipalities,
    clusters, … to the drop-down lists, as the readers accept them."""
    from ..load import missing
    from .export import model_rows
    from .read import context_graph
    from .workbook import write_xlsx

    for path in base:
        if missing(path):
            from ..errors import InputError

            raise InputError(path, "no such file", "check the path given to --context",
                             da_what="filen findes ikke", da_hint="tjek stien givet til --context")
    from ..outfile import reading

    with reading(base):  # the workbook may not replace a --context file
        context = context_graph(base)
        rows = model_rows(example_graph(), context, lang)
        write_xlsx(out, rows.sheets, lang, context)
