"""Hostile labels in a real browser: the diff page and the org chart show them as text, and no
script or image element comes from them (headless Chromium builds the DOM; see test_diff_browser)."""

from __future__ import annotations

import pytest

from conftest import DATA
from hostile import hostile_labels
from test_diff_browser import CHROMIUM, _chromium

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (apt-get install chromium)")

OK = DATA / "examples" / "klynge-midt-2022-ok.ttl"


@pytest.mark.parametrize("args", [("diff", str(OK), "{in}", "-o", "{out}.html"), ("draw", "{in}", "-o", "{out}.svg")],
                         ids=["diff-html", "draw-svg"])
def test_hostile_labels_stay_text_in_the_browser(tmp_path, args) -> None:
    from typer.testing import CliRunner

    from govgraph.cli import app

    model = hostile_labels(tmp_path)
    real = [a.replace("{in}", str(model)).replace("{out}", str(tmp_path / "page")) for a in args]
    result = CliRunner().invoke(app, real)
    assert result.exit_code == 0, result.stderr
    page = next(tmp_path.glob("page.*"))
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout.lower()
    assert "alert(1)" in dom  # the label is on the page, as text
    # Serialized text has its < escaped: a "<script" or "<img" in the DOM would be an element.
    assert "<script" not in dom and "<img" not in dom
