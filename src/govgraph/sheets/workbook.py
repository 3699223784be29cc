"""Write sheets: an .xlsx workbook with drop-down lists and a read-me, or a folder of CSV files.

Both the template and the export write through here, so an exported model is
as easy to edit as a fresh template. Output is deterministic: fixed workbook
properties and fixed zip timestamps make the same rows give the same bytes.
Files are written to a temporary name next to the target and then moved into
place, so a failure never leaves half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from rdflib import Graph

from ..errors import InputError
from ..outfile import write_atomic, write_folder
from .cells import CellValue, cell_text, formula_safe
from .resolve import CellError, Resolver
from .schema import BODIES, LINE_KINDS, LISTS_SHEET, README_SHEET, SEATS, SHEETS, Column, Sheet

FIXED_TIME = dt.datetime(2020, 1, 1)
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
_MAX_ROW = 1000
_BODY_ROWS = 200
#: Drop-down lists on the hidden Lists sheet, in this order: key → (English, Danish) heading.
LISTS: dict[str, tuple[str, str]] = {
    "role": ("Roles", "Roller"), "side": ("Sides", "Parter"), "level": ("Levels", "Niveauer"),
    "office": ("Offices", "Hverv"), "status": ("Status", "Status"),
    "qualification": ("Qualifications", "Kvalifikationer"), "body-type": ("Body types", "Organtyper"),
    "task": ("Tasks", "Opgaver"), "body": ("Bodies", "Organer"),
    "party": ("Municipalities, clusters, organizations", "Kommuner, klynger, organisationer"),
    "source": ("Sources", "Kilder"), "bool": ("Yes/no", "Ja/nej"), "kind": ("Kinds of line", "Linjetyper"),
}


def list_values(resolver: Resolver, key: str, lang: str) -> list[str]:
    """The entries of one drop-down list: labels in ``lang`` that read back to the same thing, else ids."""
    if key == "bool":
        return ["ja", "nej"] if lang == "da" else ["yes", "no"]
    if key == "kind":
        return [words[1 if lang == "da" else 0] for _, words in LINE_KINDS.values()]
    values = []
    for node in resolver.members[key]:
        shown = resolver.label(node, lang) if key != "source" else ""
        try:
            if not shown or resolver.resolve(shown, key, must_exist=True) != node:
                shown = resolver.short(node)
        except CellError:
            shown = resolver.short(node)
        values.append(shown)
    return sorted(set(values), key=str.casefold)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _validation_source(column: Column, list_columns: dict[str, str], lang: str) -> tuple[str, bool] | None:
    """The range a column's drop-down offers, and whether other values are refused outright."""
    if column.domain == "seat":
        return f"'{SEATS.name(lang)}'!$A$2:$A${_MAX_ROW}", False
    key = column.domain if column.kind in ("concept", "type", "ref") else column.kind
    if key not in list_columns:
        return None
    # Only yes/no and line kinds are refused outright: elsewhere an id (role:Mayor) or a label in
    # the other language is as good as a listed name, so Excel only warns.
    strict = column.kind in ("bool", "kind")
    return list_columns[key], strict


_XESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xstring(text: str) -> str:
    """Text as an .xlsx cell stores it (OOXML ST_Xstring, as Excel does): a carriage return, which
    XML would turn into a plain line break, becomes _x000D_, and a literal _xHHHH_ is escaped."""
    return _XESCAPE.sub(r"_x005F_\1", text).replace("\r", "_x000D_")


def _write_cell(ws, row: int, col: int, value: CellValue) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        raise InputError(f"sheet {ws.title}, row {row}", f"the text {value[:40]!r} holds a control character "
                         "that an .xlsx workbook cannot store", "export to a folder of CSV files instead: -o FOLDER",
                         da_what=f"teksten {value[:40]!r} indeholder et kontroltegn, som en .xlsx-projektmappe "
                                 "ikke kan gemme",
                         da_hint="eksportér i stedet til en mappe med CSV-filer: -o MAPPE")
    if isinstance(value, str):
        value = xstring(value)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"


