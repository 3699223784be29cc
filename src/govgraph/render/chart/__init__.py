"""Org charts: model → scope (bodies in force, focus) → DOT / text → SVG, PNG, PDF by graphviz.

Library entry point :func:`draw` returns the bytes of a chart in one format;
the stages are importable on their own (:func:`scope`, :func:`to_dot`,
:func:`to_text`, :func:`render`).
"""

from __future__ import annotations

import datetime as dt

from ...model import Organization
from .dot import DETAILS, Chart, to_dot
from .engine import PICTURE_FORMATS, RenderError, render
from .scope import Scope, scope
from .text import to_text

FORMATS = ("svg", "png", "pdf", "dot", "text")


def draw(org: Organization, fmt: str = "svg", *, day: dt.date | None = None, focus: str | None = None,
         depth: int | None = None, lang: str = "en", detail: str = "summary") -> bytes:
    """The chart of ``org`` in ``fmt`` (svg, png, pdf, dot or text) as bytes.

    ``day`` defaults to the scenario's date; ``focus``/``depth`` limit the chart
    to the bodies within ``depth`` lines of one body.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    if detail not in DETAILS:
        raise ValueError(f"unknown detail {detail!r}")
    part = scope(org, day, focus, depth)
    if fmt == "text":
        return to_text(part, lang).encode("utf-8")
    chart = to_dot(part, lang, detail)
    if fmt == "dot":
        return chart.dot.encode("utf-8")
    return render(chart, fmt)


__all__ = ["DETAILS", "FORMATS", "PICTURE_FORMATS", "Chart", "RenderError", "Scope", "draw", "render", "scope",
           "to_dot", "to_text"]
