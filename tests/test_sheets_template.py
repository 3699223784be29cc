"""`govgraph template`: sheets, drop-down lists, example rows, read-me; a person fills it in by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from conftest import DATA
from govgraph import load
from govgraph.model import organization
from govgraph.sheets.template import example_graph
from govgraph.vocab import NJ


@pytest.fixture
def template_da(run, tmp_path: Path) -> Path:
    out = tmp_path / "forslag.xlsx"
    result = run("template", "-o", out, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    return out


def _validations(sheet) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in sheet.data_validations.dataValidation}


def test_sheets_headers_and_lists_in_danish(template_da: Path) -> None:
    book = openpyxl.load_workbook(template_da)
    assert book.sheetnames == ["Læs mig", "Lister", "Scenarie", "Organer", "Pladser", "Medlemmer",
                               "Rapporteringslinjer", "Opgaver", "Ændringer", "Beslutninger", "Øvrige udsagn", "Præfikser"]
    assert book["Lister"].sheet_state == "hidden"
    seats = book["Pladser"]
    headers = [c.value for c in seats[1]]
    assert headers[:7] == ["Id", "Organ", "Navn (da)", "Navn (en)", "Rolle", "Part", "Repræsenterer"]
    checks = _validations(seats)
    role_range = checks["E"]  # Rolle
    lists = book["Lister"]
    column = role_range.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    roles = [c.value for c in lists[column][1:] if c.value]
    assert {"borgmester", "regionsrådsformand", "observatør"} <= set(roles)
    parties = [c.value for c in lists[checks["G"].split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")]]
    assert "Aalborg Kommune" in parties and "Klynge Midt" in parties
    assert set(checks) >= {"B", "E", "F", "G", "H", "I", "J", "K", "L", "M"}
    assert "Pladser" in [c.value for c in book["Læs mig"]["A"]]


def test_example_rows_read_back_as_the_example(template_da: Path) -> None:
    assert to_isomorphic(load([template_da]).user) == to_isomorphic(example_graph())


def test_template_is_byte_identical_and_english_too(run, tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        assert run("template", "-o", tmp_path / name).exit_code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert "Seats" in book.sheetnames and book["Seats"]["E1"].value == "Role"


def test_context_bodies_are_offered_by_label(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = run("template", "-o", out, "--context", DATA / "scenarios" / "nordjylland-2022.ttl")
    assert result.exit_code == 0 and "deprecated" not in result.stderr
    book = openpyxl.load_workbook(out)
    body_list = _validations(book["Seats"])["B"]
    column = body_list.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    offered = {c.value for c in book["Lists"][column]}
    assert "Regional Council" in offered  # reference data, by its English label
    org = organization(load([DATA / "scenarios" / "nordjylland-2022.ttl"]))
    assert "Health Cooperation Committee" in offered
    assert all(org.label(b.iri, "en") in offered or str(b.iri).rsplit("/", 1)[-1] in offered for b in org.bodies)


def test_base_is_a_deprecated_alias_of_context(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = run("template", "-o", out, "--base", DATA / "scenarios" / "nordjylland-2022.ttl")
    assert result.exit_code == 0 and "--base is deprecated; use --context" in result.stderr


def test_template_wants_xlsx(run, tmp_path: Path) -> None:
    result = run("template", "-o", tmp_path / "t.csv")
    assert result.exit_code == 2 and ".xlsx" in result.stderr
    assert not (tmp_path / "t.csv").exists()


def _fill(path: Path, sheet: str, rows: list[dict[str, object]], start: int) -> None:
    """Type values into cells under the headers, as a person would, and save."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    columns = {c.value: c.column for c in ws[1]}
    for offset, row in enumerate(rows):
        for header, value in row.items():
            ws.cell(row=start + offset, column=columns[header], value=value)
    book.save(path)


#: The example rows hold five seats (rows 2-6); the person types three more below them.
FIRST_FREE_ROW = 7
PERSON_SEATS = [
    {"Id": "pk-midt-r3", "Organ": "Politisk Sundhedsklynge Midt", "Navn (da)": "Regionsrådsmedlem 3",
     "Rolle": "regionsrådsmedlen", "Part": "region", "Repræsenterer": "Region Nordjylland"},  # the mistake
    {"Id": "pk-midt-raadmand", "Organ": "pk-midt", "Navn (da)": "Rådmand, Aalborg", "Rolle": "rådmand",
     "Part": "kommune", "Repræsenterer": "Aalborg"},
    {"Id": "pk-midt-obs", "Organ": "pk-midt", "Navn (da)": "Udvalgsformand", "Rolle": "udvalgsformand",
     "Part": "kommune", "Repræsenterer": "Aalborg", "Stemmeret": "nej"},
]


