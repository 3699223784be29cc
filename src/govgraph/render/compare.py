"""A comparison as text, Markdown, JSON or CSV: one renderer per format, each deterministic.

Text and Markdown are for people (labels and numbers in the chosen language,
Danish decimal commas); JSON and CSV are for programs (stable keys, plain
numbers, empty cells for figures that do not apply).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from ..compare import Comparison, Row, ScenarioInfo
from ..figures import Text, Value
from . import escape

WORDS = {
    "title": Text("Sammenligning af scenarier", "Scenario comparison"),
    "figure": Text("Nøgletal", "Figure"),
    "baseline": Text("basis", "baseline"),
    "as_of": Text("pr.", "as of"),
    "own_date": Text("hvert scenarie på sin egen dato", "each scenario on its own date"),
    "change": Text("ændring", "change"),
    "yes": Text("ja", "yes"),
    "no": Text("nej", "no"),
    "changes_note": Text("I parentes: ændring fra basis.", "In brackets: change from the baseline."),
}

MISSING = "—"


def column(index: int) -> str:
    """The head of a scenario's column: 1, 2, 3, … (not letters, which proposals often use in their names)."""
    return str(index + 1)


def format_value(value: Value, lang: str) -> str:
    """A value for people: — when missing, ja/nej, floats with two decimals (comma in Danish)."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return WORDS["yes" if value else "no"](lang)
    if isinstance(value, float):
        text = f"{value:.2f}"
        return text.replace(".", ",") if lang == "da" else text
    return str(value)


def format_change(value: Value, lang: str) -> str:
    """A change: +2, -1, ±0; empty when there is none to show."""
    if value is None:
        return ""
    if value == 0:
        return "±0"
    text = format_value(value, lang)
    return text if text.startswith("-") else f"+{text}"


def _cell(row: Row, index: int, baseline: int | None, lang: str) -> str:
    text = format_value(row.values[index], lang)
    if baseline is not None and index != baseline:
        delta = format_change(row.changes[index], lang)
        if delta:
            text += f" ({delta})"
    return text


def _describe(info: ScenarioInfo, lang: str) -> str:
    parts = [info.status(lang)] if info.status else []
    if info.day:
        parts.append(info.day.isoformat())
    parts.append(", ".join(info.files))
    return f"{info.name} ({'; '.join(parts)})"


def _heading(comparison: Comparison, lang: str) -> str:
    when = f"{WORDS['as_of'](lang)} {comparison.as_of.isoformat()}" if comparison.as_of else WORDS["own_date"](lang)
    return f"{WORDS['title'](lang)}, {when}"


def _sections(comparison: Comparison) -> list[tuple[Text, list[Row]]]:
    """Rows grouped by metric; a metric with one row of its own name is shown as that row alone."""
    grouped = []
    for key, title in comparison.sections:
        rows = [r for r in comparison.rows if r.section == key]
        if rows:
            grouped.append((title, rows))
    return grouped


def table_lines(comparison: Comparison, lang: str) -> list[tuple[str, list[str]]]:
    """(label, cells) per line, section titles with empty cells, rows indented below them."""
    lines: list[tuple[str, list[str]]] = []
    count = len(comparison.scenarios)
    for title, rows in _sections(comparison):
        alone = len(rows) == 1 and rows[0].key == rows[0].section
        if not alone:
            lines.append((title(lang), [""] * count))
        for row in rows:
            label = row.label(lang) if alone else f"  {row.label(lang)}"
            lines.append((label, [_cell(row, i, comparison.baseline, lang) for i in range(count)]))
    return lines


def render_text(comparison: Comparison, lang: str = "en") -> str:
    """A legend (1, 2, … = scenario) and an aligned table, one column per scenario."""
    out = [_heading(comparison, lang)]
    for i, info in enumerate(comparison.scenarios):
        mark = f" [{WORDS['baseline'](lang)}]" if i == comparison.baseline else ""
        out.append(f"  {column(i)}  {_describe(info, lang)}{mark}")
    out.append("")
    heads = [column(i) for i in range(len(comparison.scenarios))]
    lines = table_lines(comparison, lang)
    width = max([len(WORDS["figure"](lang))] + [len(label) for label, _ in lines])
    widths = [max([len(h)] + [len(cells[i]) for _, cells in lines]) for i, h in enumerate(heads)]
    out.append("  ".join([WORDS["figure"](lang).ljust(width)] + [h.rjust(w) for h, w in zip(heads, widths)]).rstrip())
    for label, cells in lines:
        out.append("  ".join([label.ljust(width)] + [c.rjust(w) for c, w in zip(cells, widths)]).rstrip())
    if comparison.baseline is not None:
        out += ["", WORDS["changes_note"](lang)]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return escape.markdown(text)


def render_markdown(comparison: Comparison, lang: str = "en") -> str:
    """A Markdown table with the scenarios' names as column heads, section titles in bold."""
    out = [f"## {_heading(comparison, lang)}", ""]
    for i, info in enumerate(comparison.scenarios):
        mark = f" — *{WORDS['baseline'](lang)}*" if i == comparison.baseline else ""
        out.append(f"- **{column(i)}**: {_md(_describe(info, lang))}{mark}")
    out.append("")
    heads = [f"{column(i)}: {_md(s.name)}" for i, s in enumerate(comparison.scenarios)]
    out.append("| " + " | ".join([WORDS["figure"](lang)] + heads) + " |")
    out.append("|---" + "|---:" * len(heads) + "|")
    count = len(comparison.scenarios)
    for title, rows in _sections(comparison):
        alone = len(rows) == 1 and rows[0].key == rows[0].section
        if not alone:
            out.append(f"| **{_md(title(lang))}** |" + " |" * count)
        for row in rows:
            label = row.label(lang).strip()
            label = f"**{_md(label)}**" if alone else ("&nbsp;&nbsp;" * _depth(row)) + _md(label)
            cells = [_md(_cell(row, i, comparison.baseline, lang)) for i in range(count)]
            out.append("| " + " | ".join([label] + cells) + " |")
    if comparison.baseline is not None:
        out += ["", f"*{WORDS['changes_note'](lang)}*"]
    return "\n".join(out) + "\n"


