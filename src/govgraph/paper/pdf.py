"""HTML → PDF by headless Chromium's print-to-PDF.

Why Chromium and not a Python PDF library: the report's HTML already is the paper (the same page the
officer sees), Chromium lays out inline SVG, tables and the CSS ``@page`` sizes exactly as printed
(A4 pages, an A3 landscape page for a region overview), and Debian's ``chromium`` is well kept and
already a dependency of the browser tests; WeasyPrint would bring Pango and a second layout engine
that draws the same page differently. The page is opened from a private temporary folder with every
background service and network fetch switched off; the HTML has no external resources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import GovgraphError, ToolMissingError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags for a quiet, offline, one-shot headless browser (no sandbox: CI runs as root).
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--disable-default-apps", "--mute-audio", "--no-pdf-header-footer", "--generate-pdf-document-outline")
TIMEOUT_S = 120


class PdfError(GovgraphError):
    """Chromium could not print the paper."""


def chromium() -> str:
    """The browser to print with: ``GOVGRAPH_CHROMIUM``, else the first Chromium on the PATH."""
    given = os.environ.get("GOVGRAPH_CHROMIUM")
    if given:
        return given
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError("a PDF needs the Chromium browser: apt-get install chromium (or write .html / .docx)",
                           da="en PDF kræver browseren Chromium: apt-get install chromium (eller skriv .html / .docx)")


#: Chromium keeps a Unix socket in its profile folder, and a socket path has at most 107 bytes.
LONGEST_TEMP = 48


def _short_temp() -> str | None:
    """The temporary folder for Chromium's profile: the usual one, unless its path is too long for the socket."""
    usual = tempfile.gettempdir()
    if len(usual) <= LONGEST_TEMP:
        return None
    return "/tmp" if os.access("/tmp", os.W_OK) else None


def html_to_pdf(page: str) -> bytes:
    """Print an HTML document (self-contained) to PDF with the page sizes its CSS asks for."""
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="govgraph-pdf-", dir=_short_temp()) as folder:
        source, target = Path(folder) / "paper.html", Path(folder) / "paper.pdf"
        source.write_text(page, encoding="utf-8")
        args = [browser, *FLAGS, f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={target}",
                source.as_uri()]
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT_S, check=False,
                                  env={**os.environ, "HOME": folder, "TMPDIR": folder})
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PdfError(f"Chromium could not print the paper ({err})",
                           da=f"Chromium kunne ikke udskrive mødesagen ({err})") from None
        if not target.exists() or target.stat().st_size == 0:
            why = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
            raise PdfError(f"Chromium could not print the paper: {why}",
                           da=f"Chromium kunne ikke udskrive mødesagen: {why}")
        return target.read_bytes()
