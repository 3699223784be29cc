"""What only a terminal gets: a progress display on slow work, and colour.

Both are off when the stream is not a terminal (a pipe, a file, CI logs, the test runner), so
redirected output stays plain and byte-identical. Colour is also off under ``NO_COLOR``
(https://no-color.org: any non-empty value) and with ``--no-color``.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

import typer

from ..report import Severity
from . import COLOUR

#: Work shorter than this shows no progress at all (no flicker on fast commands).
DELAY = 1.0
_COLOURS = {Severity.VIOLATION: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def colour_wanted(stream: TextIO | None = None, no_color: bool = False) -> bool:
    """Colour on ``stream`` (default stdout): a terminal, no ``NO_COLOR``, no ``--no-color``."""
    if no_color or COLOUR["off"] or os.environ.get("NO_COLOR"):
        return False
    return is_terminal(stream or sys.stdout)


def severity_style(wanted: bool) -> Callable[[Severity, str], str] | None:
    """A styler for severity words (red, yellow, cyan, bold), or None for plain text."""
    if not wanted:
        return None
    return lambda severity, text: typer.style(text, fg=_COLOURS[severity], bold=severity is Severity.VIOLATION)


@contextmanager
def progress(message: str, stream: TextIO | None = None, delay: float = DELAY) -> Iterator[None]:
    """A spinner with ``message`` on stderr while the block runs, shown only after ``delay`` seconds
    and only on a terminal; it disappears when the work is done."""
    out = stream or sys.stderr
    if not is_terminal(out):
        yield
        return
    from rich.console import Console

    console = Console(file=out, no_color=bool(COLOUR["off"] or os.environ.get("NO_COLOR")))
    status = console.status(message)
    lock = threading.Lock()
    state = {"done": False}

    def show() -> None:
        with lock:
            if not state["done"]:
                status.start()

    timer = threading.Timer(delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            status.stop()
