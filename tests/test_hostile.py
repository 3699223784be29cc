"""The hostile-input battery: every command, every input format, each case with its expectation.

For each case: the exit code (2 for bad input, the documented 0 or 1 where the input is valid),
exactly one stderr line naming the file and line (or sheet, row and column) and no traceback,
no output file left and no input changed (every file of the case's folder is compared before and
after), no network attempt (an audit hook records them), under 10 s. Bombs run in a child process
with an address-space limit, so that "bounded memory" is tested, not hoped for.

The cases are in tests/hostile.py; ``pytest tests/test_hostile.py -q`` prints how many ran.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SCENARIOS
from hostile import (OK_TTL, SHEETS, Case, _bomb, _large_anchor, _laughs, _long_literal, _many_bodies, _many_rows,
                     copy, generated, hostile_formulas, hostile_labels, input_cases, rezip, text)

BASE = SCENARIOS / "klynge-midt-2022-0-as-constituted.ttl"
TIME_LIMIT = 10.0
MEMORY_LIMIT = 3 * 1024**3  # address space of a child: Python, rdflib, pySHACL and Oxigraph fit in well under it

# ------------------------------------------------------------------ network watch (in this process)

_ATTEMPTS: list[str] = []
_WATCHING = [False]
_WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}


def _spy(event: str, args: tuple) -> None:
    if _WATCHING[0] and event in _WATCHED:
        _ATTEMPTS.append(f"{event} {args!r:.80}")


sys.addaudithook(_spy)  # audit hooks stay for the process; it records only while a case runs


# ------------------------------------------------------------------ the checks


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file by its digest, a link by its target, a fifo or folder by kind."""
    found: dict[str, str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = str(path.relative_to(folder))
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                found[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "dir" if stat.S_ISDIR(mode) else f"special:{stat.S_IFMT(mode)}"
    return found


def _args(case: Case, made: Path, out: Path, target: Path | None = None) -> list[str]:
    values = {"{in}": str(made), "{out}": str(out), "{ok}": str(OK_TTL), "{base}": str(BASE), "{target}": str(target)}
    args = []
    for arg in case.args:
        for key, value in values.items():
            arg = arg.replace(key, value)
        args.append(arg)
    return args


def _expect(case: Case, code: int, stdout: str, stderr: str, before: dict[str, str], after: dict[str, str],
            folder: Path) -> None:
    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr[-3000:]
    assert code == case.exit, f"exit {code}, expected {case.exit}: {stderr[-2000:]}"
    if case.exit == 2:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith("govgraph: "), lines[0]
        assert re.search(case.where, lines[0]), f"{lines[0]!r} does not match {case.where!r}"
        assert after == before, "an input changed or an output was left behind"
    else:
        assert {k: v for k, v in after.items() if k in before} == before, "an input changed"
        leftovers = [k for k in after if ".govgraph-" in k or k.endswith(".tmp")]
        assert leftovers == []
    if case.check is not None:
        case.check(folder, stdout)


def _run_in_process(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govgraph.cli import app

    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    if case.patch is not None:
        case.patch(monkeypatch)
    made = case.make(tmp_path)
    out = tmp_path / "out"
    target = case.target(tmp_path, made) if case.target is not None else None
    before = _snapshot(tmp_path)
    base_before = OK_TTL.read_bytes()
    _ATTEMPTS.clear()
    _WATCHING[0] = True
    start = time.perf_counter()
    try:
        result = CliRunner().invoke(app, _args(case, made, out, target), catch_exceptions=True)
    finally:
        _WATCHING[0] = False
    elapsed = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        pytest.fail("".join(traceback.format_exception(result.exception))[-4000:])
    _expect(case, result.exit_code, result.stdout, result.stderr, before, _snapshot(tmp_path), tmp_path)
    assert OK_TTL.read_bytes() == base_before
    assert _ATTEMPTS == [], _ATTEMPTS
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f} s"


#: A child that refuses to grow past MEMORY_LIMIT, records network attempts to a file, and runs the CLI.
CHILD = """
import resource, sys, atexit
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
attempts = []
def spy(event, args):
    if event in {watched!r}:
        attempts.append(event)
sys.addaudithook(spy)
def report():
    with open({report!r}, "w") as f:
        f.write(str(len(attempts)))
atexit.register(report)
sys.argv = ["govgraph", *{args!r}]
from govgraph.cli import main
main()
"""


def _run_in_child(case: Case, tmp_path: Path) -> None:
    made = case.make(tmp_path)
    out = tmp_path / "out"
    report = tmp_path.parent / f"{tmp_path.name}-attempts"
    before = _snapshot(tmp_path)
    code = CHILD.format(limit=MEMORY_LIMIT, watched=_WATCHED, report=str(report), args=_args(case, made, out))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **case.env}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    elapsed = time.perf_counter() - start
    assert "MemoryError" not in result.stderr, result.stderr[-2000:]
    _expect(case, result.returncode, result.stdout, result.stderr, before, _snapshot(tmp_path), tmp_path)
    assert report.read_text() == "0", "a network attempt"
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f} s"


