"""Where a command's output goes (``-o FILE``, ``-o -`` or the terminal) and in which format.

Every command with ``-o`` takes its format from the file's suffix, so ``-o report.sarif`` writes SARIF
and ``compare -o table.csv`` writes CSV; a suffix the command cannot write stops it with exit 2 before
anything is written. ``-o -`` prints to standard output (in ``--format``, else the default).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import typer

from ..errors import UsageError
from ..outfile import write_atomic
from ..render.escape import terminal

STDOUT = "-"


def is_stdout(out: Path | None) -> bool:
    """No ``-o`` or ``-o -``: the output is printed."""
    return out is None or str(out) == STDOUT


def pick_format(suffixes: Mapping[str, str], fmt: str | None, out: Path | None, default: str) -> str:
    """The format: from ``out``'s suffix when it has one, else ``fmt``, else ``default``.

    An unknown suffix, or a suffix that disagrees with ``--format``, is a :class:`UsageError`.
    """
    if is_stdout(out) or not out.suffix:  # type: ignore[union-attr]
        return fmt or default
    suffix = out.suffix.lower()  # type: ignore[union-attr]
    known = ", ".join(sorted(suffixes))
    found = suffixes.get(suffix)
    if found is None:
        raise UsageError(f"-o {out}: cannot write a '{suffix}' file (use one of {known}, or '-o -' to print)",
                         da=f"-o {out}: kan ikke skrive en '{suffix}'-fil (brug en af {known}, eller '-o -' for at udskrive)")
    if fmt is not None and fmt != found:
        raise UsageError(f"-o {out} is a {found} file but --format is {fmt} (leave one out)",
                         da=f"-o {out} er en {found}-fil, men --format er {fmt} (udelad den ene)")
    return found


def emit(data: str | bytes, out: Path | None, *, bom: bool = False, colour: bool = False) -> None:
    """Print ``data`` (no ``-o`` or ``-o -``), or write it to ``out`` whole or not at all.

    ``bom``: start the file with a UTF-8 byte-order mark (CSV, so that Danish Excel reads UTF-8).
    ``colour``: the text holds colour codes meant for the terminal (decided by :mod:`.terminal`).
    """
    if isinstance(data, str):
        data = _escaped(data, colour)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if is_stdout(out):
        if isinstance(data, str):
            typer.echo(data, nl=False, color=True if colour else None)
        else:
            typer.echo(raw, nl=False)  # bytes go to the binary stream: a PNG or workbook can be piped
        return
    write_atomic(out, (b"\xef\xbb\xbf" if bom else b"") + raw)  # type: ignore[arg-type]


_OWN_COLOUR = re.compile(r"\\u001b(\[[0-9;]*m)")


def _escaped(text: str, colour: bool) -> str:
    """Text with every character a terminal acts on made visible (:func:`govgraph.render.escape.terminal`);
    with ``colour``, the colour codes (SGR, ``ESC[…m``) are let through: they only colour."""
    safe = terminal(text)
    return _OWN_COLOUR.sub(lambda m: "\x1b" + m.group(1), safe) if colour else safe
