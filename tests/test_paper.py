"""``govgraph report``: the meeting paper as HTML (golden, accessible, readable charts), Word and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import DATA, SCENARIOS
from govgraph.load import load
from govgraph.paper import build, write
from govgraph.paper.pages import MIN_FONT_PT

EXAMPLES = DATA / "examples"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def region_paper():
    """North Jutland 2022 against 2021, in Danish: findings, five area charts and an overview, the old/new table."""
    return build(load([SCENARIOS / "nordjylland-2022.ttl"]), lang="da",
                 baseline=load([SCENARIOS / "nordjylland-2021.ttl"]))


def test_report_html_is_golden(run, tmp_path, golden):
    out = tmp_path / "paper.html"
    result = run("report", SCENARIOS.relative_to(DATA.parent) / "nordjylland-2022.ttl", "--baseline",
                 SCENARIOS.relative_to(DATA.parent) / "nordjylland-2021.ttl", "-o", out, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    golden(out.read_text(encoding="utf-8"), "paper/nordjylland-2022-vs-2021.da.html")


def test_report_with_variants_is_golden(run, tmp_path, golden):
    out = tmp_path / "paper.html"
    result = run("report", "data/scenarios/klynge-midt-2022-0-as-constituted.ttl",
                 "--compare", "data/scenarios/klynge-midt-2022-a-with-patients.ttl",
                 "--compare", "data/scenarios/klynge-midt-2022-b-4-regional.ttl", "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    golden(page, "paper/klynge-midt-2022-variants.en.html")
    assert "<h2 id=\"comparison\">Comparison of proposals</h2>" in page
    assert page.count("<th scope=\"col\">") >= 4  # Figure + three proposals


def test_paper_names_findings_and_danish_dates(region_paper):
    page = write(region_paper, "html").decode("utf-8")
    assert "1. oktober 2022" in page
    assert "<h2 id=\"findings\">Fund efter organ</h2>" in page
    assert "Nuværende organisering" in page and "Ny organisering" in page
    # Every finding row names where to fix it (file:line for Turtle).
    assert all(row.where for group in region_paper.findings for row in group.rows)


def test_html_is_self_contained(region_paper):
    page = write(region_paper, "html").decode("utf-8")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert "<link" not in page and "<script" not in page and "@import" not in page


def test_report_on_a_workbook_names_the_cell(run, tmp_path):
    out = tmp_path / "paper.docx"
    result = run("report", Path("tests/fixtures/serve/proposal-mistake.xlsx"), "-o", out, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    cells = [c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells]
    assert any(text.endswith("proposal-mistake.xlsx: ark Seats, række 3, kolonne Role") for text in cells), cells
    assert "CORE-SEAT-ONE-ROLE" in cells


def _printed_font_sizes(page: str) -> list[tuple[float, float]]:
    """(smallest font at print size, scale) for each inline SVG, read from the HTML itself."""
    sizes = []
    for svg in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        width = float(re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"', svg).group(1))
        view = float(re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ', svg).group(1))
        smallest = min(float(x) for x in re.findall(r'font-size="([\d.]+)"', svg))
        sizes.append((smallest * width / view, width / view))
    return sizes


def test_charts_are_readable_on_their_paper(region_paper):
    page = write(region_paper, "html").decode("utf-8")
    sizes = _printed_font_sizes(page)
    assert len(sizes) == 6  # overview + Klynge Midt, Nord, Syd, Vest + bodies outside the clusters
    assert all(size >= MIN_FONT_PT - 0.05 for size, _ in sizes), sizes
    for chart in region_paper.charts:
        box_w, box_h = chart.page.box_pt
        width = float(re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"', chart.svg).group(1))
        assert width <= box_w + 0.1, (chart.title, width, box_w)
    assert region_paper.charts[0].page.name == "a3l"  # the region overview
    assert {c.page.name for c in region_paper.charts[1:]} <= {"a4", "a4l"}


def test_docx_has_word_headings_and_tables(region_paper, tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes(write(region_paper, "docx"))
    document = Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Mødesag: Sundhedsklynger i Nordjylland 2022–2026")
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert level2 == ["Resumé", "Fund efter organ", "Organisationsdiagrammer", "Nuværende og ny organisering"]
    assert ("Heading 3", "Klynge Midt") in headings
    tables = document.tables
    findings = [t for t in tables if t.rows[0].cells[0].text == "Alvor"]
    assert findings and [c.text for c in findings[0].rows[0].cells] == ["Alvor", "Regel", "Hvad skal rettes", "Lag",
                                                                       "Kilde", "Hvor"]
    old_new = next(t for t in tables if t.rows[0].cells[0].text == "Nuværende organisering")
    assert [c.text for c in old_new.rows[0].cells] == ["Nuværende organisering", "Ny organisering"]
    transition = tables[-1]
    assert [c.text for c in transition.rows[0].cells] == ["Periode", "Opgave", "Hidtil varetaget af"]
    assert transition.rows[1].cells[0].text == "1. juli 2022 – 31. juli 2022 (31 dage)"
    assert any("Sundhedssamarbejdsudvalget" in c.text for row in old_new.rows for c in row.cells)
    assert len(document.inline_shapes) == 6
    assert all(s._inline.docPr.get("descr", "").startswith("Organisationsdiagram") for s in document.inline_shapes)


def _paper_size(page) -> str:  # noqa: ANN001 - a pypdf page
    width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
    for name, (w, h) in {"A4": (210, 297), "A3": (297, 420)}.items():
        if {round(width), round(height)} == {w, h}:
            return f"{name} {'landscape' if width > height else 'portrait'}"
    return f"{width:.0f} × {height:.0f} mm"


def test_pdf_pages_are_a4(run, tmp_path):
    out = tmp_path / "paper.pdf"
    result = run("report", EXAMPLES / "klynge-midt-2022-parity.ttl", "-o", out, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    sizes = [_paper_size(p) for p in PdfReader(str(out)).pages]
    assert sizes and all(s.startswith("A4") for s in sizes), sizes


def test_pdf_of_the_region_is_a4_but_the_overview(region_paper, tmp_path):
    reader = PdfReader(__import__("io").BytesIO(write(region_paper, "pdf")))
    sizes = [_paper_size(p) for p in reader.pages]
    # Every page is A4, but the region overview's: A3 landscape as the brief asks (readable at ≥ 7 pt).
    assert sizes.count("A3 landscape") == 1, sizes
    assert all(s.startswith("A4") for s in sizes if s != "A3 landscape"), sizes
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Fund efter organ" in text and "Klynge Midt" in text


def test_html_has_no_accessibility_violations(region_paper, tmp_path):
    from playwright.sync_api import sync_playwright

    from browser import axe_violations, launch

    path = tmp_path / "paper.html"
    path.write_bytes(write(region_paper, "html"))
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            assert page.locator("h1").count() == 1
            violations = axe_violations(page)
        finally:
            browser.close()
    assert violations == []


@pytest.mark.parametrize("target", ["folder", "input"])
def test_report_refuses_a_folder_or_an_input(run, tmp_path, target):
    model = tmp_path / "proposal.ttl"
    model.write_bytes((EXAMPLES / "klynge-midt-2022-ok.ttl").read_bytes())
    before = model.read_bytes()
    out = tmp_path if target == "folder" else model
    result = run("report", model, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert model.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proposal.ttl"]


def test_report_refuses_an_unknown_suffix_in_danish(run, tmp_path):
    result = run("report", EXAMPLES / "klynge-midt-2022-ok.ttl", "-o", tmp_path / "paper.odt", "--lang", "da")
    assert result.exit_code == 2 and "en mødesag er .html, .docx eller .pdf" in result.stderr
    assert not list(tmp_path.iterdir())


def test_pdf_when_the_temporary_folder_has_a_long_path(monkeypatch, tmp_path):
    """Chromium's sockets live in its temporary folder and a socket path has at most 107 bytes."""
    import tempfile

    from govgraph.paper.pdf import html_to_pdf

    long = tmp_path / ("a-rather-long-folder-name-" * 3) / "and-deeper-still"
    long.mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(long))
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    pdf = html_to_pdf("<!DOCTYPE html><html lang=\"en\"><title>t</title><p>A4</p></html>")
    assert pdf.startswith(b"%PDF")