def run_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.subprocess:
        _run_in_child(case, tmp_path)
    else:
        _run_in_process(case, tmp_path, monkeypatch)


# ------------------------------------------------------------------ output paths


def _target(kind: str, suffix: str):  # noqa: ANN202
    """Where ``-o`` points, made beside the input: (a function of the folder and the input → the path)."""

    def make(tmp: Path, made: Path) -> Path:
        if kind == "same":
            return made
        if kind == "symlink":
            (tmp / f"link{suffix}").symlink_to(made)
            return tmp / f"link{suffix}"
        if kind == "hardlink":
            os.link(made, tmp / f"hard{suffix}")
            return tmp / f"hard{suffix}"
        if kind == "device":  # a name with the right suffix for a device
            (tmp / f"dev{suffix}").symlink_to("/dev/null")
            return tmp / f"dev{suffix}"
        if kind == "fifo":
            os.mkfifo(tmp / f"fifo{suffix}")
            return tmp / f"fifo{suffix}"
        if kind == "folder":
            (tmp / f"folder{suffix}").mkdir()
            return tmp / f"folder{suffix}"
        if kind == "missing-folder":
            return tmp / "no" / "such" / f"x{suffix}"
        if kind == "long-name":
            return tmp / ("y" * 300 + suffix)
        if kind == "full-disk":
            return tmp / f"full{suffix}"
        raise ValueError(kind)

    return make


TARGETS = {
    "same": r"is one of the input files", "symlink": r"link\.\w+: is one of the input files",
    "hardlink": r"hard\.\w+: is one of the input files", "device": r"dev\.\w+: exists and is not a regular file \(it is a device\)",
    "fifo": r"fifo\.\w+: exists and is not a regular file \(it is a named pipe\)",
    "folder": r"folder\.\w+: exists and is not a regular file \(it is a folder\)",
    "missing-folder": r"the folder .*no/such does not exist", "long-name": r"y{50}.*: the file name is too long",
    "full-disk": r"full\.\w+: cannot write the file: the disk is full",
}

#: Commands that write: (its arguments with the output as {target}, the input it reads, the output's suffix).
WRITERS = {
    "validate": (("validate", "{in}", "-o", "{target}"), OK_TTL, ".txt"),
    "draw": (("draw", "{in}", "-f", "svg", "-o", "{target}"), OK_TTL, ".svg"),
    "diff": (("diff", "{ok}", "{in}", "-f", "markdown", "-o", "{target}"), OK_TTL, ".md"),
    "compare": (("compare", "{base}", "{in}", "--no-findings", "--jobs", "2", "-o", "{target}"), OK_TTL, ".txt"),
    "import": (("import", "{in}", "-o", "{target}"), SHEETS / "good.yaml", ".ttl"),
    "export": (("export", "{in}", "-o", "{target}"), OK_TTL, ".xlsx"),
    "template": (("template", "--context", "{in}", "-o", "{target}"), SHEETS / "good.xlsx", ".xlsx"),
}


def _no_space(monkeypatch: pytest.MonkeyPatch) -> None:
    from govgraph import outfile

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outfile.os, "replace", full)


