"""The paper as a Word document (python-docx): real headings, real tables, charts as pictures.

Headings use Word's built-in "Heading 1–3" styles (so the navigation pane and a table of contents
find them), tables the built-in "Table Grid" with a repeated header row, lists "List Bullet". Each
chart gets a section of the page size it was fitted to (A4 portrait or landscape, A3 landscape for
a region overview), drawn as a 200 dpi PNG at its print size, with its alt text set.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..render.chart import render
from ..render.chart.dot import Chart
from .build import Cell, ChartFigure, Paper, Table
from .pages import MARGIN_MM, Page

PNG_DPI = "200"


def _page(section, page: Page) -> None:  # noqa: ANN001 - a python-docx Section
    section.orientation = WD_ORIENT.LANDSCAPE if page.width_mm > page.height_mm else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))


def _header_row(row) -> None:  # noqa: ANN001 - mark a table row as a header repeated on every page
    properties = row._tr.get_or_add_trPr()
    element = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(element)


def _fill(cell, content: Cell, bold: bool = False) -> None:  # noqa: ANN001 - a python-docx _Cell
    first = True
    for style, text in content:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph(style="List Bullet" if style == "li" else None)
        if first and style == "li":
            paragraph.style = "List Bullet"
        first = False
        run = paragraph.add_run(text)
        run.bold = bold or style == "b"
        run.italic = style == "i"


def _table(document, table: Table, row_headers: bool = False) -> None:  # noqa: ANN001
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    _header_row(grid.rows[0])
    for cell, text in zip(grid.rows[0].cells, table.head):
        _fill(cell, (("", text),), bold=True)
    for row in table.rows:
        cells = grid.add_row().cells
        for n, (cell, content) in enumerate(zip(cells, row)):
            _fill(cell, content, bold=row_headers and n == 0)
    if table.note:
        document.add_paragraph(table.note)


def _chart(document, chart: ChartFigure, current: Page) -> Page:  # noqa: ANN001
    if chart.page != current:
        _page(document.add_section(WD_SECTION.NEW_PAGE), chart.page)
    else:
        document.add_page_break()
    document.add_heading(chart.title, level=3)
    png = render(Chart(chart.dot), "png", dpi=PNG_DPI)
    width_pt = _svg_width_pt(chart.svg)
    document.add_picture(io.BytesIO(png), width=Pt(width_pt))
    shape = document.inline_shapes[-1]
    shape._inline.docPr.set("descr", chart.alt)  # the picture's alt text
    shape._inline.docPr.set("title", chart.title)
    document.add_paragraph(f"{chart.alt} ({chart.caption})", style="Caption")
    return chart.page


def _svg_width_pt(svg: str) -> float:
    import re

    found = re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"', svg)
    return float(found.group(1)) if found else 400.0


def to_docx(paper: Paper) -> bytes:
    """The paper as the bytes of a .docx file."""
    from .pages import A4

    w = paper.word
    document = Document()
    document.core_properties.title = paper.title
    document.core_properties.language = paper.lang
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    _page(document.sections[0], A4)
    document.add_heading(paper.title, level=1)
    if paper.subtitle:
        document.add_paragraph(paper.subtitle)
    document.add_heading(w("summary"), level=2)
    _table(document, Table(w("summary"), ("", ""), tuple(((("", k),), (("", v),)) for k, v in paper.summary)),
           row_headers=True)
    document.add_paragraph().add_run(paper.verdict).bold = True
    document.add_heading(w("findings"), level=2)
    if not paper.findings:
        document.add_paragraph(w("no_findings"))
    head = tuple(w(k) for k in ("severity", "rule", "message", "layer", "source", "where"))
    for group in paper.findings:
        document.add_heading(group.body, level=3)
        rows = tuple(tuple((("", text),) for text in (r.severity_text, r.rule, r.message, r.layer, r.source, r.where))
                     for r in group.rows)
        _table(document, Table(f"{w('findings')}: {group.body}", head, rows))
    current = A4
    if paper.charts:
        document.add_heading(w("charts"), level=2)
        for chart in paper.charts:
            current = _chart(document, chart, current)
    for key, table, row_headers in (("old_new", paper.old_new, False), ("comparison", paper.comparison, True)):
        if table is None:
            continue
        if current != A4:
            _page(document.add_section(WD_SECTION.NEW_PAGE), A4)
            current = A4
        else:
            document.add_page_break()
        document.add_heading(w(key), level=2)
        _table(document, table, row_headers=row_headers)
        if key == "old_new" and paper.transition is not None:
            _table(document, paper.transition)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
