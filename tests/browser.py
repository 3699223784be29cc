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


#: Waits of the browser tests: the machine may be shared and busy; a check of a region takes seconds.
TIMEOUT_MS = 60_000


def launch(playwright):  # noqa: ANN001, ANN201 - a playwright.sync_api.Playwright → Browser
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True,
                                         timeout=TIMEOUT_MS)
    return _Patient(browser)


class _Patient:
    """The browser, whose new pages wait as long as :data:`TIMEOUT_MS` for navigations and events."""

    def __init__(self, browser) -> None:  # noqa: ANN001
        self._browser = browser

    def new_page(self, **options):  # noqa: ANN003, ANN201
        page = self._browser.new_page(**options)
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        return page

    def __getattr__(self, name: str):  # noqa: ANN204 - everything else as the browser has it
        return getattr(self._browser, name)


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