def test_a_person_fills_in_the_template(run, template_da: Path, tmp_path: Path) -> None:
    _fill(template_da, "Pladser", PERSON_SEATS, start=FIRST_FREE_ROW)
    out = tmp_path / "forslag.ttl"
    result = run("import", template_da, "-o", out)
    assert result.exit_code == 2
    assert "sheet Pladser, row 7, column Rolle: unknown role 'regionsrådsmedlen'" in result.stderr
    assert "allowed: regionsrådsmedlem" in result.stderr
    assert not out.exists()
    # The person corrects the cell the message names.
    _fill(template_da, "Pladser", [{"Rolle": "regionsrådsmedlem"}], start=FIRST_FREE_ROW)
    result = run("import", template_da, "-o", out)
    assert result.exit_code == 0, result.stderr
    org = organization(load([out]))
    seats = org.by_iri[NJ["pk-midt"]].seats
    assert len(seats) == 8
    assert sum(1 for s in seats if not s.voting) == 1
    assert {s.represents for s in seats} == {NJ["aalborg"], NJ["jammerbugt"], NJ["region-nordjylland"],
                                             NJ["plo-nordjylland"]}
    model = load([template_da])
    assert str(model.locate(NJ["pk-midt-r3"])).endswith("forslag.xlsx: sheet Pladser, row 7")
    assert isinstance(Graph().parse(out, format="turtle"), Graph)


RULES = Path(__file__).resolve().parent / "fixtures" / "sheets" / "rules.ttl"


def _finding(output: str, rule: str) -> tuple[str, str]:
    """The text renderer's line of a rule's finding, and the 'where' line under it."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if f"[{rule}]" in line)
    return lines[at], lines[at + 1]


def test_validate_on_the_filled_template_names_cells(run, template_da: Path) -> None:
    """The person forgets a role and to mark the observer as non-voting: findings point at the cells."""
    seats = [dict(s, Rolle=None) if s["Id"] == "pk-midt-r3" else s for s in PERSON_SEATS]
    seats = [dict(s, Stemmeret=None) if s["Id"] == "pk-midt-obs" else s for s in seats]
    _fill(template_da, "Pladser", seats, start=FIRST_FREE_ROW)
    result = run("validate", template_da, "--rules", RULES, "--lang", "da")
    assert result.exit_code == 1, result.stderr
    message, where = _finding(result.stdout, "SHEETS-SEAT-ROLE")
    assert "Regionsrådsmedlem 3 har ingen rolle" in message
    assert where.endswith("forslag.xlsx: ark Pladser, række 7, kolonne Rolle")
    message, where = _finding(result.stdout, "SHEETS-PARITY")
    # Example rows: 2 regional and 2 municipal voting seats; the person adds a regional member, an
    # alderman and, voting by mistake, the committee chair: 3 regional against 4 municipal.
    assert "3 regionale og 4 kommunale" in message
    assert where.endswith("forslag.xlsx: ark Organer, række 2")
    assert len([line for line in result.stdout.splitlines() if "[SHEETS-" in line and "OBSERVER" not in line]) == 2


def test_a_finding_about_a_seat_points_at_its_row(run) -> None:
    good = Path(__file__).resolve().parent / "fixtures" / "sheets" / "good.xlsx"
    result = run("validate", good, "--rules", RULES)
    message, where = _finding(result.stdout, "SHEETS-OBSERVER-SEAT")
    assert "has an observer seat: Committee chair (observer)" in message
    assert where.endswith("good.xlsx: sheet Seats, row 8")


def test_the_bundled_rules_point_at_the_row_a_person_typed(run, template_da: Path) -> None:
    """Under the 2022 rules: the person adds Aalborg's health-committee chair but forgets 'nej' under
    Stemmeret. The observer rule names that seat's Stemmeret cell; parity (now 2 against 3) names the body's row."""
    _fill(template_da, "Pladser", [{"Id": "pk-midt-obs", "Organ": "pk-midt", "Navn (da)": "Udvalgsformand, Aalborg",
                                    "Rolle": "udvalgsformand", "Part": "kommune", "Repræsenterer": "Aalborg"}],
          start=FIRST_FREE_ROW)
    result = run("validate", template_da, "--lang", "da")
    assert result.exit_code == 1, result.stderr
    message, where = _finding(result.stdout, "DK22-LOC-PHC-OBSERVERS")
    assert "Udvalgsformand, Aalborg" in message
    assert where.endswith("forslag.xlsx: ark Pladser, række 7, kolonne Stemmeret")  # the cell left blank
    assert _finding(result.stdout, "DK22-LOC-PARITY")[1].endswith("forslag.xlsx: ark Organer, række 2")
    # Marking the observer fixes both.
    _fill(template_da, "Pladser", [{"Stemmeret": "nej"}], start=FIRST_FREE_ROW)
    result = run("validate", template_da, "--lang", "da")
    assert "[DK22-LOC-PHC-OBSERVERS]" not in result.stdout and "[DK22-LOC-PARITY]" not in result.stdout
    assert result.exit_code == 0, result.stdout
