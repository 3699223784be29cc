"""The thin command line: every command parses options, calls the library, prints.

Exit codes: 0 conforms / done, 1 findings at or above ``--fail-on``,
2 usage or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import sys
from enum import Enum

import typer

from ..errors import GovgraphError

app = typer.Typer(
    name="govgraph",
    help="Governance rules on a knowledge graph: validate, draw, diff and compare organizations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(str, Enum):
    da = "da"
    en = "en"


def _default_lang() -> Lang:
    from ..language import default_lang

    return Lang(default_lang())


LANG_OPTION = typer.Option(..., "--lang", "-l", default_factory=_default_lang,
                           show_default=False,
                           help="Language of the output: da or en (default: GOVGRAPH_LANG, else the config file, "
                                "else a Danish locale (LANG=da_DK…) gives da, else en).")
CONTEXT_OPTION = typer.Option(
    None, "--context", metavar="FILE",
    help="Reference data of your own loaded as context, not as part of the model (e.g. another region's "
         "municipalities and clusters); repeatable.")


def fail(error: GovgraphError, lang: Lang | str = "en") -> None:
    """Print one clear line (in ``lang``, Danish or English) and exit 2."""
    typer.echo(f"govgraph: {error.text(getattr(lang, 'value', lang))}", err=True)
    raise typer.Exit(2)


# Importing the command modules registers their commands on ``app``.
from . import info_lint  # noqa: E402,F401
from . import compare  # noqa: E402,F401
from . import diff  # noqa: E402,F401
from . import draw  # noqa: E402,F401
from . import validate  # noqa: E402,F401
from . import sheets  # noqa: E402,F401
from . import paper  # noqa: E402,F401
from . import serve  # noqa: E402,F401


def main() -> None:
    """Console entry point."""
    try:
        app()
    except GovgraphError as error:  # pragma: no cover - commands catch their own
        typer.echo(f"govgraph: {error}", err=True)
        sys.exit(2)
