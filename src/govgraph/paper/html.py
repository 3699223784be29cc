"""The paper as one self-contained, accessible HTML page (inline CSS and SVG, nothing fetched).

Headings in order (h1 → h2 → h3), tables with a caption and column headers, every chart an
``img``-role SVG with a text alternative, text contrast at least 7:1, print rules that put each
chart on a page of the size it was fitted to (see :mod:`.pages`).
"""

from __future__ import annotations

import html

from .build import Cell, ChartFigure, Paper, Table
from .pages import MARGIN_MM, PAGES

_SEVERITY_CLASS = {"violation": "sev-v", "warning": "sev-w", "info": "sev-i"}

_STYLE = """
body{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;color:#111;background:#fff;margin:1.5em auto;
max-width:60em;padding:0 1em;line-height:1.35}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;margin:1.4em 0 .4em;border-bottom:2px solid #333}
h3{font-size:1.1em;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.92em}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #555;padding:.35em .5em;text-align:left;vertical-align:top}
thead th{background:#e8e8e8}tbody th{background:#f4f4f4;font-weight:normal}
.summary th{width:16em}.sev-v{font-weight:bold;color:#8b0000}.sev-w{color:#5c3d00}.sev-i{color:#1a3d6b}
.verdict{font-weight:bold}.note{font-size:.9em}
ul{margin:.2em 0 .4em 1.2em;padding:0}p.cell{margin:.15em 0}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9em}
nav ol{margin:.3em 0 .3em 1.4em;padding:0}
a{color:#0b3d91}
"""


def _print_style() -> str:
    pages = "".join(f"@page {p.name}{{size:{p.css};margin:{MARGIN_MM}mm}}" for p in PAGES)
    figures = "".join(f"figure.page-{p.name}{{page:{p.name}}}" for p in PAGES)
    return (f"@page{{size:A4 portrait;margin:{MARGIN_MM}mm}}{pages}"
            f"@media print{{body{{margin:0;max-width:none;padding:0;font-size:10pt}}"
            f"figure{{break-before:page;break-inside:avoid;margin:0}}figure svg{{max-width:none}}"
            f"section.paged{{break-before:page}}tr,li{{break-inside:avoid}}a{{color:#111;text-decoration:none}}}}"
            f"{figures}")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _cell(cell: Cell, tag: str = "td", attrs: str = "") -> str:
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in items) + "</ul>")
            items.clear()

    for style, text in cell:
        if style == "li":
            items.append(text)
            continue
        flush()
        if style == "b":
            out.append(f"<p class=\"cell\"><strong>{_e(text)}</strong></p>")
        elif style == "i":
            out.append(f"<p class=\"cell\"><em>{_e(text)}</em></p>")
        else:
            out.append(f"<p class=\"cell\">{_e(text)}</p>" if len(cell) > 1 else _e(text))
    flush()
    return f"<{tag}{attrs}>{''.join(out)}</{tag}>"


def _table(table: Table, anchor: str, row_headers: bool = False) -> list[str]:
    out = [f"<table id=\"{anchor}\">", f"<caption>{_e(table.caption)}</caption>", "<thead><tr>"]
    out += [f"<th scope=\"col\">{_e(h)}</th>" for h in table.head]
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        first, *rest = row
        lead = _cell(first, "th", " scope=\"row\"") if row_headers else _cell(first)
        out.append("<tr>" + lead + "".join(_cell(c) for c in rest) + "</tr>")
    out.append("</tbody></table>")
    if table.note:
        out.append(f"<p class=\"note\">{_e(table.note)}</p>")
    return out


def _figure(chart: ChartFigure, number: int, heading: str = "h3") -> list[str]:
    svg = chart.svg
    # The picture is one image for assistive technology, named by its alt text; graphviz's own titles stay as hover text.
    svg = svg.replace("<svg ", f"<svg role=\"img\" aria-label=\"{_e(chart.alt)}\" ", 1) if "role=" not in svg[:300] \
        else svg.replace('aria-label="', f'aria-label="{_e(chart.alt)} — ', 1)
    return [f"<figure class=\"page-{chart.page.name}\" aria-labelledby=\"chart-{number}\">",
            f"<{heading} id=\"chart-{number}\">{_e(chart.title)}</{heading}>", svg.strip(),
            f"<figcaption>{_e(chart.alt)} ({_e(chart.caption)})</figcaption>", "</figure>"]


