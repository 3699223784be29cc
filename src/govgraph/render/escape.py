"""Escaping per output format: a label is data, never markup, a command or a formula.

Labels come from files of many hands; one may hold ``<script>``, ``<img onerror=…>``, a ``|``
or a newline that breaks a Markdown table, ``=HYPERLINK(…)`` for a spreadsheet, or a terminal
escape sequence (``\\x1b[2J``). Each output format escapes them its own way, here:

* :func:`terminal` — text for a terminal (every text output of the CLI passes through it);
* :func:`markdown` — one cell or line of Markdown, HTML in it included;
* HTML and SVG escape through ``html.escape`` and graphviz's own quoting in their renderers;
* CSV and XLSX formula prefixes: :func:`govgraph.sheets.cells.formula_safe`.
"""

from __future__ import annotations

import html
import re

#: Characters a terminal acts on: C0 controls but tab and newline, DEL, C1 controls (CSI 0x9b among
#: them), and the bidirectional overrides that make text read other than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """``text`` with every character a terminal would act on written as a visible ``\\uXXXX``
    escape (which also reads back as the same character in JSON and Turtle strings)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MARKDOWN = re.compile(r"([\\`*_\[\]|])")


def markdown(text: str) -> str:
    """``text`` as one Markdown table cell or line: no HTML (``<`` ``>`` ``&`` as entities), no
    emphasis, links or code (``* _ [ ] ` \\`` escaped), no cell break (``|``), no line break."""
    flat = terminal(" ".join(text.splitlines()))
    return html.escape(_MARKDOWN.sub(r"\\\1", flat), quote=False)


def code(text: str) -> str:
    """``text`` as inline Markdown code when it is a plain id (a rule id), else escaped text."""
    return f"`{text}`" if re.fullmatch(r"[\w:.\-]+", text) else markdown(text)