def write_xlsx(out: Path, rows: dict[str, list[dict[str, CellValue]]], lang: str, context: Graph) -> None:
    """Write the rows of every sheet as a workbook with drop-downs, a Lists sheet and a read-me."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    resolver = Resolver(context, lang=lang)
    book = Workbook()
    book.remove(book.active)
    readme = book.create_sheet(README_SHEET[1 if lang == "da" else 0])
    lists = book.create_sheet(LISTS_SHEET[1 if lang == "da" else 0])
    list_columns: dict[str, str] = {}
    for index, (key, heading) in enumerate(LISTS.items(), start=1):
        if key == "body":
            # Bodies of the reference data and --context files by label (as the readers accept them),
            # then every id typed on the Bodies sheet.
            values = list_values(resolver, "body", lang)
            bodies = BODIES.name(lang)
            values += [f"=IF('{bodies}'!A{n}=\"\",\"\",'{bodies}'!A{n})" for n in range(2, _BODY_ROWS + 2)]
        else:
            values = list_values(resolver, key, lang)
        letter = _column_letter(index)
        lists.cell(row=1, column=index, value=heading[1 if lang == "da" else 0]).font = Font(bold=True)
        for number, value in enumerate(values, start=2):
            cell = lists.cell(row=number, column=index, value=value)
            if not value.startswith("=IF("):
                cell.data_type = "s"
        list_columns[key] = f"'{lists.title}'!${letter}$2:${letter}${max(2, len(values) + 1)}"
    lists.sheet_state = "hidden"
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name(lang))
        for index, column in enumerate(sheet.columns, start=1):
            header = ws.cell(row=1, column=index, value=column.header(lang))
            header.font = Font(bold=True, color="9C0006" if column.required else None)
            ws.column_dimensions[_column_letter(index)].width = min(40, max(14, len(column.header(lang)) + 4))
            source = _validation_source(column, list_columns, lang)
            if source is not None:
                formula, strict = source
                check = DataValidation(type="list", formula1=f"={formula}", allow_blank=True,
                                       errorStyle="stop" if strict else "warning",
                                       showErrorMessage=True, error=column.help_en if lang == "en" else column.help_da)
                letter = _column_letter(index)
                check.add(f"{letter}2:{letter}{_MAX_ROW}")
                ws.add_data_validation(check)
        for number, row in enumerate(rows.get(sheet.key, []), start=2):
            for index, column in enumerate(sheet.columns, start=1):
                value = row.get(column.key)
                if value is not None and value != "":
                    try:
                        _write_cell(ws, number, index, value)
                    except InputError as error:
                        raise InputError(f"{out}: {error.where}, column {column.header(lang)}", error.what,
                                         error.hint, da_what=error.da_what, da_hint=error.da_hint) from None
        ws.freeze_panes = "A2"
    _write_readme(readme, lang)
    book.properties.creator = "govgraph"
    book.properties.lastModifiedBy = "govgraph"
    book.properties.title = "govgraph"
    save_workbook(book, out)


def _write_readme(ws, lang: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Font

    da = lang == "da"
    lines: list[tuple[str, ...]] = [
        ("govgraph: " + ("forslag som regneark" if da else "a proposal as a spreadsheet"),),
        (("Udfyld arkene; én række pr. ting. Røde overskrifter skal udfyldes. Skriv navne (fx 'borgmester', "
          "'Aalborg') eller id'er (fx 'role:Mayor', 'pk-midt'); rullelisterne viser de kendte navne.")
         if da else ("Fill in the sheets, one row per thing. Red headers are required. Write names (e.g. 'mayor', "
                     "'Aalborg') or ids (e.g. 'role:Mayor', 'pk-midt'); the drop-down lists show the known names."),),
        (("Kontrollér med: govgraph validate forslag.xlsx   Lav Turtle med: govgraph import forslag.xlsx -o forslag.ttl")
         if da else ("Check it with: govgraph validate proposal.xlsx   Make Turtle with: "
                     "govgraph import proposal.xlsx -o proposal.ttl"),),
        ("",),
    ]
    for sheet in SHEETS:
        lines.append((sheet.name(lang), sheet.help_da if da else sheet.help_en))
        lines.append(("Kolonne" if da else "Column", "Skal udfyldes" if da else "Required",
                      "Hvad skrives der" if da else "What to write"))
        for column in sheet.columns:
            lines.append((column.header(lang), ("ja" if da else "yes") if column.required else "",
                          column.help_da if da else column.help_en))
        lines.append(("",))
    for number, line in enumerate(lines, start=1):
        for index, text in enumerate(line, start=1):
            if text:
                ws.cell(row=number, column=index, value=text)
        if number == 1 or (len(line) == 2):
            ws.cell(row=number, column=1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 80


def save_workbook(book, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Save with fixed properties and zip timestamps, atomically."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    write_atomic(out, fixed.getvalue())


def csv_bytes(sheet: Sheet, rows: list[dict[str, CellValue]], lang: str) -> bytes:
    """One sheet as CSV as Danish Excel opens it in columns: UTF-8 with a byte-order mark, ``;``-separated,
    header in ``lang``. (The readers take these and the older comma-separated files alike.)"""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")  # RFC 4180: a field holding \r or \n is quoted
    writer.writerow([c.header(lang) for c in sheet.columns])
    for row in rows:
        # Text as it is (other statements keep their spaces); dates, numbers and booleans as read back.
        # formula_safe: a label such as =HYPERLINK(…) must stay text when a spreadsheet opens the file.
        writer.writerow([formula_safe(v if isinstance(v := row.get(c.key), str) else cell_text(v))
                         for c in sheet.columns])
    return text.getvalue().encode("utf-8-sig")


def write_csv_folder(out: Path, rows: dict[str, list[dict[str, CellValue]]], lang: str) -> None:
    """One CSV file per sheet (scenario.csv, bodies.csv, …) in the folder ``out``, all or none
    (:func:`govgraph.outfile.write_folder`: never over an input, never into a file)."""
    write_folder(out, {f"{sheet.key}.csv": csv_bytes(sheet, rows.get(sheet.key, []), lang) for sheet in SHEETS})
