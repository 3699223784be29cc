"""One cell ⇄ RDF terms, for every column kind in :mod:`.schema`.

``decode`` reads what a person typed (or what a CSV file holds) and returns the
terms it stands for; ``encode`` writes a term the way ``decode`` reads it back.
The exporter relies on that pair: it only puts a value in a column when
``decode(encode(v)) == v``, and leaves every other triple to the sheet of
other statements.
"""

from __future__ import annotations

import re

import datetime as dt
from collections.abc import Sequence

from rdflib import BNode, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from ..dates import read_day
from .resolve import CellError, Resolver
from .schema import LINE_KINDS, NO, YES, Column

CellValue = str | int | float | bool | dt.date | dt.datetime | None

_BOOL_WORDS = {"en": ("yes", "no"), "da": ("ja", "nej")}


def cell_text(value: CellValue) -> str:
    """A cell's value as text ('' for an empty cell); whole floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parts(column: Column, value: CellValue) -> list[str]:
    """The values in one cell: one, or several separated by ';' in a multi-valued column."""
    text = cell_text(value)
    if not text:
        return []
    if column.multi:
        return [p.strip() for p in text.split(";") if p.strip()]
    return [text]


def decode(column: Column, value: CellValue, resolver: Resolver) -> list[Node]:
    """The terms a cell stands for ([] when empty); :class:`CellError` when it makes no sense."""
    if column.kind in ("date", "during") and isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return [Literal(day.isoformat(), datatype=XSD.date)]
    if column.kind == "bool" and isinstance(value, bool):
        return [Literal(value)]
    return [decode_text(column, text, resolver) for text in parts(column, value)]


def decode_text(column: Column, text: str, resolver: Resolver) -> Node:
    kind = column.kind
    if kind == "id":
        return resolver.new_id(text)
    if kind in ("ref", "concept", "type"):
        return resolver.resolve(text, column.domain, must_exist=column.must_exist)
    if kind == "text":
        return Literal(text, lang=column.lang) if column.lang else Literal(text)
    if kind in ("date", "during"):
        return Literal(_day(text).isoformat(), datatype=XSD.date)
    if kind == "bool":
        word = text.casefold()
        if word in YES:
            return Literal(True)
        if word in NO:
            return Literal(False)
        raise CellError(f"{text!r} is not yes or no", "allowed: yes, no, ja, nej",
                        f"{text!r} er hverken ja eller nej", "mulige værdier: ja, nej, yes, no")
    if kind == "int":
        try:
            return Literal(int(text))
        except ValueError:
            raise CellError(f"{text!r} is not a whole number", "write digits only, e.g. 4",
                            f"{text!r} er ikke et helt tal", "skriv kun cifre, fx 4") from None
    if kind == "kind":
        for prop, words in LINE_KINDS.values():
            if text.casefold() in words:
                return prop
        raise CellError(f"unknown kind of reporting line {text!r}", "allowed: line, advisory, linje, rådgivende",
                        f"ukendt art af rapporteringslinje {text!r}", "mulige værdier: linje, rådgivende, line, advisory")
    raise AssertionError(f"unknown column kind {kind}")  # a defect in schema.py, not bad input


def _day(text: str) -> dt.date:
    """YYYY-MM-DD, or a Danish day-first date as a Danish Excel writes it in CSV (1.10.2022, 01-10-2022)."""
    day = read_day(text)
    if day is not None:
        return day
    raise CellError(f"{text!r} is not a date", "write YYYY-MM-DD, e.g. 2022-07-01",
                    f"{text!r} er ikke en dato", "skriv ÅÅÅÅ-MM-DD, fx 2022-07-01")


def encode(column: Column, term: Node, resolver: Resolver, lang: str) -> CellValue:
    """The cell value that :func:`decode` reads back as ``term`` (labels for concepts, ids for things)."""
    kind = column.kind
    if kind == "id":
        return resolver.short(term)
    if kind in ("concept", "type"):
        shown = resolver.label(term, lang)
        if shown and _reads_back(column, shown, term, resolver):
            return shown
        return resolver.short(term)
    if kind == "ref":
        return resolver.short(term)
    if kind == "kind":
        return next(words[0 if lang == "en" else 1] for prop, words in LINE_KINDS.values() if prop == term)
    if not isinstance(term, Literal):
        return resolver.short(term)
    if kind in ("date", "during"):
        return term.value if isinstance(term.value, dt.date) else str(term)
    if kind == "bool":
        return _BOOL_WORDS[lang][0 if term.value else 1]
    if kind == "int":
        return term.value if isinstance(term.value, int) else str(term)
    return str(term)


def join(values: Sequence[CellValue]) -> CellValue:
    """Several values in one cell."""
    if len(values) == 1:
        return values[0]
    return "; ".join(str(v) for v in values)


def _reads_back(column: Column, text: str, term: Node, resolver: Resolver) -> bool:
    try:
        return decode_text(column, text, resolver) == term
    except CellError:
        return False


def round_trips(column: Column, term: Node, resolver: Resolver, lang: str, csv: bool = False) -> bool:
    """Whether ``term`` survives being written to this column and read back."""
    if isinstance(term, BNode) and column.kind in ("concept", "type"):
        return False
    value = encode(column, term, resolver, lang)
    if csv:
        value = cell_text(value)
    if column.multi and ";" in cell_text(value):
        return False
    try:
        back = decode(column, value, resolver)
    except CellError:
        return False
    if isinstance(term, BNode):
        return len(back) == 1 and isinstance(back[0], BNode)
    return back == [term] and (not isinstance(term, Literal) or _same_literal(back[0], term))


#: A CSV field a spreadsheet would run as a formula (=, +, -, @, a tab or carriage return first), after
#: any number of apostrophes: those get one more apostrophe on export, which :func:`unformula` takes off.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def formula_safe(text: str) -> str:
    """A CSV field that no spreadsheet runs as a formula (``=HYPERLINK(…)``, ``=cmd|…``, ``+``, ``-``,
    ``@``): such text gets a leading apostrophe, as Excel itself writes text that looks like a formula.
    ``unformula(formula_safe(t)) == t`` for every text, so an export still imports back unchanged."""
    return "'" + text if _FORMULA.match(text) else text


def unformula(value: str) -> str:
    """A CSV field as written by :func:`formula_safe`, back as it was."""
    return value[1:] if value.startswith("'") and _FORMULA.match(value) else value


def _same_literal(a: Node, b: Literal) -> bool:
    return isinstance(a, Literal) and str(a) == str(b) and a.language == b.language and a.datatype == b.datatype


__all__ = ["CellValue", "cell_text", "formula_safe", "unformula", "decode", "decode_text", "encode", "join", "round_trips", "parts", "CellError"]
