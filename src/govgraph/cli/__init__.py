"""The thin command line: every command parses options, calls the library, prints.

Exit codes: 0 conforms / done, 1 findings at or above ``--fail-on``,
2 usage or input error (one line on stderr, never a traceback).

Defaults for ``--lang``, ``--rules``, ``--context``, ``--fail-on`` and ``--acknowledgements`` come
from ``GOVGRAPH_*`` variables or the config file (:mod:`govgraph.config`) when the option is not given.
"""

from __future__ import annotations

import re
import signal
import sys
from enum import Enum
from pathlib import Path

import typer
import typer.core

from .. import __version__, netguard, outfile
from ..config import setting
from ..errors import GovgraphError
from ..render.escape import terminal as escape_terminal
from .output import emit

_TYPE_LABEL = re.compile(r" <[^<>\s]+>(?=\s|$)")


class PlainHelpCommand(typer.core.TyperCommand):
    """Help without Python type labels: ``MODEL`` rather than ``MODEL <list[Path]>`` (options name theirs
    with a metavar such as ``FILE`` or ``DATE``; typer prints a type beside every argument)."""

    def format_help(self, ctx, formatter) -> None:  # noqa: ANN001 - typer's context and formatter
        plain = ctx.make_formatter()
        super().format_help(ctx, plain)
        formatter.write(_TYPE_LABEL.sub(lambda m: " " * len(m.group(0)), plain.getvalue()))


class GovgraphApp(typer.Typer):
    """Every command gets :class:`PlainHelpCommand`."""

    def command(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        kwargs.setdefault("cls", PlainHelpCommand)
        return super().command(*args, **kwargs)


app = GovgraphApp(
    name="govgraph",
    help="Governance rules on a knowledge graph: validate, draw, diff and compare organizations.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    da = "da"
    en = "en"


class FailOn(str, Enum):
    violation = "violation"
    warning = "warning"
    info = "info"


#: Set by ``--no-color`` (before the command, or on a command that colours its output).
COLOUR = {"off": False}


def _error_lang(ctx: typer.Context) -> str:
    """The language to complain in while options are still being read: --lang if already read, else English."""
    lang = ctx.params.get("lang")
    return getattr(lang, "value", lang) or "en"


def _configured(name: str, convert=lambda value: value):  # noqa: ANN001, ANN202 - a click callback
    """A callback that fills an option the command line left out from the environment or config file."""

    def callback(ctx, _param, value):  # noqa: ANN001, ANN202 - typer passes them by position
        if ctx.resilient_parsing:  # shell completion: no files read, no errors
            return value
        given = getattr(value, "value", value)
        try:
            found, _origin = setting(name, tuple(given) if isinstance(given, (list, tuple)) else given)
        except GovgraphError as error:
            typer.echo(f"govgraph: {error.text(_error_lang(ctx) if name != 'lang' else 'en')}", err=True)
            raise typer.Exit(2) from None
        return convert(found)

    return callback


def _paths(values: tuple[str, ...] | None) -> list[Path]:
    return [Path(v) for v in values or ()]


LANG_OPTION = typer.Option(
    None, "--lang", "-l", metavar="da|en", callback=_configured("lang", Lang),
    help="Language of the output: da or en (default: GOVGRAPH_LANG, else the config file, else a Danish "
         "locale (LANG=da_DK…) gives da, else en).")
CONTEXT_OPTION = typer.Option(
    None, "--context", metavar="FILE", callback=_configured("context", _paths),
    help="Reference data of your own loaded as context, not as part of the model (e.g. another region's "
         "municipalities and clusters); repeatable. Default: GOVGRAPH_CONTEXT or the config file.")
RULES_HELP = "Default: GOVGRAPH_RULES or the config file, else every rule in force on the date."
FAIL_ON_OPTION = typer.Option(
    None, "--fail-on", metavar="violation|warning|info", callback=_configured("fail-on", FailOn),
    help="Exit 1 when there is a finding of this severity or worse (default: GOVGRAPH_FAIL_ON, "
         "the config file, else violation).")
EACH_OPTION = typer.Option(
    False, "--each", help="Each file is a model of its own, reported per body and region (naming a folder as "
                          "MODEL means this too: every model file in it is one model).")
REGION_OPTION = typer.Option(
    None, "--region", metavar="NAME",
    help="Only the bodies of this region (\"Midtjylland\", \"Region Nordjylland\", an IRI); a body's region "
         "is its area's.")
NO_COLOR_OPTION = typer.Option(False, "--no-color", help="No colour in the output (also: the NO_COLOR variable).")
OUTPUT_HELP = "Write to this file (its suffix picks the format) instead of printing; '-' prints."


def rules_option(help_text: str):  # noqa: ANN201 - a typer OptionInfo
    """``--rules SET|FILE`` (repeatable), defaulting from the environment or config file."""
    return typer.Option(None, "--rules", "-r", metavar="SET|FILE", callback=_configured("rules", list),
                        help=f"{help_text} {RULES_HELP}")


def show(text: str) -> None:
    """Print a command's output; characters a terminal would act on (escape sequences in a label)
    come out as visible ``\\uXXXX`` escapes (:func:`.output.emit`, which every printed output shares)."""
    emit(text, None)


def fail(error: GovgraphError, lang: Lang | str | None = "en") -> None:
    """Print one clear line (in ``lang``, Danish or English) and exit 2."""
    typer.echo(escape_terminal(f"govgraph: {error.text(getattr(lang, 'value', lang) or 'en')}"), err=True)
    raise typer.Exit(2)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"govgraph {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_show_version,
                                 help="Show govgraph's version and exit."),
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Governance rules on a knowledge graph: validate, draw, diff and compare organizations.

    Defaults come from GOVGRAPH_* variables and govgraph.toml (see 'govgraph config').
    """
    COLOUR["off"] = no_color
    # Every command runs off the network, and no output may replace a file it read. `serve` listens on
    # loopback, so only its loading and checking run guarded (load() and validate() guard themselves).
    if ctx.invoked_subcommand != "serve":
        ctx.with_resource(netguard.guard())
    ctx.with_resource(outfile.reading())


# Importing the command modules registers their commands on ``app``.
from . import info_lint  # noqa: E402,F401
from . import compare  # noqa: E402,F401
from . import diff  # noqa: E402,F401
from . import draw  # noqa: E402,F401
from . import validate  # noqa: E402,F401
from . import sheets  # noqa: E402,F401
from . import config_verify  # noqa: E402,F401
from . import paper  # noqa: E402,F401
from . import serve  # noqa: E402,F401


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
        typer.echo(escape_terminal(f"govgraph: {error}"), err=True)
        sys.exit(2)