def output_cases() -> list[Case]:
    cases = []
    for command, (args, source, suffix) in WRITERS.items():
        for kind, where in TARGETS.items():
            if command in ("diff", "draw", "compare", "import", "export") and kind == "same":
                continue  # their -o suffix must be one they write (not the input's): the link cases cover them
            cases.append(Case(f"{command}-o-{kind}", copy(source), args, 2, where,
                              target=_target(kind, source.suffix if kind == "same" else suffix),
                              patch=_no_space if kind == "full-disk" else None))
    # A CSV export writes a folder: the input folder itself, a file in its place, a missing parent, a full disk.
    csv_in = copy(SHEETS / "good-csv")
    csv_args = ("export", "{in}", "-o", "{target}")
    cases += [
        Case("export-csv-o-input-folder", csv_in, csv_args, 2, r"good-csv: is one of the input files",
             target=lambda tmp, made: made),
        Case("export-csv-o-file", csv_in, csv_args, 2, r"a-file: exists and is not a folder \(it is a file\)",
             target=lambda tmp, made: (tmp / "a-file").write_text("x") and tmp / "a-file"),
        Case("export-csv-o-missing-parent", csv_in, csv_args, 2, r"the folder .*gone does not exist",
             target=lambda tmp, made: tmp / "gone" / "csv"),
        Case("export-csv-o-full-disk", csv_in, csv_args, 2, r"csv-out: cannot write the file: the disk is full",
             target=lambda tmp, made: tmp / "csv-out", patch=_no_space),
        Case("export-csv-o-device", csv_in, csv_args, 2, r"/dev/null: exists and is not a folder",
             target=lambda tmp, made: Path("/dev/null")),
    ]
    return cases


# ------------------------------------------------------------------ escaping


_MARKUP = ("<script", "<img", "onerror=alert(", "[link](javascript")


def _no_control(folder: Path, stdout: str) -> None:
    """Text for a terminal: no escape sequence left raw (markup is only text there)."""
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", stdout), repr(stdout[:300])
    assert "u001b" in stdout  # the label is there, its escape made visible


def _no_raw(folder: Path, stdout: str) -> None:
    _no_control(folder, stdout)
    for bad in _MARKUP:
        assert bad not in stdout, bad


def _markdown_table_intact(folder: Path, stdout: str) -> None:
    _no_raw(folder, stdout)
    rows = [line for line in stdout.splitlines() if line.startswith("|")]
    assert rows, stdout
    widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
    assert len(widths) == 1, f"a label broke the table: {widths}"
    assert "[link](javascript" not in stdout


def _compare_table_intact(folder: Path, stdout: str) -> None:
    """The Danish scenario name is a formula with a pipe: it stays in its cell, escaped."""
    rows = [line for line in stdout.splitlines() if line.startswith("|")]
    assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1, stdout
    assert "=cmd\\|" in stdout, stdout


def _chart_clean(folder: Path, stdout: str) -> None:
    """The compare chart is well-formed XML with the formula-and-pipe scenario name as text."""
    import xml.etree.ElementTree as ET

    data = (folder / "out.svg").read_text(encoding="utf-8")
    ET.fromstring(data)
    assert "=cmd|" in data and "<script" not in data


def _file_clean(name: str):  # noqa: ANN202
    """An HTML, SVG or Markdown file: the labels are in it, as text only (no tag, no raw control)."""
    def check(folder: Path, stdout: str) -> None:
        data = (folder / name).read_text(encoding="utf-8")
        assert "<script" not in data and "<img" not in data and "\x1b" not in data
        assert "&lt;script&gt;" in data or "&amp;lt;script&amp;gt;" in data
    return check


def _csv_has_no_formula(folder: Path, stdout: str) -> None:
    import csv as csv_module

    texts = []
    for path in sorted((folder / "out-csv").glob("*.csv")):
        for row in csv_module.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"):
            for field_ in row:
                assert not field_.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, field_)
                texts.append(field_)
    assert any(t.startswith("'=HYPERLINK") for t in texts) and any(t.startswith("'-2") for t in texts)


def _csv_reads_back(folder: Path, stdout: str) -> None:
    """The escaped formulas import back as the labels they were (formula_safe is undone on reading)."""
    from rdflib.compare import isomorphic

    from govgraph.load import read_file

    _csv_has_no_formula(folder, stdout)
    exported = read_file(folder / "out-csv").graph
    original = read_file(folder / "hostile-formulas.ttl").graph
    assert isomorphic(exported, original)


def _xlsx_has_no_formula(folder: Path, stdout: str) -> None:
    import openpyxl

    book = openpyxl.load_workbook(folder / "out.xlsx")
    seen = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue  # the hidden Lists sheet holds govgraph's own =IF() lists
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                seen.append(cell.value)
    assert '=HYPERLINK("http://evil.example/","klik")|<img src=x onerror=alert(2)>' in seen


