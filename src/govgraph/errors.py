"""One exception base for everything a user can get wrong.

The CLI catches :class:`GovgraphError` only, prints one line and exits with code 2. Every
message says what is wrong, where, and what to do, in English and in Danish: ``str(error)`` is
the English line, ``error.text("da")`` the Danish one (the CLI prints it under ``--lang da``).
"""

from __future__ import annotations

import re
from pathlib import Path


class GovgraphError(Exception):
    """Base of all errors govgraph reports to users (exit code 2). ``da``: the message in Danish."""

    def __init__(self, message: str, da: str = "") -> None:
        super().__init__(message)
        self.da = da

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English where no Danish was given)."""
        return self.da if lang == "da" and self.da else str(self)

    def __reduce__(self):  # noqa: ANN204 - so that a forked worker can send it back whole
        return (type(self), (str(self), self.da))


class InputError(GovgraphError):
    """A file cannot be read or understood.

    ``where`` is a location such as ``proposal.ttl:12:5`` or
    ``proposal.xlsx: sheet Seats, row 7, column Role``; ``what`` and ``hint`` say what is wrong
    and what to do, ``da_what`` and ``da_hint`` the same in Danish.
    """

    def __init__(self, where: str | Path, what: str, hint: str = "", da_what: str = "", da_hint: str = "") -> None:
        self.where = str(where)
        self.what, self.hint = what, hint
        self.da_what, self.da_hint = da_what, da_hint
        da = ""
        if da_what:
            da = f"{danish_place(self.where)}: {da_what}" + (f" ({da_hint})" if da_hint else "")
        super().__init__(f"{self.where}: {what}" + (f" ({hint})" if hint else ""), da)

    def __reduce__(self):  # noqa: ANN204
        return (type(self), (self.where, self.what, self.hint, self.da_what, self.da_hint))


class UsageError(GovgraphError):
    """A command-line value is wrong (unknown rule set, bad date, …)."""


class ToolMissingError(GovgraphError):
    """An external program (the graphviz binary, a browser) is not installed."""


_PLACE_WORDS = {"sheet": "ark", "row": "række", "column": "kolonne"}
_PLACE = re.compile(r"(?:(?<=^)|(?<=, )|(?<=: ))(sheet|row|column) ")


def danish_place(where: str) -> str:
    """A place in a spreadsheet (``sheet Seats, row 7, column Role``) in Danish words (ark, række, kolonne)."""
    return _PLACE.sub(lambda m: _PLACE_WORDS[m.group(1)] + " ", where)
