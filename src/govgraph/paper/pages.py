"""Paper sizes a chart is fitted to, and how small its text may get there.

A chart is scaled down (never up) to fit the printable area of its page; it is readable when its
smallest font stays at or above :data:`MIN_FONT_PT` at that scale.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre
MARGIN_MM = 15
MIN_FONT_PT = 7.0
CAPTION_PT = 60  # room kept on the page for the chart's heading and caption


@dataclass(frozen=True)
class Page:
    """A page size: its CSS name and its size in millimetres (portrait or landscape as given)."""

    name: str
    css: str
    width_mm: float
    height_mm: float

    @property
    def box_pt(self) -> tuple[float, float]:
        """Width and height in points a chart may take: the page less its margins and a caption."""
        return ((self.width_mm - 2 * MARGIN_MM) * MM, (self.height_mm - 2 * MARGIN_MM) * MM - CAPTION_PT)


A4 = Page("a4", "A4 portrait", 210, 297)
A4_LANDSCAPE = Page("a4l", "A4 landscape", 297, 210)
A3_LANDSCAPE = Page("a3l", "A3 landscape", 420, 297)
PAGES = (A4, A4_LANDSCAPE, A3_LANDSCAPE)


def scale_for(page: Page, width_pt: float, height_pt: float) -> float:
    """The factor (≤ 1) that fits a picture of this size into the page's chart box."""
    box_w, box_h = page.box_pt
    return min(1.0, box_w / width_pt, box_h / height_pt)


def fit(width_pt: float, height_pt: float, smallest_font_pt: float, pages: tuple[Page, ...]) -> tuple[Page, float]:
    """The first of ``pages`` on which the picture stays readable, with its scale; else the last page."""
    for page in pages:
        scale = scale_for(page, width_pt, height_pt)
        if smallest_font_pt * scale >= MIN_FONT_PT:
            return page, scale
    last = pages[-1]
    return last, scale_for(last, width_pt, height_pt)