def escaping_cases() -> list[Case]:
    h = hostile_labels
    return [
        Case("validate-markdown-hostile-labels", h, ("validate", "{in}", "-f", "markdown"), 1,
             check=_markdown_table_intact),
        Case("validate-text-hostile-labels", h, ("validate", "{in}"), 1, check=_no_control),
        Case("validate-json-hostile-labels", h, ("validate", "{in}", "-f", "json"), 1,
             check=lambda f, out: (_no_control(f, out), json.loads(out))),
        Case("validate-markdown-file-hostile-labels", h, ("validate", "{in}", "-f", "markdown", "-o", "{out}.md"), 1,
             check=_file_clean("out.md")),
        Case("compare-markdown-hostile-labels", h, ("compare", "{base}", "{in}", "--no-findings", "--jobs", "1",
                                                    "-f", "markdown", "--lang", "da"), 0, check=_compare_table_intact),
        Case("diff-markdown-hostile-labels", h, ("diff", "{ok}", "{in}", "-f", "markdown"), 0,
             check=_markdown_table_intact),
        Case("diff-text-hostile-labels", h, ("diff", "{ok}", "{in}"), 0, check=_no_control),
        Case("diff-html-hostile-labels", h, ("diff", "{ok}", "{in}", "-o", "{out}.html"), 0,
             check=_file_clean("out.html")),
        Case("diff-svg-hostile-labels", h, ("diff", "{ok}", "{in}", "-o", "{out}.svg"), 0,
             check=_file_clean("out.svg")),
        Case("compare-chart-hostile-names", h, ("compare", "{base}", "{in}", "--no-findings", "--jobs", "1",
                                                "--lang", "da", "--chart", "{out}.svg"), 0, check=_chart_clean),
        Case("draw-text-hostile-labels", h, ("draw", "{in}", "--format", "text"), 0, check=_no_control),
        Case("draw-svg-hostile-labels", h, ("draw", "{in}", "-o", "{out}.svg"), 0, check=_file_clean("out.svg")),
        Case("info-hostile-labels", h, ("info", "{in}"), 0, check=_no_control),
        Case("export-csv-hostile-labels", h, ("export", "{in}", "-o", "{out}-csv"), 0, check=_csv_has_no_formula),
        Case("export-xlsx-hostile-labels", h, ("export", "{in}", "-o", "{out}.xlsx"), 2,
             r"out\.xlsx: sheet Bodies, row \d+, column Label \(en\): the text .* holds a control character"),
        Case("export-xlsx-formula-labels", hostile_formulas, ("export", "{in}", "-o", "{out}.xlsx"), 0,
             check=_xlsx_has_no_formula),
        Case("export-csv-formula-labels-import-back", hostile_formulas, ("export", "{in}", "-o", "{out}-csv"), 0,
             check=_csv_reads_back),
        Case("draw-text-nul-and-bell-in-label",
             text("nul.ttl", "@prefix dkh: <https://w3id.org/govgraph/dk-health#> .\n"
                  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                  "<https://example.org/b> a dkh:PoliticalHealthCluster ; rdfs:label \"a\x00b\x07c\x9bd\u202ee\"@en .\n"),
             ("draw", "{in}", "--format", "text", "--as-of", "2022-10-01"), 0,
             check=lambda f, out: [None for bad in ("\x00", "\x07", "\x9b", "\u202e") if bad in out] == []
             and "a\\u0000b\\u0007c" in out or pytest.fail(repr(out))),
        Case("error-line-hostile-text", text("e.ttl", "@prefix ex: <https://example.org/> .\nex:a ex:b \x1b[2J .\n"),
             ("info", "{in}"), 2, r"e\.ttl:2:\d+: Turtle syntax error"),
    ]


# ------------------------------------------------------------------ caps set by the environment


