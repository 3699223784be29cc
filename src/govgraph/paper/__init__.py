"""A meeting paper in one document: summary, findings by body, org charts, old versus new, comparison.

In: a loaded model (and optionally a baseline and variants). :func:`build` gathers what the paper says
as a frozen :class:`Paper` (texts already in the reader's language, charts as SVG sized for print);
the writers turn it into HTML (:mod:`.html`), Word (:mod:`.docx`) or PDF (:mod:`.pdf`, HTML printed by
headless Chromium on A4).
"""

from __future__ import annotations

from .build import Cell, ChartFigure, FindingGroup, Paper, Table, build
from .pages import PAGES, Page

__all__ = ["PAGES", "Cell", "ChartFigure", "FindingGroup", "Page", "Paper", "Table", "build", "write"]

SUFFIXES = {".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


def write(paper: Paper, kind: str) -> bytes:
    """The paper as the bytes of an ``html``, ``docx`` or ``pdf`` file."""
    if kind == "html":
        from .html import to_html

        return to_html(paper).encode("utf-8")
    if kind == "docx":
        from .docx import to_docx

        return to_docx(paper)
    if kind == "pdf":
        from .html import to_html
        from .pdf import html_to_pdf

        return html_to_pdf(to_html(paper))
    raise ValueError(f"unknown paper format {kind!r}")