def main_html(paper: Paper, level: int = 1) -> str:
    """The paper's content (title, contents, sections) as HTML, its title a heading of ``level``."""
    w = paper.word
    h1, h2, h3 = (f"h{level}", f"h{level + 1}", f"h{level + 2}")
    sections: list[tuple[str, str]] = [("summary", w("summary")), ("findings", w("findings"))]
    if paper.charts:
        sections.append(("charts", w("charts")))
    if paper.old_new is not None:
        sections.append(("old-new", w("old_new")))
    if paper.comparison is not None:
        sections.append(("comparison", w("comparison")))
    out = ["<header>", f"<{h1}>{_e(paper.title)}</{h1}>"]
    if paper.subtitle:
        out.append(f"<p>{_e(paper.subtitle)}</p>")
    out += ["</header>", f"<nav aria-label=\"{_e(w('contents'))}\"><ol>"]
    out += [f"<li><a href=\"#{key}\">{_e(name)}</a></li>" for key, name in sections]
    out += ["</ol></nav>"]
    # Summary
    out += [f"<section aria-labelledby=\"summary\"><{h2} id=\"summary\">{_e(w('summary'))}</{h2}>",
            "<table class=\"summary\">", f"<caption>{_e(w('summary'))}</caption><tbody>"]
    out += [f"<tr><th scope=\"row\">{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in paper.summary]
    out += ["</tbody></table>", f"<p class=\"verdict\">{_e(paper.verdict)}</p>", "</section>"]
    # Findings
    out.append(f"<section aria-labelledby=\"findings\"><{h2} id=\"findings\">{_e(w('findings'))}</{h2}>")
    if not paper.findings:
        out.append(f"<p>{_e(w('no_findings'))}</p>")
    head = [w(k) for k in ("severity", "rule", "message", "layer", "source", "where")]
    for group in paper.findings:
        out += [f"<{h3}>{_e(group.body)}</{h3}>", "<table class=\"findings\">",
                f"<caption>{_e(w('findings'))}: {_e(group.body)}</caption>",
                "<thead><tr>" + "".join(f"<th scope=\"col\">{_e(h)}</th>" for h in head) + "</tr></thead><tbody>"]
        for row in group.rows:
            out.append(f"<tr><td class=\"{_SEVERITY_CLASS[row.severity.value]}\">{_e(row.severity_text)}</td>"
                       f"<td>{_e(row.rule)}</td><td>{_e(row.message)}</td><td>{_e(row.layer)}</td>"
                       f"<td>{_e(row.source)}</td><td class=\"where\">{_e(row.where)}</td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    if paper.charts:
        out.append(f"<section aria-labelledby=\"charts\"><{h2} id=\"charts\">{_e(w('charts'))}</{h2}>")
        for number, chart in enumerate(paper.charts, start=1):
            out += _figure(chart, number, h3)
        out.append("</section>")
    if paper.old_new is not None:
        out += [f"<section class=\"paged\" aria-labelledby=\"old-new\"><{h2} id=\"old-new\">{_e(w('old_new'))}</{h2}>",
                *_table(paper.old_new, "old-new-table"),
                *(_table(paper.transition, "transition-table") if paper.transition is not None else []), "</section>"]
    if paper.comparison is not None:
        out += [f"<section class=\"paged\" aria-labelledby=\"comparison\">"
                f"<{h2} id=\"comparison\">{_e(w('comparison'))}</{h2}>",
                *_table(paper.comparison, "comparison-table", row_headers=True), "</section>"]
    return "\n".join(out) + "\n"


#: The page's own style, for a page that embeds the paper (``govgraph serve``).
STYLE = _STYLE


def to_html(paper: Paper) -> str:
    """The whole paper as a standalone HTML document (the same paper gives the same bytes)."""
    out = ["<!DOCTYPE html>", f"<html lang=\"{paper.lang}\">", "<head>", "<meta charset=\"utf-8\">",
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
           f"<title>{_e(paper.title)}</title>", f"<style>{_STYLE}{_print_style()}</style>", "</head>", "<body>",
           "<main>", main_html(paper).rstrip("\n"), "</main>",
           f"<footer><p class=\"note\">{_e(paper.word('generated'))}</p></footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
