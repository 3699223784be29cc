"""A real browser opens the HTML page of ``govgraph diff`` and renders the table and the diagram.

Headless Chromium (Debian package ``chromium``) with networking and background services off; the
test is skipped, saying so, only when no Chromium binary is installed.
"""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

from conftest import SCENARIOS

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (apt-get install chromium) to render the HTML page")


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from typer.testing import CliRunner

    from govgraph.cli import app

    folder = tmp_path_factory.mktemp("browser")
    out = folder / "diff.html"
    result = CliRunner().invoke(app, ["diff", str(SCENARIOS / "nordjylland-2021.ttl"),
                                      str(SCENARIOS / "nordjylland-2022.ttl"), "-o", str(out), "--lang", "da"])
    assert result.exit_code == 0, result.stderr
    return out


def test_browser_builds_the_table_and_the_diagram(page, tmp_path):
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    # The DOM the browser built (not the file): rows, cells with the bodies, and the inline diagram.
    assert dom.count("<tr class=") == 12
    assert "<h3>Sundhedskoordinationsudvalget</h3>" in dom and "<h3>Sundhedssamarbejdsudvalget</h3>" in dom
    assert "5 medlemmer (kommunalbestyrelsesmedlem) udpeget af KKR Nordjylland" in dom
    assert "<svg" in dom and "[NEDLAGT]" in dom


def test_browser_screenshot_is_a_picture_with_content(page, tmp_path):
    shot = tmp_path / "page.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", "--hide-scrollbars", page.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes; the table and diagram do not
