"""``govgraph serve``: the web page, in-process (Flask's test client) and in real headless Chromium."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import FIXTURES, ROOT
from govgraph.web import Settings, create_app

SERVE = FIXTURES / "serve"
SHOTS = Path("/tmp")


@pytest.fixture
def settings(tmp_path):
    return Settings(lang="en", workdir=tmp_path / "work")


@pytest.fixture
def client(settings):
    return create_app(settings).test_client()


def _upload(client, path: Path, lang: str = "en", name: str | None = None, **form):
    data = {"workbook": (io.BytesIO(path.read_bytes()), name or path.name), **form}
    return client.post(f"/check?lang={lang}", data=data, content_type="multipart/form-data")


def _kept(settings) -> list[Path]:
    return [p for p in settings.workdir.rglob("*") if p.is_file()]


def test_upload_names_the_cell_to_fix(client, settings):
    page = _upload(client, SERVE / "proposal-mistake.xlsx").get_data(as_text=True)
    assert "proposal-mistake.xlsx: sheet Seats, row 3, column Role" in page
    assert str(settings.workdir) not in page  # the temporary folder is never shown
    assert [p.name for p in _kept(settings)] == ["proposal-mistake.xlsx"]


def test_a_fixed_upload_passes_and_replaces_the_old_one(client, settings):
    _upload(client, SERVE / "proposal-mistake.xlsx")
    page = _upload(client, SERVE / "proposal-ok.xlsx").get_data(as_text=True)
    assert "The proposal obeys the rules in force on its date." in page
    assert [p.name for p in _kept(settings)] == ["proposal-ok.xlsx"]


@pytest.mark.parametrize(("fixture", "lang", "words"), [
    ("not-a-workbook.xlsx", "en", "is not an Excel workbook (.xlsx)"),
    ("broken.xlsx", "da", "er ikke en Excel-projektmappe"),
    ("other-tool.xlsx", "da", "arket \"Scenarie\" mangler (fundet: Budget 2023"),
    ("other-tool.xlsx", "en", "sheet Scenario is missing (found: Budget 2023"),
])
def test_bad_workbooks_get_one_message_and_nothing_is_kept(client, settings, fixture, lang, words):
    response = _upload(client, SERVE / fixture, lang)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert page.count("role=\"alert\"") == 1 and words in page.replace("&#34;", "\"").replace("&quot;", "\"")
    assert _kept(settings) == []
    assert client.get("/").status_code == 200  # still serving


def test_a_file_that_is_not_xlsx_by_name(client, settings):
    response = _upload(client, SERVE / "proposal-ok.xlsx", "da", name="forslag.csv")
    assert response.status_code == 400 and "forslag.csv er ikke en Excel-projektmappe" in response.get_data(as_text=True)
    assert _kept(settings) == []


def test_uploads_over_the_limit_are_refused(tmp_path):
    settings = Settings(lang="da", max_upload=4096, workdir=tmp_path / "work")
    client = create_app(settings).test_client()
    response = _upload(client, SERVE / "proposal-ok.xlsx", "da")
    assert response.status_code == 413
    assert "Filen er for stor (højst 4 kB). Intet er gemt." in response.get_data(as_text=True)
    assert _kept(settings) == []


def test_the_limit_is_written_as_a_reader_writes_it():
    from govgraph.web import _size

    assert _size(5 * 1024 * 1024, "en") == "5 MB" and _size(512 * 1024, "da") == "0,5 MB"
    assert _size(4096, "en") == "4 kB"


def test_another_machine_is_refused(settings):
    client = create_app(settings).test_client()
    assert client.get("/", environ_base={"REMOTE_ADDR": "192.168.1.20"}).status_code == 403
    assert client.get("/", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    open_settings = Settings(lang="en", workdir=settings.workdir, allow_remote=True)
    assert create_app(open_settings).test_client().get(
        "/", environ_base={"REMOTE_ADDR": "192.168.1.20"}).status_code == 200


def test_serve_refuses_a_public_address_without_the_option(run):
    result = run("serve", "--host", "0.0.0.0", "--lang", "da")
    assert result.exit_code == 2 and "--allow-remote" in result.stderr and "Traceback" not in result.stderr


def test_downloads(client):
    template = client.get("/template.xlsx?lang=da")
    assert template.status_code == 200
    assert "Pladser" in load_workbook(io.BytesIO(template.data)).sheetnames
    client.post("/check?lang=en", data={"era": "nordjylland-2022.ttl", "baseline": "nordjylland-2021.ttl",
                                        "variants": ["nordjylland-2027.ttl"]})
    turtle = client.get("/model.ttl")
    from rdflib import Graph

    assert len(Graph().parse(data=turtle.get_data(as_text=True), format="turtle")) > 100
    paper = client.get("/paper.html").get_data(as_text=True)
    assert "Current and new organization" in paper and "Comparison of proposals" in paper
    docx = client.get("/paper.docx")
    assert docx.data.startswith(b"PK") and "attachment" in docx.headers["Content-Disposition"]
    from docx import Document

    cells = [c.text for t in Document(io.BytesIO(docx.data)).tables for row in t.rows for c in row.cells]
    assert any(c.startswith("nordjylland-2022.ttl:") for c in cells) and not any("data/scenarios" in c for c in cells)


def test_bundled_era_with_old_and_new_and_variants(client):
    page = client.post("/check?lang=da", data={"era": "nordjylland-2022.ttl", "baseline": "nordjylland-2021.ttl",
                                              "variants": ["nordjylland-2027.ttl"]}).get_data(as_text=True)
    assert "Nuværende og ny organisering" in page and "Sammenligning af forslag" in page
    assert "nordjylland-2022.ttl:" in page and "data/scenarios" not in page  # where to fix: the file's own name
    assert page.count("<svg") >= 5  # the overview and the cluster charts


# ------------------------------------------------------------------ the browser

@pytest.fixture
def server(tmp_path):
    """``govgraph serve --port 0`` as its own process (as a user starts it); yields its URL.

    Its temporary folder is under the test's own: once the server is stopped, no upload may be left.
    """
    temp = tmp_path / "server-temp"
    temp.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--port", "0", "--lang", "en"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(temp)})
    try:
        line = process.stdout.readline()
        assert line.startswith("govgraph serve: http://127.0.0.1:"), line
        assert [p.name.startswith("govgraph-serve-") for p in temp.iterdir()] == [True]
        yield line.split()[2]
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.returncode == 0
    assert not any(temp.rglob("*.xlsx")) and not any(p.name.startswith("govgraph-serve-") for p in temp.iterdir())


def test_officer_fixes_a_workbook_in_the_browser(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright
    from pypdf import PdfReader

    from browser import axe_violations, launch

    workbook = tmp_path / "forslag.xlsx"
    shutil.copy(SERVE / "proposal-mistake.xlsx", workbook)
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
            page.goto(server)
            page.screenshot(path=str(SHOTS / "govgraph-serve-1-start.png"), full_page=True)
            assert axe_violations(page) == []

            # A file that is not a workbook: one message, and the page still works.
            page.set_input_files("#workbook", str(SERVE / "not-a-workbook.xlsx"))
            page.click("#check")
            expect(page.locator("#error")).to_contain_text("is not an Excel workbook")
            page.screenshot(path=str(SHOTS / "govgraph-serve-2-not-a-workbook.png"), full_page=True)

            # The filled-in template with a mistake: the finding names the cell.
            page.set_input_files("#workbook", str(workbook))
            page.click("#check")
            where = page.locator("#result td.where").first
            expect(where).to_contain_text("forslag.xlsx: sheet Seats, row 3, column Role")
            expect(page.locator("#result")).to_contain_text("CORE-SEAT-ONE-ROLE")
            page.screenshot(path=str(SHOTS / "govgraph-serve-3-finding.png"), full_page=True)
            assert axe_violations(page) == []

            # Fix the cell as the officer would in Excel, and upload again.
            book = load_workbook(workbook)
            sheet = book["Seats"]
            role = [c.value for c in sheet[1]].index("Role") + 1
            assert sheet.cell(row=3, column=role).value is None
            sheet.cell(row=3, column=role, value="regional council member")
            book.save(workbook)
            page.set_input_files("#workbook", str(workbook))
            page.click("#check")
            expect(page.locator("#result .verdict")).to_have_text("The proposal obeys the rules in force on its date.")
            assert "CORE-SEAT-ONE-ROLE" not in page.locator("#result").inner_text()
            page.screenshot(path=str(SHOTS / "govgraph-serve-4-passes.png"), full_page=True)

            # Download the meeting paper.
            with page.expect_download() as info:
                page.click("#download-pdf")
            pdf = tmp_path / "paper.pdf"
            info.value.save_as(pdf)
            assert info.value.suggested_filename == "forslag.paper.pdf"
            pages = PdfReader(str(pdf)).pages
            assert pages and all({round(float(q.mediabox.width)), round(float(q.mediabox.height))} == {595, 842}
                                 for q in pages)
            with page.expect_download() as info:
                page.click("#download-docx")
            assert info.value.suggested_filename == "forslag.paper.docx"
        finally:
            browser.close()


def test_the_page_uses_nothing_from_elsewhere(client):
    import re

    page = client.get("/?lang=da").get_data(as_text=True)
    assert "<html lang=\"da\">" in page and "Tjek et forslag".lower() in page.lower()
    refs = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs), refs
    style = client.get("/style.css").get_data(as_text=True)
    from govgraph.paper.html import STYLE

    assert style.startswith(STYLE.strip()) and ".drop{" in style
    assert client.get("/static/drop.js").status_code == 200


def test_a_dropped_workbook_is_checked(server):
    import base64

    from playwright.sync_api import expect, sync_playwright

    from browser import launch

    data = base64.b64encode((SERVE / "proposal-ok.xlsx").read_bytes()).decode("ascii")
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(server + "?lang=da")
            transfer = page.evaluate_handle("""b64 => {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], 'droppet.xlsx'));
                return transfer;
            }""", data)
            page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
            expect(page.locator("#result .verdict")).to_have_text(
                "Forslaget overholder de regler, der gælder på datoen.")
            expect(page.locator("#result")).to_contain_text("droppet.xlsx")
        finally:
            browser.close()
