"""Spreadsheet, CSV and YAML proposals: read with cell places; every kind of bad input is one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from graphs import assert_isomorphic
from govgraph import InputError, load
from govgraph.model import organization
from govgraph.vocab import NJ

SHEETS = FIXTURES / "sheets"

BAD_INPUT = [
    # fixture, words the message must contain
    ("empty-required.xlsx", ["empty-required.xlsx: sheet Seats, row 7, column Body:", "empty but required"]),
    ("unknown-role.xlsx", ["unknown-role.xlsx: sheet Seats, row 7, column Role:", "unknown role 'borgmster'",
                           "(allowed: borgmester, "]),
    ("unknown-municipality.xlsx", ["sheet Seats, row 5, column Represents:", "unknown municipality",
                                  "'Aalborgg'", "(allowed: aalborg, "]),
    ("duplicate-id.xlsx", ["sheet Seats, row 7, column Id:", "duplicate id 'pk-midt-jammerbugt'", "sheet Seats, row 6"]),
    ("bad-date.xlsx", ["sheet Bodies, row 2, column Valid from:", "'1. oktober 2022' is not a date", "YYYY-MM-DD"]),
    ("missing-body.xlsx", ["sheet Seats, row 7, column Body:", "unknown body 'pk-nord'",
                           "allowed: ", "Political Health Cluster Midt"]),
    ("missing-sheet.xlsx", ["missing-sheet.xlsx: sheet Seats is missing", "found: Scenario, Bodies, Tasks"]),
    ("unknown-column.xlsx", ["unknown-column.xlsx: sheet Seats, row 1: unknown column 'Rolle x'",
                             "(allowed: Id, Body, Label (da), Label (en), Role, "]),
    ("not-a-spreadsheet.xlsx", ["not-a-spreadsheet.xlsx: is not an Excel workbook (.xlsx)"]),
    ("unknown-role-csv", ["unknown-role-csv/seats.csv: row 7, column Role:", "unknown role 'borgmster'"]),
    ("bad.yaml", ["bad.yaml:5:7", "YAML syntax error"]),
    ("remote-context.yaml", ["remote JSON-LD context", "refused"]),
    ("unknown-prefix.yaml", ["unknown-prefix.yaml:48:", "unknown prefix 'rol' in 'rol:Mayor'", "role"]),
]


@pytest.mark.parametrize("name,words", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_library(name: str, words: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        load([SHEETS / name])
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("name,words", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_import_one_line_exit_2_nothing_written(run, tmp_path: Path, name: str, words: list[str]) -> None:
    out = tmp_path / "proposal.ttl"
    result = run("import", SHEETS / name, "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("govgraph: ")
    for word in words:
        assert word in lines[0]
    assert list(tmp_path.iterdir()) == [], "a failed import must leave nothing on disk"


def test_xlsx_csv_and_yaml_say_theassert_isomorphic() -> None:
    xlsx = load([SHEETS / "good.xlsx"]).user
    assert_isomorphic(xlsx, load([SHEETS / "good-csv"]).user)
    assert_isomorphic(xlsx, load([SHEETS / "good.yaml"]).user)


def test_labels_and_ids_resolve() -> None:
    org = organization(load([SHEETS / "good.xlsx"]))
    body = org.by_iri[NJ["pk-midt"]]
    seats = {s.iri.rsplit("/", 1)[-1]: s for s in body.seats}
    # "borgmester", "role:Mayor", "regionsrådsmedlem" and "regional council member" are all understood
    assert seats["pk-midt-aalborg"].role == seats["pk-midt-jammerbugt"].role
    assert str(seats["pk-midt-jammerbugt"].role).endswith("role/Mayor")
    assert seats["pk-midt-region-2"].role == seats["pk-midt-region-3"].role
    # "Aalborg" (a short label) and "jammerbugt" (a local name) name municipalities
    assert seats["pk-midt-aalborg"].represents == NJ["aalborg"]
    assert seats["pk-midt-jammerbugt"].represents == NJ["jammerbugt"]
    # a body named by its label; "no" in Voting makes an observer
    assert seats["pk-midt-plo"].body == NJ["pk-midt"]
    assert [s.voting for s in body.seats].count(False) == 1 and not seats["pk-midt-observatoer"].voting
    assert body.valid_until is not None and body.valid_until.isoformat() == "2026-12-31"


@pytest.mark.parametrize("source,place", [
    ("good.xlsx", "good.xlsx: sheet Seats, row 7"),
    ("good-csv", "good-csv/seats.csv: row 7"),
    ("good.yaml", "good.yaml:61"),
])
def test_every_node_knows_its_row(source: str, place: str) -> None:
    model = load([SHEETS / source])
    assert str(model.locate(NJ["pk-midt-plo"])).endswith(place)


def test_info_reads_a_workbook_directly(run) -> None:
    result = run("info", SHEETS / "good.xlsx")
    assert result.exit_code == 0, result.stderr
    assert "Political Health Cluster Midt" in result.stdout


def test_import_writes_turtle_that_loads(run, tmp_path: Path) -> None:
    out = tmp_path / "proposal.ttl"
    result = run("import", SHEETS / "good.xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "@prefix role: <https://w3id.org/govgraph/role/>" in text
    assert "role:Mayor" in text
    assert_isomorphic(load([out]).user, load([SHEETS / "good.xlsx"]).user)


def test_readme_lists_every_sheet_and_column() -> None:
    from conftest import ROOT
    from govgraph.sheets.schema import SHEETS as SCHEMA

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Spreadsheets", 1)[1].split("\n## ", 1)[0]
    for sheet in SCHEMA:
        row = next(line for line in section.splitlines() if line.startswith(f"| {sheet.en} ({sheet.da})"))
        for column in sheet.columns:
            assert (f"**{column.en}**" if column.required else column.en) in row, (sheet.en, column.en)


@pytest.mark.parametrize("source,cell", [
    ("good.xlsx", "good.xlsx: sheet Seats, row 7, column Role"),
    ("good-csv", "good-csv/seats.csv: row 7, column Role"),
])
def test_a_property_knows_its_cell(source: str, cell: str) -> None:
    from rdflib.namespace import ORG

    from govgraph.vocab import GG

    model = load([SHEETS / source])
    assert str(model.locate(NJ["pk-midt-plo"], ORG.role)).endswith(cell)
    # an empty cell too: the seat has no office, and a finding about that points at the Office cell
    assert str(model.locate(NJ["pk-midt-plo"], GG.office)).endswith(cell.replace("Role", "Office"))
    # a property the sheets have no column for falls back to the row
    assert str(model.locate(NJ["pk-midt-plo"], GG.population)).endswith(cell.rsplit(",", 1)[0])


@pytest.mark.parametrize("source", ["good-csv", "good.yaml"])
def test_import_from_csv_folder_and_yaml(run, tmp_path: Path, source: str) -> None:
    out = tmp_path / "proposal.ttl"
    result = run("import", SHEETS / source, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert_isomorphic(load([out]).user, load([SHEETS / "good.xlsx"]).user)


@pytest.mark.parametrize("text,day", [("2022-10-01", "2022-10-01"), ("1.10.2022", "2022-10-01"),
                                      ("01-10-2022", "2022-10-01"), ("31/12/2026", "2026-12-31")])
def test_dates_iso_or_danish_day_first(text: str, day: str) -> None:
    from govgraph.sheets.cells import decode_text
    from govgraph.sheets.read import context_graph
    from govgraph.sheets.resolve import Resolver
    from govgraph.sheets.schema import BODIES

    assert str(decode_text(BODIES.column("valid_from"), text, Resolver(context_graph()))) == day


@pytest.mark.parametrize("text", ["2022-13-45", "32.1.2022", "1. oktober 2022", "2022-7-1", "10/2022"])
def test_not_a_date(text: str) -> None:
    from govgraph.sheets.cells import decode_text
    from govgraph.sheets.read import context_graph
    from govgraph.sheets.resolve import CellError, Resolver
    from govgraph.sheets.schema import BODIES

    with pytest.raises(CellError, match="is not a date"):
        decode_text(BODIES.column("valid_from"), text, Resolver(context_graph()))


def test_context_files_define_what_cells_may_name(run, tmp_path: Path) -> None:
    """A seat for a body another file defines: unknown alone, fine with --context (or the old --base)."""
    out = tmp_path / "seat.ttl"
    result = run("import", SHEETS / "extra-seat.xlsx", "-o", out)
    assert result.exit_code == 2 and "sheet Seats, row 2, column Body: unknown body 'pk-midt'" in result.stderr
    for option in ("--context", "--base"):
        result = run("import", SHEETS / "extra-seat.xlsx", "-o", out, option, SHEETS / "good.yaml")
        assert result.exit_code == 0, result.stderr
        assert "org:postIn nj:pk-midt" in out.read_text(encoding="utf-8")
        assert ("deprecated" in result.stderr) == (option == "--base")
    result = run("import", SHEETS / "extra-seat.xlsx", "-o", out, "--context", SHEETS / "nowhere.ttl")
    assert result.exit_code == 2 and "nowhere.ttl: no such file" in result.stderr


def test_every_command_reads_the_workbook_with_the_context(run) -> None:
    """validate, info, lint and draw read the same workbook as import does, names resolved against --context."""
    for command in ("validate", "info", "lint"):
        alone = run(command, SHEETS / "extra-seat.xlsx")
        assert alone.exit_code == 2 and "unknown body 'pk-midt'" in alone.stderr
        with_context = run(command, SHEETS / "extra-seat.xlsx", "--context", SHEETS / "good.yaml")
        assert with_context.exit_code in (0, 1) and "unknown body" not in with_context.stderr, with_context.stderr


def test_csv_as_danish_excel_saves_it() -> None:
    """';'-separated, Windows-1252, CRLF, Danish headers and file names, day-first dates."""
    model = load([SHEETS / "danish-excel-csv"])
    org = organization(model)
    body = org.by_iri[NJ["pk-midt"]]
    assert org.label(body.iri, "da") == "Politisk Sundhedsklynge Midt"
    assert body.valid_from is not None and body.valid_from.isoformat() == "2022-10-01"
    assert {org.label(s.iri, "da") for s in body.seats if not s.voting} == {"Udvalgsformand (observatør)"}
    assert str(model.locate(NJ["pk-midt-obs"])).endswith("danish-excel-csv/Pladser.csv: row 4")


def test_a_cell_place_in_danish() -> None:
    from govgraph.positions import Location

    cell = Location("forslag.xlsx", 0, "sheet Pladser, row 7, column Rolle")
    assert cell.text("da") == "forslag.xlsx: ark Pladser, række 7, kolonne Rolle"
    assert cell.text("en") == str(cell) == "forslag.xlsx: sheet Pladser, row 7, column Rolle"
    assert Location("seats.csv", 0, "row 3, column Role").text("da") == "seats.csv: række 3, kolonne Role"
    assert Location("proposal.ttl", 12).text("da") == "proposal.ttl:12"


#: What the Danish line (``--lang da``) must contain for each bad input: the same place in Danish words.
BAD_INPUT_DA = {
    "empty-required.xlsx": ["empty-required.xlsx: ark Seats, række 7, kolonne Body:", "cellen er tom, men skal udfyldes",
                            'udfyld kolonnen "Organ"'],
    "unknown-role.xlsx": ["unknown-role.xlsx: ark Seats, række 7, kolonne Role:", "ukendt rolle 'borgmster'",
                          "(mulige værdier: borgmester, "],
    "unknown-municipality.xlsx": ["ark Seats, række 5, kolonne Represents:", "ukendt kommune", "'Aalborgg'",
                                  "(mulige værdier: aalborg, ", 'se arket "Lister"'],
    "duplicate-id.xlsx": ["ark Seats, række 7, kolonne Id:", "id'et 'pk-midt-jammerbugt' findes to gange",
                          "ark Seats, række 6"],
    "bad-date.xlsx": ["ark Bodies, række 2, kolonne Valid from:", "'1. oktober 2022' er ikke en dato", "ÅÅÅÅ-MM-DD"],
    "missing-body.xlsx": ["ark Seats, række 7, kolonne Body:", "ukendt organ 'pk-nord'", "mulige værdier: ",
                          "Politisk Sundhedsklynge Midt"],
    "missing-sheet.xlsx": ['missing-sheet.xlsx: arket "Pladser" mangler', "fundet: Scenario, Bodies, Tasks"],
    "unknown-column.xlsx": ['unknown-column.xlsx: ark Seats, række 1: ukendt kolonne "Rolle x"',
                            "(mulige kolonner: Id, Organ, Navn (da), Navn (en), Rolle, "],
    "not-a-spreadsheet.xlsx": ["not-a-spreadsheet.xlsx: er ikke en Excel-projektmappe (.xlsx)"],
    "unknown-role-csv": ["unknown-role-csv/seats.csv: række 7, kolonne Role:", "ukendt rolle 'borgmster'"],
    "bad.yaml": ["bad.yaml:5:7", "fejl i YAML-syntaksen"],
    "remote-context.yaml": ["ekstern JSON-LD-kontekst", "afvist"],
    "unknown-prefix.yaml": ["unknown-prefix.yaml:48:", "ukendt præfiks 'rol' i 'rol:Mayor'", "kendte præfikser"],
}


def test_every_bad_input_has_its_danish_words() -> None:
    assert sorted(BAD_INPUT_DA) == sorted(name for name, _ in BAD_INPUT)


@pytest.mark.parametrize("command", ["import", "validate"])
@pytest.mark.parametrize("name,words", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_in_danish_one_line_exit_2(run, tmp_path: Path, command: str, name: str, words: list[str]) -> None:
    args = ["-o", tmp_path / "proposal.ttl"] if command == "import" else []
    english = run(command, SHEETS / name, *args)
    result = run(command, SHEETS / name, *args, "--lang", "da")
    assert result.exit_code == english.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line, english_line = lines[0], english.stderr.strip()
    assert line != english_line
    # The same file, named the same way, at the start of both lines.
    assert line.startswith(f"govgraph: {SHEETS / name}") and english_line.startswith(f"govgraph: {SHEETS / name}")
    for word in BAD_INPUT_DA[name]:
        assert word in line
    for english_word in ("sheet ", "row ", "column "):
        assert english_word not in line
    assert list(tmp_path.iterdir()) == [], "a failed import must leave nothing on disk"


def test_bad_input_library_in_danish() -> None:
    for name, _ in BAD_INPUT:
        with pytest.raises(InputError) as caught:
            load([SHEETS / name])
        danish = caught.value.text("da")
        assert danish != str(caught.value) and caught.value.da_what
        for word in BAD_INPUT_DA[name]:
            assert word in danish


def test_template_refuses_a_csv_name_in_danish(run, tmp_path: Path) -> None:
    result = run("template", "-o", tmp_path / "t.csv", "--lang", "da")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"govgraph: -o {tmp_path / 't.csv'}: skabelonen er en .xlsx-projektmappe " \
                                    "(kald den fx forslag.xlsx)"


@pytest.mark.parametrize("key,text,english,danish", [
    ("voting", "måske", "'måske' is not yes or no", "'måske' er hverken ja eller nej (mulige værdier: ja, nej"),
    ("meetings", "fire", "'fire' is not a whole number", "'fire' er ikke et helt tal (skriv kun cifre, fx 4)"),
    ("kind", "stiplet", "unknown kind of reporting line 'stiplet'", "ukendt art af rapporteringslinje 'stiplet'"),
    ("valid_from", "1. oktober 2022", "'1. oktober 2022' is not a date", "er ikke en dato (skriv ÅÅÅÅ-MM-DD"),
    ("body", "Twin", "'Twin' names more than one body", "'Twin' kan betyde mere end ét organ (skriv et af disse id'er: "),
    ("role", "borgmster", "unknown role 'borgmster'", "ukendt rolle 'borgmster' (mulige værdier: borgmester, "),
])
def test_a_cell_error_in_both_languages(key: str, text: str, english: str, danish: str) -> None:
    from rdflib import RDF, RDFS, Graph, Literal

    from govgraph.sheets.cells import decode_text
    from govgraph.sheets.read import context_graph
    from govgraph.sheets.resolve import CellError, Resolver
    from govgraph.sheets.schema import BODIES, REPORTING, SEATS
    from govgraph.vocab import DKH

    graph = Graph()
    graph += context_graph()
    for twin in ("twin-a", "twin-b"):  # two bodies with the same label
        graph.add((NJ[twin], RDF.type, DKH.PoliticalHealthCluster))
        graph.add((NJ[twin], RDFS.label, Literal("Twin", lang="en")))
    column = next(c for sheet in (SEATS, BODIES, REPORTING) for c in sheet.columns if c.key == key)
    with pytest.raises(CellError) as caught:
        decode_text(column, text, Resolver(graph))
    error = InputError("f.xlsx: sheet S, row 2, column C", caught.value.what, caught.value.hint,
                       da_what=caught.value.da_what, da_hint=caught.value.da_hint)
    assert english in str(error)
    assert error.text("da").startswith("f.xlsx: ark S, række 2, kolonne C: ") and danish in error.text("da")
