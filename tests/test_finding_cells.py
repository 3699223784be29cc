"""A finding on a workbook names the cell to fix: the column its rule's component says to correct
(ggc:fixes), even when that cell was left blank — an observer whose Voting cell is empty votes."""

from __future__ import annotations

import shutil

import openpyxl

from conftest import FIXTURES


def test_an_observer_left_blank_points_at_the_voting_column(run, tmp_path) -> None:
    path = tmp_path / "forslag.xlsx"
    shutil.copy(FIXTURES / "sheets" / "good.xlsx", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Seats"] if "Seats" in book.sheetnames else book["Pladser"]
    headers = {cell.value: cell.column for cell in sheet[1]}
    role, voting = headers.get("Role") or headers["Rolle"], headers.get("Voting") or headers["Stemmeret"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, role).value)
    sheet.cell(row, role).value = "observer"
    sheet.cell(row, voting).value = None
    book.save(path)
    result = run("validate", path, "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "CORE-OBSERVER-NO-VOTE" in result.stdout
    assert f"sheet Seats, row {row}, column Voting" in result.stdout, result.stdout
    danish = run("validate", path, "--lang", "da")
    # The workbook's own sheet and column names (English here), the place words in Danish.
    assert f"ark Seats, række {row}, kolonne Voting" in danish.stdout, danish.stdout
