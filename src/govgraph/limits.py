"""Input limits: how much govgraph reads before it stops with one clear line.

Files come from many hands, and a hostile one must not hang the process or eat its memory:
a zip bomb disguised as a workbook, YAML billion laughs, 200,000 rows, a 16 MiB literal.
Every cap lives here, in one frozen dataclass with defaults well above any real proposal
(a whole region is about 5,000 triples), overridable

* by an environment variable ``GOVGRAPH_MAX_<NAME>`` (``GOVGRAPH_MAX_FILE_BYTES=200000000``), and
* by a library argument: ``with limits.using(Limits(rows=500)): load(...)``.

A cap that is hit raises :class:`LimitError` (an :class:`InputError`, exit 2) naming the file,
the cap and how to raise it.

``rule_seconds`` is the time budget of one rule's run; the rule engine reads it from
:func:`current` and stops (and names) a rule that runs past it — a catastrophic regular
expression or an exploding property path in a rule file.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, UsageError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The caps on what govgraph reads (each a positive number; see the module docstring)."""

    #: Bytes of one input file (Turtle, N-Triples, JSON-LD, YAML, a workbook, one CSV file).
    file_bytes: int = 64 * MiB
    #: Bytes a workbook (a zip archive) holds once unpacked: a 1 MB zip bomb unpacks to gigabytes.
    zip_bytes: int = 256 * MiB
    #: Rows of one sheet or CSV file.
    rows: int = 20_000
    #: Cells of one workbook or CSV folder, all sheets together.
    cells: int = 400_000
    #: Triples of one input file.
    triples: int = 100_000
    #: Bodies of one model (a region has about fifty; every command's work grows with them).
    bodies: int = 2_000
    #: Aliases (``*name``) in one YAML file: billion laughs is a handful of anchors used many times.
    yaml_aliases: int = 1_000
    #: Values a nested document (YAML, JSON-LD) holds once aliases are expanded.
    nodes: int = 300_000
    #: Nesting depth of a JSON-LD or YAML document.
    depth: int = 64
    #: Characters of one literal.
    literal_chars: int = 1 * MiB
    #: Seconds one rule may run before the engine stops it and names it.
    rule_seconds: float = 60.0

    def __post_init__(self) -> None:
        for cap in dataclasses.fields(self):
            if not getattr(self, cap.name) > 0:
                raise UsageError(f"limit {cap.name} must be a positive number, not {getattr(self, cap.name)!r}",
                                 da=f"grænsen {cap.name} skal være et positivt tal, ikke {getattr(self, cap.name)!r}")

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with every ``GOVGRAPH_MAX_<NAME>`` variable of ``environ`` (default os.environ) applied."""
        environ = os.environ if environ is None else environ
        given: dict[str, object] = {}
        for cap in dataclasses.fields(cls):
            variable = env_name(cap.name)
            text = environ.get(variable)
            if text is None or not text.strip():
                continue
            try:
                given[cap.name] = float(text) if cap.type in ("float", float) else int(text.replace("_", ""))
            except ValueError:
                raise UsageError(f"{variable}={text!r} is not a number (write e.g. {variable}="
                                 f"{getattr(cls(), cap.name)!r})",
                                 da=f"{variable}={text!r} er ikke et tal (skriv fx {variable}="
                                    f"{getattr(cls(), cap.name)!r})") from None
        return cls(**given)  # type: ignore[arg-type]


def env_name(cap: str) -> str:
    """The environment variable that sets a cap: ``rows`` → ``GOVGRAPH_MAX_ROWS``."""
    return f"GOVGRAPH_MAX_{cap.upper()}"


_CURRENT: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("govgraph_limits", default=None)


def current() -> Limits:
    """The limits in force: those of the innermost :func:`using`, else the environment's."""
    chosen = _CURRENT.get()
    return chosen if chosen is not None else Limits.from_environment()


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Apply ``limits`` to everything govgraph reads inside the ``with`` block (a library caller's override)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


_WHAT = {
    "file_bytes": ("the file is larger than {cap} bytes", "filen er større end {cap} bytes"),
    "zip_bytes": ("the workbook unpacks to more than {cap} bytes", "projektmappen fylder mere end {cap} bytes udpakket"),
    "rows": ("more than {cap} rows", "mere end {cap} rækker"),
    "cells": ("more than {cap} cells", "mere end {cap} celler"),
    "triples": ("more than {cap} statements", "mere end {cap} udsagn"),
    "bodies": ("more than {cap} bodies", "mere end {cap} organer"),
    "yaml_aliases": ("more than {cap} YAML aliases (*name)", "mere end {cap} YAML-aliasser (*navn)"),
    "nodes": ("more than {cap} values once aliases are expanded", "mere end {cap} værdier, når aliasser er udfoldet"),
    "depth": ("nested more than {cap} levels deep", "indlejret mere end {cap} niveauer"),
    "literal_chars": ("a literal longer than {cap} characters", "en værdi på mere end {cap} tegn"),
    "rule_seconds": ("a rule ran longer than {cap} seconds", "en regel kørte længere end {cap} sekunder"),
}


class LimitError(InputError):
    """An input hit one of the caps of :class:`Limits`; ``cap`` is the cap's name."""

    def __init__(self, where: str | Path, what: str, hint: str = "", da_what: str = "", da_hint: str = "",
                 cap: str = "") -> None:
        super().__init__(where, what, hint, da_what, da_hint)
        self.cap = cap

    def __reduce__(self):  # noqa: ANN204 - a forked worker sends it back whole
        return (type(self), (self.where, self.what, self.hint, self.da_what, self.da_hint, self.cap))


def exceeded(where: str | Path, cap: str, value: int | float | None = None) -> LimitError:
    """The error for hitting ``cap`` at ``where``: which cap, and how to raise it."""
    limit = getattr(current(), cap)
    en, da = _WHAT[cap]
    variable = env_name(cap)
    return LimitError(where, en.format(cap=limit), f"limit {cap}; raise it with {variable}=N if the input is genuine",
                      da_what=da.format(cap=limit),
                      da_hint=f"grænsen {cap}; hæv den med {variable}=N, hvis filen er ægte", cap=cap)


def check(where: str | Path, cap: str, value: int | float) -> None:
    """Raise :func:`exceeded` when ``value`` is above the cap ``cap`` of the current limits."""
    if value > getattr(current(), cap):
        raise exceeded(where, cap, value)


__all__ = ["Limits", "LimitError", "current", "using", "check", "exceeded", "env_name"]
