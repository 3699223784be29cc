"""The hostile inputs of tests/test_hostile.py: each case makes its files in a temporary folder
and says what govgraph must do with them.

Small hostile files are fixtures (tests/fixtures/hostile/); big ones (bombs, 16 MiB literals,
200,000 rows) are generated at test time, never committed. A case is one command on one input:
the exit code it must give (2 for bad input; the documented 0 or 1 where the input is valid),
and a pattern the single stderr line must match (the file and line, or sheet, row and column).
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conftest import DATA, FIXTURES

HOSTILE = FIXTURES / "hostile"
SHEETS = FIXTURES / "sheets"
OK_TTL = DATA / "examples" / "klynge-midt-2022-ok.ttl"
PARITY_TTL = DATA / "examples" / "klynge-midt-2022-parity.ttl"

Maker = Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    """One command on one input: ``args`` may hold ``{in}`` (the made input), ``{out}`` (an output path
    in the temporary folder) and ``{ok}`` (a valid model)."""

    id: str
    make: Maker
    args: tuple[str, ...]
    exit: int = 2
    where: str = ""  # a regex the stderr line must match (after "govgraph: ")
    env: dict[str, str] = field(default_factory=dict)
    subprocess: bool = False  # run in a child with memory limits (bombs)
    check: Callable[[Path, str], None] | None = None  # extra checks on (folder, stdout)
    target: Callable[[Path, Path], Path] | None = None  # makes the ``{target}`` of -o from (folder, input)
    patch: Callable[[object], None] | None = None  # applied to pytest's monkeypatch first (a full disk)


# --------------------------------------------------------------------------- makers


def fixture(name: str) -> Maker:
    def make(tmp: Path) -> Path:
        source = HOSTILE / name
        target = tmp / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
        return target

    return make


def text(name: str, content: str | bytes) -> Maker:
    def make(tmp: Path) -> Path:
        target = tmp / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        return target

    return make


def copy(source: Path, name: str | None = None) -> Maker:
    def make(tmp: Path) -> Path:
        target = tmp / (name or source.name)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
        return target

    return make


PREFIXES = """@prefix gg: <https://w3id.org/govgraph/ns#> .
@prefix dkh: <https://w3id.org/govgraph/dk-health#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
"""


def turtle(name: str, body: str) -> Maker:
    return text(name, PREFIXES + body)


def generated(name: str, build: Callable[[], bytes]) -> Maker:
    def make(tmp: Path) -> Path:
        target = tmp / name
        target.write_bytes(build())
        return target

    return make


def _many_bodies(count: int) -> bytes:
    lines = [PREFIXES]
    lines += [f'ex:b{i} a dkh:PoliticalHealthCluster ; rdfs:label "B {i}"@en .' for i in range(count)]
    return "\n".join(lines).encode()


def _long_literal(chars: int) -> bytes:
    return (PREFIXES + 'ex:b a dkh:PoliticalHealthCluster ; rdfs:label "' + "x" * chars + '"@en .\n').encode()


def _deep_jsonld(depth: int) -> bytes:
    return ('{"@id": "https://example.org/a", "https://example.org/p": ' + "[" * depth + '"x"' + "]" * depth
            + "}").encode()


def _deep_turtle(depth: int) -> bytes:
    return (PREFIXES + "ex:a ex:p " + "[ ex:p " * depth + '"x"' + " ]" * depth + " .\n").encode()


def _laughs(levels: int = 9) -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 10) + "]")
    return "\n".join(lines).encode()


def _large_anchor() -> bytes:
    # One anchor of 20,000 values, referred to 900 times: 18 million values once expanded.
    big = "[" + ",".join(["1"] * 20_000) + "]"
    return (f"a: &a {big}\nb: [" + ",".join(["*a"] * 900) + "]\n").encode()


def _many_aliases(count: int) -> bytes:
    return ("a: &a x\nb: [" + ",".join(["*a"] * count) + "]\n").encode()


def _deep_yaml(depth: int) -> bytes:
    return ("a: " + "[" * depth + "]" * depth + "\n").encode()


def workbook(name: str, edit: Callable[[object], None]) -> Maker:
    """good.xlsx with ``edit(book)`` applied (openpyxl), saved under ``name``."""

    def make(tmp: Path) -> Path:
        import openpyxl

        book = openpyxl.load_workbook(SHEETS / "good.xlsx")
        edit(book)
        target = tmp / name
        book.save(target)
        return target

    return make


def set_cell(sheet: str, cell: str, value: object) -> Callable[[object], None]:
    def edit(book) -> None:  # noqa: ANN001
        book[sheet][cell] = value

    return edit


def rezip(name: str, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> Maker:
    """good.xlsx with each member passed through ``change(name, data)`` (None keeps it), plus ``extra``."""

    def make(tmp: Path) -> Path:
        target = tmp / name
        target.write_bytes(_rezipped(change, tuple((extra or {}).items())))
        return target

    return make


@functools.lru_cache(maxsize=8)  # a zip bomb takes seconds to make: once per run
def _rezipped(change: Callable[[str, bytes], bytes | None], extra: tuple[tuple[str, bytes], ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(SHEETS / "good.xlsx") as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as sink:
        for info in source.infolist():
            data = source.read(info.filename)
            changed = change(info.filename, data)
            sink.writestr(info.filename, data if changed is None else changed)
        for member, data in extra:
            sink.writestr(member, data)
    return out.getvalue()


def _seats_sheet(member: str) -> bool:
    return member == "xl/worksheets/sheet3.xml"  # good.xlsx: Scenario, Bodies, Seats, Tasks


def _with_dtd(member: str, data: bytes) -> bytes | None:
    if not _seats_sheet(member):
        return None
    head, _, rest = data.partition(b"?>")
    return head + b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + rest


def _damaged(member: str, data: bytes) -> bytes | None:
    return data[: len(data) // 2] if _seats_sheet(member) else None


def _bomb(member: str, data: bytes) -> bytes | None:
    if not _seats_sheet(member):
        return None
    # 300 MB of spaces inside the sheet XML compress to about 300 KB.
    head, _, rest = data.partition(b"<sheetData>")
    return head + b"<sheetData>" + b" " * 300_000_000 + rest


def _many_rows(count: int) -> Maker:
    def make(tmp: Path) -> Path:
        rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>b{n}</t></is></c></row>' for n in range(2, count))

        def change(member: str, data: bytes) -> bytes | None:
            if not _seats_sheet(member):
                return None
            data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:I{count}"'.encode(), data, count=1)
            return re.sub(rb"</sheetData>", rows.encode() + b"</sheetData>", data, count=1)

        return rezip("rows.xlsx", change)(tmp)

    return make


def csv_folder(name: str, edit: Callable[[Path], None]) -> Maker:
    def make(tmp: Path) -> Path:
        target = tmp / name
        shutil.copytree(SHEETS / "good-csv", target)
        edit(target)
        return target

    return make


def replace_in(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return edit


def hostile_formulas(tmp: Path) -> Path:
    """:func:`hostile_labels` without the terminal escapes (which a workbook cannot store at all)."""
    made = hostile_labels(tmp, name="hostile-formulas.ttl")
    made.write_text(made.read_text(encoding="utf-8").replace(r"\u001B", "ESC"), encoding="utf-8")
    return made


def hostile_labels(tmp: Path, name: str = "hostile-labels.ttl") -> Path:
    """The parity example with labels that try every injection: HTML, Markdown, formulas, terminal escapes."""
    text_ = PARITY_TTL.read_text(encoding="utf-8")
    swaps = {
        '"Politisk Sundhedsklynge Midt"@da': r'"=HYPERLINK(\"http://evil.example/\",\"klik\")|<img src=x onerror=alert(2)>"@da',
        '"Political Health Cluster Midt"@en':
            r'"<script>alert(1)</script> | cell\nbreak \u001B[2J\u001B[31mRED\u001B[0m *bold* [link](javascript:x)"@en',
        '"Forslag: Sundhedsklynge Midt fra oktober 2022"@da': r'"=cmd|'' /C calc''!A0"@da',
    }
    for old, new in swaps.items():
        assert old in text_, old
        text_ = text_.replace(old, new)
    text_ = re.sub(r'"Region Nordjylland – regionsrådsmedlem \(plads 2\)"@da', '"+1+cmd|\' /C calc\'!A0"@da', text_)
    text_ = re.sub(r'"Region Nordjylland – regionsrådsmedlem \(plads 3\)"@da', '"-2+3"@da', text_)
    text_ = re.sub(r'"Aalborg – borgmester \(medformand\)"@da', '"@SUM(1+1)"@da', text_)
    target = tmp / name
    target.write_text(text_, encoding="utf-8")
    return target


# --------------------------------------------------------------------------- the cases

#: Each command that reads a model, with the input in its place; ``{out}`` is where it would write.
COMMANDS: dict[str, tuple[str, ...]] = {
    "info": ("info", "{in}"),
    "lint": ("lint", "{in}"),
    "validate": ("validate", "{in}", "-o", "{out}.txt"),
    "draw": ("draw", "{in}", "-o", "{out}.svg"),
    "diff": ("diff", "{ok}", "{in}", "-o", "{out}.md"),
    "compare": ("compare", "{ok}", "{in}", "--no-findings", "--jobs", "1", "-o", "{out}.txt"),
    "export": ("export", "{in}", "-o", "{out}.xlsx"),
    "import": ("import", "{in}", "-o", "{out}.ttl"),
    "template": ("template", "--context", "{in}", "-o", "{out}.xlsx"),
}

#: Fixture files that every command must refuse as unreadable: name → the place the line must name.
UNREADABLE = {
    "space-in-iri.ttl": r"space-in-iri\.ttl:7:1: Turtle syntax error: Invalid IRI",
    "braces-in-iri.ttl": r"braces-in-iri\.ttl:6:1: Turtle syntax error",
    "bad-escape.ttl": r"bad-escape\.ttl:6:\d+: Turtle syntax error",
    "literal-subject.ttl": r"literal-subject\.ttl:6:1: Turtle syntax error",
    "lone-surrogate.ttl": r"lone-surrogate\.ttl:6:\d+: Turtle syntax error",
    "missing-dot.ttl": r"missing-dot\.ttl:7:1: Turtle syntax error",
    "undeclared-prefix.ttl": r"undeclared-prefix\.ttl:6:\d+: Turtle syntax error",
    "control-in-iri.ttl": r"control-in-iri\.ttl:6:\d+: Turtle syntax error",
    "space-in-iri.nt": r"space-in-iri\.nt:1",
    "relative-iri.nt": r"relative-iri\.nt:1",
    "missing-dot.nt": r"missing-dot\.nt:1",
    "lone-surrogate.nt": r"lone-surrogate\.nt:1:\d+",
    "bad-escape.nt": r"bad-escape\.nt:1:\d+",
    "lone-surrogate.jsonld": r"lone-surrogate\.jsonld:1: a text holds a lone surrogate",
    "space-in-iri.jsonld": r"space-in-iri\.jsonld:1: the id",
    "braces-in-iri.jsonld": r"braces-in-iri\.jsonld:1: the id",
    "trailing-comma.jsonld": r"trailing-comma\.jsonld:3:1: JSON syntax error",
    "a-number.jsonld": r"a-number\.jsonld: a JSON-LD document is an object",
    "import-relative.jsonld": r"import-relative\.jsonld: remote JSON-LD context",
    "context-list.jsonld": r"context-list\.jsonld: remote JSON-LD context",
    "lone-surrogate.yaml": r"lone-surrogate\.yaml:7: a text holds a lone surrogate",
    "space-in-id.yaml": r"space-in-id\.yaml:10: the id",
    "braces-in-id.yaml": r"braces-in-id\.yaml:10: the id",
    "python-tag.yaml": r"python-tag\.yaml:10:\d+: YAML syntax error",
    "tab-indent.yaml": r"tab-indent\.yaml:10:1: YAML syntax error",
    "unknown-prefix.yaml": r"unknown-prefix\.yaml:10: unknown prefix",
    "self-alias.yaml": r"self-alias\.yaml:1: the alias \*a refers to a node that contains it",
    "self-alias-map.yaml": r"self-alias-map\.yaml:1: the alias",
    "self-alias-graph.yaml": r"self-alias-graph\.yaml:3: the alias",
    "list-of-words.yaml": r"list-of-words\.yaml: the file contains no statements",
    "a-string.yaml": r"a-string\.yaml: a YAML proposal is a mapping",
    "undefined-alias.yaml": r"undefined-alias\.yaml:1:\d+: YAML syntax error",
    "duplicate-anchor.yaml": r"duplicate-anchor\.yaml:2:\d+: YAML syntax error",
}

#: Files that parse but whose literals or terms are wrong: load refuses them (exit 2), lint lists them
#: (exit 1), and template --base only offers their bodies (exit 0).
ILL_TYPED = {
    "meetings-seks.ttl": r"meetings-seks\.ttl:6: gg:meetingsPerYear must be of type xsd:integer, but has 'seks' as text",
    "validfrom-lang.ttl": r"validfrom-lang\.ttl:6: gg:validFrom must be of type xsd:date",
    "date-30-feb.ttl": r"date-30-feb\.ttl:6: gg:validFrom has '2022-02-30', which is not a valid xsd:date",
    "typo-property.ttl": r"typo-property\.ttl:6: unknown property gg:meetingsPerYer \(did you mean gg:meetingsPerYear\?\)",
    "meetings-seks.nt": r"meetings-seks\.nt:1: gg:meetingsPerYear must be of type xsd:integer",
    "meetings-seks.jsonld": r"meetings-seks\.jsonld:1: gg:meetingsPerYear must be of type xsd:integer",
    "validfrom-lang.jsonld": r"validfrom-lang\.jsonld:1: gg:validFrom must be of type xsd:date",
    "date-30-feb.yaml": r"date-30-feb\.yaml:7: gg:validFrom has '2022-02-30'",
    "validfrom-lang.yaml": r"validfrom-lang\.yaml:7: gg:validFrom must be of type xsd:date",
    "meetings-seks.yaml": r"meetings-seks\.yaml:7: gg:meetingsPerYear has 'seks'",
    "meetings-seks-da.yaml": r"meetings-seks-da\.yaml:7: gg:meetingsPerYear must be of type xsd:integer",
}

#: Made at test time: name → (maker, the place the line must name).
MADE: dict[str, tuple[Maker, str]] = {
    "empty.ttl": (text("empty.ttl", ""), r"empty\.ttl: the file is empty"),
    "not-utf8.ttl": (text("not-utf8.ttl", PREFIXES.encode() + b'ex:a rdfs:label "\xff\xfe" .\n'),
                     r"not-utf8\.ttl:6: the file is not UTF-8"),
    "binary.jsonld": (text("binary.jsonld", bytes(range(256)) * 4), r"binary\.jsonld"),
    "deep-blank-nodes.ttl": (generated("deep-blank-nodes.ttl", lambda: _deep_turtle(5_000)),
                             r"deep-blank-nodes\.ttl"),
    "deep.jsonld": (generated("deep.jsonld", lambda: _deep_jsonld(100_000)),
                    r"deep\.jsonld:1: nested more than 64 levels deep \(limit depth; raise it with GOVGRAPH_MAX_DEPTH"),
    "deep.yaml": (generated("deep.yaml", lambda: _deep_yaml(100_000)), r"deep\.yaml:1: nested more than 64 levels"),
    "laughs.yaml": (generated("laughs.yaml", _laughs), r"laughs\.yaml:\d+: more than \d+ values once aliases"),
    "aliases.yaml": (generated("aliases.yaml", lambda: _many_aliases(5_000)),
                     r"aliases\.yaml:2: more than 1000 YAML aliases \(\*name\) \(limit yaml_aliases"),
    "long-literal.ttl": (generated("long-literal.ttl", lambda: _long_literal(2 * 1024 * 1024)),
                         r"long-literal\.ttl:6: a literal longer than \d+ characters \(limit literal_chars"),
    "many-bodies.ttl": (generated("many-bodies.ttl", lambda: _many_bodies(2_500)),
                        r"many-bodies\.ttl: more than 2000 bodies \(limit bodies"),
    "no-such-file.ttl": (lambda tmp: tmp / "no-such-file.ttl", r"no-such-file\.ttl: no such file"),
    "long-name": (lambda tmp: tmp / ("x" * 300 + ".ttl"), r"x{20}…: cannot read the file \(File name too long\)"),
    "a-folder.ttl": (lambda tmp: (tmp / "a-folder.ttl").mkdir() or tmp / "a-folder.ttl",
                     r"a-folder\.ttl: is a directory"),
    "unknown-suffix.docx": (text("unknown-suffix.docx", b"PK\x03\x04"), r"unknown-suffix\.docx: unknown file format"),
    # Workbooks
    "iri-braces.xlsx": (workbook("iri-braces.xlsx", set_cell("Seats", "A2", "pk-{midt}|rf")),
                        r"iri-braces\.xlsx: sheet Seats, row 2, column Id"),
    "iri-space.xlsx": (workbook("iri-space.xlsx", set_cell("Bodies", "A2", "<https://example.org/a b>")),
                       r"iri-space\.xlsx: sheet Bodies, row 2, column Id"),
    "meetings-seks.xlsx": (workbook("meetings-seks.xlsx", lambda b: _add_column(b, "Bodies", "Meetings per year", "seks")),
                           r"meetings-seks\.xlsx: sheet Bodies, row 2, column Meetings per year"),
    "date-30-feb.xlsx": (workbook("date-30-feb.xlsx", lambda b: _add_column(b, "Bodies", "Valid from", "2022-02-30", 7)),
                         r"date-30-feb\.xlsx: sheet Bodies, row 2, column Valid from"),
    "formula-id.xlsx": (workbook("formula-id.xlsx", set_cell("Seats", "A2", '=HYPERLINK("http://x","y")')),
                        r"formula-id\.xlsx: sheet Seats, row 2, column Id"),
    "dtd.xlsx": (rezip("dtd.xlsx", _with_dtd), r"dtd\.xlsx: xl/worksheets/sheet3\.xml: the workbook's XML declares a DTD"),
    "damaged.xlsx": (rezip("damaged.xlsx", _damaged), r"damaged\.xlsx: sheet Seats: the workbook is damaged"),
    "not-a-zip.xlsx": (text("not-a-zip.xlsx", b"PK\x03\x04 this is no zip"), r"not-a-zip\.xlsx: is not an Excel workbook"),
    "truncated.xlsx": (generated("truncated.xlsx", lambda: (SHEETS / "good.xlsx").read_bytes()[:3000]),
                       r"truncated\.xlsx"),
    "html-as.xlsx": (text("html-as.xlsx", "<html><script>alert(1)</script></html>"), r"html-as\.xlsx: is not an Excel"),
    # CSV folders
    "seats-is-a-folder-csv": (csv_folder("seats-is-a-folder-csv", lambda f: ((f / "seats.csv").unlink(),
                                                                              (f / "seats.csv").mkdir())),
                              r"seats\.csv: cannot read the file"),
    "broken-link-csv": (csv_folder("broken-link-csv", lambda f: ((f / "tasks.csv").unlink(),
                                                                  (f / "tasks.csv").symlink_to(f / "gone.csv"))),
                        r"tasks\.csv: cannot read the file"),
    "iri-pipe-csv": (csv_folder("iri-pipe-csv", replace_in("seats.csv", "pk-midt-rf,", "pk|midt{rf},")),
                     r"seats\.csv: row 2, column Id"),
    "huge-field-csv": (csv_folder("huge-field-csv", replace_in("bodies.csv", "Politisk Sundhedsklynge Midt",
                                                               "x" * 200_000)), r"bodies\.csv"),
    "not-text-csv": (csv_folder("not-text-csv", lambda f: (f / "tasks.csv").write_bytes(b"Body,Task\r\n\x81\x8d\x8f,x")),
                     r"tasks\.csv"),
    "missing-seats-csv": (csv_folder("missing-seats-csv", lambda f: (f / "seats.csv").unlink()),
                          r"missing-seats-csv: the CSV file seats\.csv is missing"),
    "formula-id-csv": (csv_folder("formula-id-csv", replace_in("seats.csv", "pk-midt-rf,", "=cmd|' /C calc'!A0,")),
                       r"seats\.csv: row 2, column Id"),
}


def _add_column(book, sheet: str, header: str, value: object, column: int | None = None) -> None:  # noqa: ANN001
    ws = book[sheet]
    index = column or ws.max_column + 1
    if ws.cell(row=1, column=index).value not in (None, header):
        index = ws.max_column + 1
    ws.cell(row=1, column=index, value=header)
    ws.cell(row=2, column=index, value=value)


#: Inputs run through every command (one or more per format), the rest through ``info`` and ``validate``.
SWEEP = ["space-in-iri.ttl", "meetings-seks.ttl", "lone-surrogate.nt", "validfrom-lang.jsonld", "braces-in-iri.jsonld",
         "date-30-feb.yaml", "self-alias.yaml", "iri-braces.xlsx", "dtd.xlsx", "iri-pipe-csv", "deep.yaml",
         "many-bodies.ttl"]


def _lint_names(name: str) -> Callable[[Path, str], None]:
    """lint lists the problem the other commands refuse, at its place in the file."""
    def check(folder: Path, stdout: str) -> None:
        assert re.search(rf"{re.escape(name)}(:\d+|: sheet)", stdout), stdout
        assert re.search(r"meetingsPerYea?r|validFrom|Meetings per year|Valid from", stdout), stdout
    return check


def input_cases() -> list[Case]:
    cases: list[Case] = []
    inputs: dict[str, tuple[Maker, str, bool]] = {}
    for name, where in UNREADABLE.items():
        inputs[name] = (fixture(name), where, False)
    for name, where in ILL_TYPED.items():
        inputs[name] = (fixture(name), where, True)
    for name, (maker, where) in MADE.items():
        inputs[name] = (maker, where, name in {"meetings-seks.xlsx", "date-30-feb.xlsx"})
    for name, (maker, where, ill_typed) in inputs.items():
        commands = list(COMMANDS) if name in SWEEP else ["info", "validate"]
        for command in commands:
            exit_code, pattern, check = 2, where, None
            if ill_typed and command == "lint":
                exit_code, pattern, check = 1, "", _lint_names(name)
            if ill_typed and command == "template":
                exit_code, pattern = 0, ""
            if name == "many-bodies.ttl" and command in ("template", "import"):
                exit_code, pattern = 0, ""  # they build no model: --base only lists bodies, import converts
            cases.append(Case(f"{command}-{name}", maker, COMMANDS[command], exit_code, pattern, check=check))
    return cases