def cap_cases() -> list[Case]:
    good = copy(SHEETS / "good.xlsx")
    return [
        Case("cap-rows-xlsx", good, ("info", "{in}"), 2,
             r"good\.xlsx: sheet \w+, row \d+: more than 2 rows \(limit rows; raise it with GOVGRAPH_MAX_ROWS=N",
             env={"GOVGRAPH_MAX_ROWS": "2"}),
        Case("cap-cells-xlsx", good, ("info", "{in}"), 2, r"good\.xlsx: sheet \w+, row \d+: more than 20 cells",
             env={"GOVGRAPH_MAX_CELLS": "20"}),
        Case("cap-rows-csv", copy(SHEETS / "good-csv"), ("info", "{in}"), 2, r"\.csv: row \d+: more than 2 rows",
             env={"GOVGRAPH_MAX_ROWS": "2"}),
        Case("cap-file-bytes", copy(OK_TTL), ("validate", "{in}"), 2,
             r"klynge-midt-2022-ok\.ttl: the file is larger than 1000 bytes \(limit file_bytes",
             env={"GOVGRAPH_MAX_FILE_BYTES": "1000"}),
        Case("cap-file-bytes-xlsx", good, ("import", "{in}", "-o", "{out}.ttl"), 2, r"good\.xlsx: the file is larger",
             env={"GOVGRAPH_MAX_FILE_BYTES": "1000"}),
        Case("cap-triples", copy(OK_TTL), ("draw", "{in}"), 2, r"ok\.ttl: more than 10 statements \(limit triples",
             env={"GOVGRAPH_MAX_TRIPLES": "10"}),
        Case("cap-literal", copy(OK_TTL), ("info", "{in}"), 2, r"ok\.ttl:\d+: a literal longer than 10 characters",
             env={"GOVGRAPH_MAX_LITERAL_CHARS": "10"}),
        Case("cap-depth-yaml", copy(SHEETS / "good.yaml"), ("info", "{in}"), 2, r"good\.yaml:\d+: nested more than 2",
             env={"GOVGRAPH_MAX_DEPTH": "2"}),
        Case("cap-bodies", copy(OK_TTL), ("info", "{in}"), 2, r"more than 1 bodies \(limit bodies",
             env={"GOVGRAPH_MAX_BODIES": "1"}),
        Case("cap-not-a-number", copy(OK_TTL), ("info", "{in}"), 2, r"GOVGRAPH_MAX_ROWS='many' is not a number",
             env={"GOVGRAPH_MAX_ROWS": "many"}),
        Case("cap-raised-reads", copy(OK_TTL), ("info", "{in}"), 0, env={"GOVGRAPH_MAX_TRIPLES": "1000000"}),
    ]


# ------------------------------------------------------------------ bombs, in a memory-limited child


def bomb_cases() -> list[Case]:
    return [
        Case("zip-bomb-xlsx", rezip("bomb.xlsx", _bomb), ("info", "{in}"), 2,
             r"bomb\.xlsx: the workbook unpacks to more than \d+ bytes \(limit zip_bytes", subprocess=True),
        Case("zip-bomb-import", rezip("bomb.xlsx", _bomb), ("import", "{in}", "-o", "{out}.ttl"), 2,
             r"bomb\.xlsx: the workbook unpacks", subprocess=True),
        Case("billion-laughs-yaml", generated("laughs.yaml", _laughs), ("validate", "{in}"), 2,
             r"laughs\.yaml:\d+: more than \d+ values once aliases are expanded", subprocess=True),
        Case("large-anchor-yaml", generated("anchor.yaml", _large_anchor), ("import", "{in}", "-o", "{out}.ttl"), 2,
             r"anchor\.yaml:\d+: more than \d+ values", subprocess=True),
        Case("literal-16mib", generated("big-literal.ttl", lambda: _long_literal(17 * 1024 * 1024)), ("info", "{in}"),
             2, r"big-literal\.ttl(:\d+)?: a literal longer than 1048576 characters \(limit literal_chars", subprocess=True),
        Case("rows-200000-xlsx", _many_rows(200_000), ("info", "{in}"), 2,
             r"rows\.xlsx: sheet Seats, row \d+: more than 20000 rows", subprocess=True),
        Case("bodies-100000", generated("bodies.ttl", lambda: _many_bodies(100_000)), ("validate", "{in}"), 2,
             r"bodies\.ttl: more than 100000 statements", subprocess=True),
        Case("file-70mib", generated("huge.nt", lambda: b"# padding\n" * 7_000_000), ("info", "{in}"), 2,
             r"huge\.nt: the file is larger than \d+ bytes", subprocess=True),
        Case("lint-10000-unknown-terms", generated("terms.ttl", _unknown_terms), ("lint", "{in}"), 1,
             subprocess=True),
    ]


def _unknown_terms() -> bytes:
    lines = ["@prefix gg: <https://w3id.org/govgraph/ns#> .", "@prefix ex: <https://example.org/> ."]
    lines += [f"ex:s{i} gg:unknown{i} ex:o ." for i in range(10_000)]
    return "\n".join(lines).encode()


ALL = input_cases() + output_cases() + escaping_cases() + cap_cases() + bomb_cases()


def test_the_battery_is_big_enough() -> None:
    assert len(ALL) >= 150
    assert len({c.id for c in ALL}) == len(ALL)


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_hostile(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_case(case, tmp_path, monkeypatch)
