"""Real headless Chromium (Debian's ``chromium``) driven by Playwright, and axe-core run inside it.

Playwright's own browser download is never used (``playwright install`` is never run): the browser
is the system one, launched with networking and background services off.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
#: The WCAG A and AA rule tags of axe-core (2.0, 2.1 and 2.2).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def launch(playwright):  # noqa: ANN001, ANN201 - a playwright.sync_api.Playwright → Browser
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def axe_source() -> str:
    """axe.min.js as shipped by the ``axe-playwright-python`` package (no network)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:  # noqa: ANN001 - a playwright Page
    """Violations of the WCAG A/AA rules on the page as it is now: [{id, impact, help, nodes}]."""
    page.add_script_tag(content=axe_source())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
