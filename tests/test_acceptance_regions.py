"""Acceptance: a proposal for a region other than North Jutland, with only the bundled reference data.

The same proposal for Region Midtjylland's Randers cluster (October 2022) is written three ways: a
folder of CSV files, a YAML file, and the template workbook filled in with openpyxl row by row, as
a person would type it — names, not ids ("Randers", "Region Midtjylland", "borgmester"). Syddjurs's
mayor is missing and a voting seat represents Aarhus, a municipality of another cluster: the law's
findings point at the sheet, row and column (CSV, workbook) or line (YAML). North Jutland's parity
decision does not bind here, so the agreement's "3 regional members" does.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from conftest import FIXTURES

OTHER = FIXTURES / "other-region"
CSV = OTHER / "randers-2022-csv"
YAML = OTHER / "randers-2022.yaml"
#: CSV file → the template's sheet (English template: the CSV headers are its column headers).
SHEETS = {"scenario.csv": "Scenario", "bodies.csv": "Bodies", "seats.csv": "Seats", "tasks.csv": "Tasks"}
DATES = {"Effective date", "Valid from", "Valid until"}
EXPECTED = [
    ("DK22-AGR-PHC-PATIENT-INVOLVEMENT", "info"),
    ("DK22-AGR-PHC-REGIONAL", "warning"),  # 4 regional members; no local decision overrides it here
    ("DK22-AGR-PHC-TASK-INITIATIVES", "warning"),
    ("DK22-AGR-PHC-TASK-INPUT", "warning"),
    ("DK22-LAW-PHC-CONSTITUENCY", "violation"),  # Aarhus is not in the Randers cluster
    ("DK22-LAW-PHC-MAYORS", "violation"),  # Syddjurs's mayor is missing
]


def fill_template(run, tmp_path: Path) -> Path:
    """`govgraph template`, then every CSV row typed into the sheet of the same name, cell by cell."""
    book_path = tmp_path / "forslag-randers.xlsx"
    assert run("template", "-o", book_path).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    for sheet in book.worksheets:  # a person deletes the example rows first
        if sheet.title in SHEETS.values() or sheet.title in ("Memberships", "Reporting lines", "Change events",
                                                             "Decisions", "Other statements"):
            if sheet.max_row > 1:
                sheet.delete_rows(2, sheet.max_row - 1)
    for name, title in SHEETS.items():
        sheet = book[title]
        column = {cell.value: cell.column for cell in sheet[1]}
        with (CSV / name).open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for header, text in row.items():
                    if text:
                        value = dt.date.fromisoformat(text) if header in DATES else text
                        sheet.cell(row=number, column=column[header], value=value)
    book.save(book_path)
    return book_path


def findings(run, source: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    result = run("validate", source, "--format", "json")
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    found = sorted((f["rule"], f["severity"]) for f in document["findings"])
    where = {f["rule"]: f["location"] for f in document["findings"]}
    return found, where


def test_csv_proposal_for_midtjylland_validates_with_cells(run) -> None:
    found, where = findings(run, CSV)
    assert found == EXPECTED
    assert where["DK22-LAW-PHC-CONSTITUENCY"].endswith("randers-2022-csv/seats.csv: row 11, column Represents")
    assert where["DK22-LAW-PHC-MAYORS"].endswith("randers-2022-csv/bodies.csv: row 2")


def test_yaml_proposal_for_midtjylland_validates_with_lines(run) -> None:
    found, where = findings(run, YAML)
    assert found == EXPECTED
    assert where["DK22-LAW-PHC-CONSTITUENCY"].endswith("randers-2022.yaml:98")


def test_template_filled_with_openpyxl_validates_with_sheet_row_and_column(run, tmp_path: Path) -> None:
    book = fill_template(run, tmp_path)
    found, where = findings(run, book)
    assert found == EXPECTED
    assert where["DK22-LAW-PHC-CONSTITUENCY"].endswith("forslag-randers.xlsx: sheet Seats, row 11, column Represents")
    assert where["DK22-LAW-PHC-MAYORS"].endswith("forslag-randers.xlsx: sheet Bodies, row 2")
    danish = run("validate", book, "--lang", "da")
    assert "ark Seats, række 11, kolonne Represents" in danish.stdout


def test_north_jutlands_parity_does_not_bind_midtjylland(run) -> None:
    found, _ = findings(run, CSV)
    assert not any(rule.startswith("DK22-LOC-") for rule, _ in found)


def test_a_municipality_that_does_not_exist_names_the_cell_and_the_closest_names(run, tmp_path: Path) -> None:
    book = fill_template(run, tmp_path)
    workbook = openpyxl.load_workbook(book)
    seats = workbook["Seats"]
    column = {cell.value: cell.column for cell in seats[1]}
    seats.cell(row=7, column=column["Represents"], value="Favrskow")
    workbook.save(book)
    result = run("validate", book)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "sheet Seats, row 7, column Represents: unknown municipality, region, cluster or organization 'Favrskow'" \
        in result.stderr
    assert "allowed: favrskov" in result.stderr.casefold()


@pytest.mark.parametrize("typed", ["Høje Taastrup", "Nordfyns", "Aarhus Kommune", "Aarhus Municipality", "dk:aarhus"])
def test_common_spellings_and_ids_resolve(typed: str) -> None:
    from govgraph.sheets.read import context_graph
    from govgraph.sheets.resolve import Resolver

    node = Resolver(context_graph()).resolve(typed, "party", must_exist=True)
    assert str(node).startswith("https://w3id.org/govgraph/denmark/")


def test_a_name_that_fits_two_things_is_refused_on_one_line_listing_both(tmp_path: Path) -> None:
    """Two files of --context name two different things 'Sundhedsklynge Kyst': the cell lists both ids."""
    from govgraph.sheets.read import context_graph
    from govgraph.sheets.resolve import CellError, Resolver

    with pytest.raises(CellError) as caught:
        Resolver(context_graph([OTHER / "two-coasts.ttl"])).resolve("Sundhedsklynge Kyst", "party", must_exist=True)
    text = str(caught.value.at("x.xlsx: sheet Seats, row 2, column Represents"))
    assert "\n" not in text and "names more than one" in text
    assert "kyst-nord" in text and "kyst-syd" in text
