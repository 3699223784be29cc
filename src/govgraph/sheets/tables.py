"""Read the raw tables of a workbook (.xlsx) or of a folder of CSV files.

A table is a sheet's header and its non-empty rows, with each cell's place, so
that every later message can say ``proposal.xlsx: sheet Seats, row 7, column
Role``. Nothing here knows RDF; :mod:`.read` turns the tables into triples.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..errors import InputError
from ..outfile import note_input
from .cells import CellValue, cell_text, unformula
from .schema import LISTS_SHEET, README_SHEET, SHEETS, Column, Sheet, column_by_header, sheet_by_name


@dataclass(frozen=True)
class Row:
    """One data row: its number as the spreadsheet shows it, and its cells by column key."""

    table: Table
    number: int
    cells: dict[str, CellValue]

    def where(self, column: str | None = None) -> str:
        """``file: sheet S, row N, column C`` (CSV: ``file.csv: row N, column C``)."""
        text = f"{self.table.file}: {self.detail}"
        if column is not None:
            text += f", column {self.table.headers[column]}"
        return text

    @property
    def detail(self) -> str:
        prefix = f"sheet {self.table.name}, " if not self.table.csv else ""
        return f"{prefix}row {self.number}"

    def text(self, key: str) -> str:
        return cell_text(self.cells.get(key))


@dataclass
class Table:
    """One sheet: which schema sheet it is, its name as written, its headers and rows."""

    sheet: Sheet
    name: str
    file: str
    csv: bool
    headers: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


_XSTRING = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unxstring(text: str) -> str:
    """An .xlsx cell's text with OOXML _xHHHH_ escapes undone (Excel writes a carriage return as _x000D_)."""
    return _XSTRING.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _header_map(sheet: Sheet, name: str, where: str, header: list[CellValue]) -> tuple[dict[int, Column], dict[str, str]]:
    columns: dict[int, Column] = {}
    headers: dict[str, str] = {}
    for index, value in enumerate(header):
        text = cell_text(value)
        if not text:
            continue
        column = column_by_header(sheet, text)
        if column is None:
            allowed = ", ".join(c.en for c in sheet.columns)
            raise InputError(f"{where}row 1", f"unknown column {text!r}", f"allowed: {allowed}",
                             da_what=f'ukendt kolonne "{text}"',
                             da_hint=f"mulige kolonner: {', '.join(c.da for c in sheet.columns)}")
        if column.key in headers:
            raise InputError(f"{where}row 1", f"column {text!r} appears twice", "keep one of them",
                             da_what=f'kolonnen "{text}" findes to gange', da_hint="behold den ene")
        columns[index] = column
        headers[column.key] = text
    for column in sheet.columns:
        if column.key not in headers and column.required:
            raise InputError(f"{where}row 1", f"column {column.en!r} is missing",
                             f"add a column headed {column.en!r} (or {column.da!r})",
                             da_what=f'kolonnen "{column.da}" mangler',
                             da_hint=f'tilføj en kolonne med overskriften "{column.da}" (eller "{column.en}")')
        headers.setdefault(column.key, column.en)
    return columns, headers


def _table(sheet: Sheet, name: str, file: str, is_csv: bool, rows: list[list[CellValue]]) -> Table:
    where = f"{file}: " + ("" if is_csv else f"sheet {name}, ")
    table = Table(sheet, name, file, is_csv)
    if not rows:
        table.headers = {c.key: c.en for c in sheet.columns}
        return table
    columns, table.headers = _header_map(sheet, name, where, rows[0])
    for number, values in enumerate(rows[1:], start=2):
        # Keep text made of spaces: on Other statements it is a value (cell_text() strips it elsewhere).
        cells = {columns[i].key: v for i, v in enumerate(values) if i in columns and v is not None and v != ""}
        if cells:
            table.rows.append(Row(table, number, cells))
    return table