def _depth(row: Row) -> int:
    """Indentation of a row under its section: 1, plus one for each leading pair of spaces of its label."""
    label = row.label("en")
    return 1 + (len(label) - len(label.lstrip(" "))) // 2


def render_json(comparison: Comparison, lang: str = "en") -> str:
    """Scenarios and rows; values and changes as JSON numbers, strings, booleans or null."""
    names = [s.name for s in comparison.scenarios]
    data = {
        "as_of": comparison.as_of.isoformat() if comparison.as_of else None,
        "baseline": names[comparison.baseline] if comparison.baseline is not None else None,
        "scenarios": [
            {"name": s.name, "status": s.status(lang) if s.status else None,
             "date": s.day.isoformat() if s.day else None, "files": list(s.files)}
            for s in comparison.scenarios],
        "sections": [{"key": key, "title": title(lang)} for key, title in comparison.sections],
        "rows": [
            {"key": r.key, "section": r.section, "label": r.label(lang).strip(),
             "values": list(r.values),
             **({"changes": list(r.changes)} if comparison.baseline is not None else {})}
            for r in comparison.rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_csv(comparison: Comparison, lang: str = "en") -> str:
    """One line per figure: key, section, label, a value per scenario, then a change per scenario.

    Separated by ``;`` as Danish Excel expects (its list separator; the decimal comma rules out ``,``);
    the command writes the file with a UTF-8 byte-order mark so that Excel reads the letters æ, ø, å.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    names = [s.name for s in comparison.scenarios]
    changes = [f"{WORDS['change'](lang)}: {n}" for n in names] if comparison.baseline is not None else []
    writer.writerow(["key", "section", "label", *names, *changes])
    for r in comparison.rows:
        writer.writerow([r.key, r.section, r.label(lang).strip(), *map(_csv_value, r.values),
                         *map(_csv_value, r.changes)])
    return buffer.getvalue()


#: Renderers by --format name.
RENDERERS: dict[str, Callable[[Comparison, str], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}

#: ``-o`` suffix → renderer name.
SUFFIXES: dict[str, str] = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv"}
