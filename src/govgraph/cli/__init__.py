"""The thin command line: every command parses options, calls the library, prints.

Exit codes: 0 conforms / done, 1 findings at or above ``--fail-on``,
2 usage or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import signal
import sys
from enum import Enum

import typer

from .. import netguard, outfile
from ..errors import GovgraphError
from ..render.escape import terminal

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


LANG_OPTION = typer.Option(Lang.en, "--lang", "-l", help="Language of the output: da or en.")
CONTEXT_OPTION = typer.Option(
    None, "--context", metavar="FILE",
    help="Reference data of your own loaded as context, not as part of the model (e.g. another region's "
         "municipalities and clusters); repeatable.")


def show(text: str) -> None:
    """Print a command's output; characters a terminal would act on (escape sequences in a label)
    come out as visible ``\\uXXXX`` escapes (:func:`govgraph.render.escape.terminal`)."""
    typer.echo(terminal(text), nl=False)


@app.callback()
def _every_command(ctx: typer.Context) -> None:
    """Governance rules on a knowledge graph: validate, draw, diff and compare organizations."""
    # Every command runs off the network, and no output may replace a file it read.
    ctx.with_resource(netguard.guard())
    ctx.with_resource(outfile.reading())


def fail(error: GovgraphError, lang: Lang | str = "en") -> None:
    """Print one clear line (in ``lang``, Danish or English) and exit 2."""
    typer.echo(terminal(f"govgraph: {error.text(getattr(lang, 'value', lang))}"), err=True)
    raise typer.Exit(2)


# Importing the command modules registers their commands on ``app``.
from . import (
    compare,  # noqa: E402,F401
    diff,  # noqa: E402,F401
    draw,  # noqa: E402,F401
    info_lint,  # noqa: E402,F401
    sheets,  # noqa: E402,F401
    validate,  # noqa: E402,F401
)


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: a BaseException of our own, so that click does not turn it into "Aborted!"
    and library code that catches Exception does not swallow it. ``code`` is 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


_STOPPED = {"en": "govgraph: stopped by {name}; no output file was left half-written", "da":
            "govgraph: afbrudt af {name}; ingen uddatafil blev efterladt halvt skrevet"}


def _lang(argv: list[str]) -> str:
    for index, arg in enumerate(argv):
        if arg in ("--lang", "-l") and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "en"


def main() -> None:
    """Console entry point. Ctrl-C exits 130 and SIGTERM 143, with one line: output files are written
    whole or not at all (:mod:`govgraph.outfile`), so an interrupted command leaves none half-written."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        app()
    except Stopped as stop:
        # From here on a second Ctrl-C must not print a traceback either.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        name = "Ctrl-C" if stop.code == 128 + signal.SIGINT else "SIGTERM"
        sys.stderr.write(_STOPPED.get(_lang(sys.argv[1:]), _STOPPED["en"]).format(name=name) + "\n")
        sys.stderr.flush()
        sys.exit(stop.code)
    except GovgraphError as error:  # pragma: no cover - commands catch their own
        typer.echo(terminal(f"govgraph: {error}"), err=True)
        sys.exit(2)