def _check_sheets(tables: list[Table], file: str, present: list[str], is_csv: bool) -> None:
    found = {t.sheet.key for t in tables}
    for sheet in SHEETS:
        if sheet.required and sheet.key not in found:
            what = f"the CSV file {sheet.key}.csv is missing" if is_csv else f"sheet {sheet.en} is missing"
            da_what = f"CSV-filen {sheet.key}.csv mangler" if is_csv else f'arket "{sheet.da}" mangler'
            have = ", ".join(present) or "none"
            raise InputError(file, what, f"found: {have}; start from `govgraph template` to get every sheet",
                             da_what=da_what,
                             da_hint=f"fundet: {', '.join(present) or 'ingen'}; "
                                     "start med `govgraph template` for at få alle ark")


def _check_archive(path: Path, data: bytes) -> None:
    """Refuse a workbook that unpacks past the zip cap (a zip bomb) or whose XML declares a DTD
    (entities: an .xlsx never has one). Declared sizes are checked first, then the parts are
    read, so a lying header is caught too."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # openpyxl's refusal words it: not a workbook
    cap = limits.current().zip_bytes
    with archive:
        members = archive.infolist()
        limits.check(path, "zip_bytes", sum(m.file_size for m in members))
        total = 0
        for member in members:
            tail = b""
            try:
                with archive.open(member) as part:
                    while chunk := part.read(1 << 20):
                        total += len(chunk)
                        if total > cap:
                            raise limits.exceeded(path, "zip_bytes")
                        if b"<!DOCTYPE" in (tail + chunk).upper() or b"<!ENTITY" in (tail + chunk).upper():
                            raise InputError(f"{path}: {member.filename}", "the workbook's XML declares a DTD",
                                             "an .xlsx has none; save the workbook again from Excel or LibreOffice",
                                             da_what="projektmappens XML erklærer en DTD",
                                             da_hint="en .xlsx har ingen; gem projektmappen igen fra Excel eller "
                                                     "LibreOffice")
                        tail = chunk[-16:]
            except (zipfile.BadZipFile, EOFError, OSError, zlib.error, NotImplementedError, RuntimeError) as err:
                raise InputError(f"{path}: {member.filename}", f"the workbook is damaged ({err})",
                                 "save it again from Excel or LibreOffice",
                                 da_what=f"projektmappen er beskadiget ({err})",
                                 da_hint="gem den igen fra Excel eller LibreOffice") from None


def _sheet_rows(where: str, cells: list[int], rows_iter) -> list[list[CellValue]]:  # type: ignore[no-untyped-def]
    """A sheet's rows as values, within the row and cell caps (``cells`` counts across sheets);
    ``where`` is the place before the row number (``file: sheet S, `` or ``file.csv: ``)."""
    caps = limits.current()
    rows: list[list[CellValue]] = []
    for row in rows_iter:
        if len(rows) >= caps.rows:
            raise limits.exceeded(f"{where}row {len(rows) + 1}", "rows")
        cells[0] += len(row)
        if cells[0] > caps.cells:
            raise limits.exceeded(f"{where}row {len(rows) + 1}", "cells")
        rows.append(list(row))
    return rows


def read_xlsx_tables(path: Path) -> list[Table]:
    """The data sheets of an .xlsx workbook (the read-me and Lists sheets are skipped)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with path.open("rb") as handle:
            limits.check(path, "file_bytes", os.fstat(handle.fileno()).st_size)
            data = handle.read()
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})",
                         da_what=f"filen kan ikke læses ({err.strerror or err})") from None
    note_input(path)
    _check_archive(path, data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InputError(path, "is not an Excel workbook (.xlsx)",
                         "save it from Excel or LibreOffice as .xlsx, or start from `govgraph template`",
                         da_what="er ikke en Excel-projektmappe (.xlsx)",
                         da_hint="gem den fra Excel eller LibreOffice som .xlsx, eller start med `govgraph template`"
                         ) from None
    except Exception as err:  # openpyxl raises whatever its XML parser meets in a damaged part
        raise _damaged(path, "", err) from None
    tables: list[Table] = []
    names = list(book.sheetnames)
    cells = [0]
    try:
        for name in names:
            if name in (*LISTS_SHEET, *README_SHEET):
                continue
            sheet = sheet_by_name(name)
            if sheet is None:
                continue  # a sheet of the user's own notes
            if any(t.sheet is sheet for t in tables):
                raise InputError(path, f"sheet {sheet.en} appears twice (as {name!r})", "keep one of them",
                                 da_what=f'arket "{sheet.da}" findes to gange (som "{name}")',
                                 da_hint="behold det ene")
            try:
                ws = book[name]
                # Read every row the sheet holds, not only those its (writer-given) dimension claims:
                # rows past a stale dimension are data too, and the row cap must see them.
                ws.reset_dimensions()
                rows = [[unxstring(v) if isinstance(v, str) else v for v in r]
                        for r in _sheet_rows(f"{path}: sheet {name}, ", cells, ws.iter_rows(values_only=True))]
            except InputError:
                raise
            except Exception as err:  # damaged sheet XML: openpyxl passes on its parser's error, whatever type
                raise _damaged(path, name, err) from None
            tables.append(_table(sheet, name, str(path), False, rows))
    finally:
        book.close()
    _check_sheets(tables, str(path), names, False)
    return tables


def _damaged(path: Path, sheet: str, err: Exception) -> InputError:
    where = f"{path}: sheet {sheet}" if sheet else str(path)
    why = (str(err).splitlines() or [type(err).__name__])[0][:120]
    return InputError(where, f"the workbook is damaged and cannot be read ({why})",
                      "save it again from Excel or LibreOffice, or start from `govgraph template`",
                      da_what=f"projektmappen er beskadiget og kan ikke læses ({why})",
                      da_hint="gem den igen fra Excel eller LibreOffice, eller start med `govgraph template`")


def is_csv_folder(path: Path) -> bool:
    """A folder holding at least one CSV file named after a sheet (bodies.csv, seats.csv, …)."""
    return path.is_dir() and any(sheet_by_name(p.stem) for p in path.glob("*.csv"))


def _csv_text(path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel in Danish saves as plain "CSV"."""
    from ..load import _read_bytes

    data = _read_bytes(path)
    note_input(path)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "the file is neither UTF-8 nor Windows-1252 text", "save it as CSV UTF-8",
                     da_what="filen er hverken UTF-8- eller Windows-1252-tekst", da_hint="gem den som CSV UTF-8")


def read_csv_tables(folder: Path) -> list[Table]:
    """The tables of a folder of CSV files, one per sheet, named by the sheet (seats.csv or Pladser.csv)."""
    tables: list[Table] = []
    cells = [0]
    note_input(folder)
    files = sorted(folder.glob("*.csv"))
    for path in files:
        sheet = sheet_by_name(path.stem)
        if sheet is None:
            continue
        if any(t.sheet is sheet for t in tables):
            raise InputError(path, f"a second CSV file for sheet {sheet.en}", "keep one of them",
                             da_what=f'endnu en CSV-fil til arket "{sheet.da}"', da_hint="behold den ene")
        text = _csv_text(path)
        first = text.splitlines()[0] if text.strip() else ""
        # Excel with a Danish locale separates CSV fields with ';'.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            rows = _sheet_rows(f"{path}: ", cells, csv.reader(io.StringIO(text), delimiter=delimiter))
            rows = [[unformula(v) for v in row] for row in rows]
        except csv.Error as err:
            raise InputError(path, f"cannot read as CSV: {err}", da_what=f"kan ikke læses som CSV: {err}") from None
        tables.append(_table(sheet, sheet.en, str(path), True, rows))
    _check_sheets(tables, str(folder), [p.name for p in files], True)
    return tables
