"""Every line of text in a chart box fits inside its box as a browser draws it (real headless Chromium).

graphviz measures text with pango; Chromium draws Arial (Liberation Sans) about 2.6 % wider, so a box
sized to the measurement let its longest line run into the border. The chart leaves room; this test
measures each text's drawn width (without the trailing no-break spaces of room) against the innermost
box that holds it.
"""

from __future__ import annotations

import pytest

from conftest import SCENARIOS
from govgraph.load import load
from govgraph.model import organization
from govgraph.render.chart import draw

FIT = """() => {
  const tight = [];
  for (const node of document.querySelectorAll('g.node')) {
    const boxes = [...node.querySelectorAll('polygon')].map(p => p.getBBox());
    for (const text of node.querySelectorAll('text')) {
      const box = text.getBBox();
      const visible = text.textContent.replace(/\\u00a0+$/, '').length;  // (none left: tidy_svg drops them)
      const width = visible ? text.getSubStringLength(0, visible) : 0;
      const middle = box.y + box.height / 2;
      const holders = boxes.filter(b => b.x <= box.x + 0.01 && box.x <= b.x + b.width
                                        && b.y <= middle && middle <= b.y + b.height);
      if (!holders.length) continue;
      const inner = holders.reduce((a, b) => (a.width * a.height <= b.width * b.height ? a : b));
      const room = inner.x + inner.width - (box.x + width);
      if (room < 1) tight.push([node.querySelector('title').textContent, text.textContent, room]);
    }
  }
  return tight;
}"""


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.parametrize("era", ["nordjylland-2021", "nordjylland-2022", "nordjylland-2027"])
@pytest.mark.parametrize(("lang", "detail"), [("en", "summary"), ("da", "seats")])
def test_no_line_touches_its_box(browser_page, era, lang, detail):
    svg = draw(organization(load([SCENARIOS / f"{era}.ttl"])), "svg", lang=lang, detail=detail).decode("utf-8")
    browser_page.set_content("<!DOCTYPE html><html><body>" + svg[svg.index("<svg"):] + "</body></html>")
    assert browser_page.locator("g.node text").count() > 20
    assert browser_page.evaluate(FIT) == []
