"""One exception base for everything a user can get wrong.

The CLI catches :class:`GovgraphError` only, prints ``str(error)`` on one line
and exits with code 2. Every message says what is wrong, where, and what to do.
"""

from __future__ import annotations

from pathlib import Path


class GovgraphError(Exception):
    """Base of all errors govgraph reports to users (exit code 2)."""


class InputError(GovgraphError):
    """A file cannot be read or understood.

    ``where`` is a location such as ``proposal.ttl:12:5`` or
    ``proposal.xlsx: sheet Seats, row 7, column Role``.
    """

    def __init__(self, where: str | Path, what: str, hint: str = "") -> None:
        self.where = str(where)
        self.what = what
        self.hint = hint
        text = f"{self.where}: {what}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)

    def __reduce__(self):  # noqa: ANN204 - so that a forked worker can send it back whole
        return (type(self), (self.where, self.what, self.hint))


class UsageError(GovgraphError):
    """A command-line value is wrong (unknown rule set, bad date, …)."""


class ToolMissingError(GovgraphError):
    """An external program (the graphviz binary, a browser) is not installed."""
