"""An SVG chart of a comparison's key figures: one small bar panel per figure, one bar per scenario.

Written with xml.etree, not a plotting library: the bytes depend only on the
comparison (no fonts measured, no dates, no random ids), so the same input
gives the same file and golden tests can pin it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..compare import Comparison, Row
from ..figures import Text
from .compare import column, format_value
from .escape import terminal

#: Row keys shown, in order, when the comparison has them with at least one number.
KEY_FIGURES = (
    "findings.violation",
    "seats.voting",
    "seats.voting.Region",
    "seats.voting.Municipality",
    "seats.observers",
    "parity.fails",
    "representation.ratio",
    "reporting.longest",
    "reporting.unreached",
    "tasks.uncovered",
)

#: Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

TITLE = Text("Nøgletal pr. scenarie", "Key figures per scenario")
BASELINE = Text("stiplet linje: basis", "dashed line: baseline")
NONE = Text("ingen af nøgletallene findes i sammenligningen", "none of the key figures is in the comparison")

WIDTH, PANEL_W, PANEL_H, GAP, MARGIN, LEGEND_LINE = 760, 360, 190, 20, 10, 18
BAR_AREA = 110  # height of the tallest bar


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _text(parent: ET.Element, x: float, y: float, content: str, size: int = 12, anchor: str = "start",
          weight: str = "normal") -> None:
    node = ET.SubElement(parent, "text", {"x": _num(x), "y": _num(y), "font-size": str(size),
                                          "text-anchor": anchor, "font-weight": weight})
    node.text = terminal(content)  # ElementTree escapes < and &, not the controls XML cannot hold


def _numbers(row: Row) -> list[float | None]:
    return [float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in row.values]


def _panel(svg: ET.Element, row: Row, comparison: Comparison, x0: float, y0: float, lang: str) -> None:
    group = ET.SubElement(svg, "g", {"transform": f"translate({_num(x0)},{_num(y0)})"})
    ET.SubElement(group, "rect", {"x": "0", "y": "0", "width": str(PANEL_W), "height": str(PANEL_H),
                                  "fill": "none", "stroke": "#cccccc"})
    title = row.label(lang).strip()
    _text(group, 10, 20, title[:1].upper() + title[1:], 13, weight="bold")
    values = _numbers(row)
    top = max((v for v in values if v is not None), default=0.0) or 1.0
    count = len(values)
    slot = (PANEL_W - 20) / count
    bar_w = min(40.0, slot * 0.6)
    floor = PANEL_H - 30
    for i, value in enumerate(values):
        cx = 10 + slot * i + slot / 2
        if value is not None:
            height = BAR_AREA * max(value, 0.0) / top
            ET.SubElement(group, "rect", {"x": _num(cx - bar_w / 2), "y": _num(floor - height), "width": _num(bar_w),
                                          "height": _num(height), "fill": COLOURS[i % len(COLOURS)]})
            _text(group, cx, floor - height - 4, format_value(row.values[i], lang), 11, "middle")
        else:
            _text(group, cx, floor - 4, format_value(None, lang), 11, "middle")
        _text(group, cx, floor + 16, column(i), 12, "middle")
    ET.SubElement(group, "line", {"x1": "10", "y1": _num(floor), "x2": str(PANEL_W - 10), "y2": _num(floor),
                                  "stroke": "#333333"})
    if comparison.baseline is not None and values[comparison.baseline] is not None:
        level = floor - BAR_AREA * max(values[comparison.baseline] or 0.0, 0.0) / top
        ET.SubElement(group, "line", {"x1": "10", "y1": _num(level), "x2": str(PANEL_W - 10), "y2": _num(level),
                                      "stroke": "#333333", "stroke-dasharray": "4 3"})


def render_chart(comparison: Comparison, lang: str = "en") -> str:
    """The SVG document as text: a legend (number, colour, scenario name) and a grid of panels."""
    rows = []
    for key in KEY_FIGURES:
        row = next((r for r in comparison.rows if r.key == key), None)
        if row is not None and any(v is not None for v in _numbers(row)):
            rows.append(row)
    legend_h = 30 + LEGEND_LINE * (len(comparison.scenarios) + (comparison.baseline is not None)) + 10
    panel_rows = (len(rows) + 1) // 2
    height = legend_h + panel_rows * (PANEL_H + GAP) + MARGIN + (20 if not rows else 0)
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "width": str(WIDTH), "height": str(height),
                             "viewBox": f"0 0 {WIDTH} {height}", "font-family": "DejaVu Sans, Arial, sans-serif"})
    ET.SubElement(svg, "title").text = TITLE(lang)
    ET.SubElement(svg, "rect", {"x": "0", "y": "0", "width": str(WIDTH), "height": str(height), "fill": "#ffffff"})
    _text(svg, MARGIN, 22, TITLE(lang), 16, weight="bold")
    y = 30
    for i, info in enumerate(comparison.scenarios):
        y += LEGEND_LINE
        ET.SubElement(svg, "rect", {"x": str(MARGIN), "y": _num(y - 11), "width": "12", "height": "12",
                                    "fill": COLOURS[i % len(COLOURS)]})
        _text(svg, MARGIN + 18, y, f"{column(i)}  {info.name}", 12)
    if comparison.baseline is not None:
        y += LEGEND_LINE
        _text(svg, MARGIN, y, BASELINE(lang), 11)
    if not rows:
        _text(svg, MARGIN, legend_h + 10, NONE(lang), 12)
    for n, row in enumerate(rows):
        x0 = MARGIN + (n % 2) * (PANEL_W + GAP)
        y0 = legend_h + (n // 2) * (PANEL_H + GAP)
        _panel(svg, row, comparison, x0, y0, lang)
    ET.indent(svg, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"
