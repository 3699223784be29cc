"""The conventions of the tools govgraph's users already know (issue 15): --version, -h, completion,
plain help texts, '-o -', the format from the -o suffix, day-first dates, colour, progress, CSV for
Danish Excel and a LICENSE file. Everything runs in-process through the CLI runner."""

from __future__ import annotations

import io
import re
import time
import tomllib
from pathlib import Path

import pytest
import typer.main

from conftest import DATA, FIXTURES, ROOT, SCENARIOS
from govgraph import __version__
from govgraph.cli import app
from govgraph.cli import terminal
from govgraph.dates import parse_day, read_day
from govgraph.errors import UsageError

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
PARITY = DATA / "examples" / "klynge-midt-2022-parity.ttl"
OK = DATA / "examples" / "klynge-midt-2022-ok.ttl"
TINY = FIXTURES / "compare" / "tiny.ttl"
OLD, NEW = FIXTURES / "diff" / "old.ttl", FIXTURES / "diff" / "new.ttl"
GOOD_XLSX = FIXTURES / "sheets" / "good.xlsx"
#: What typer prints for a parameter without a metavar: a Python type in angle brackets.
PYTHON_TYPE = re.compile(r"<(?:list\[|tuple\[)?(?:str|Path|path|int|float|bool|text|integer)\b")


def test_version_matches_the_metadata(run) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.exit_code == 0 and result.stdout == f"govgraph {project['version']}\n"
    assert __version__ == project["version"]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_h_is_help(run, name: str) -> None:
    args = [name] if name else []
    short, long = run(*args, "-h"), run(*args, "--help")
    assert short.exit_code == 0 and short.stdout == long.stdout and "Usage: govgraph" in short.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_help_texts_name_no_python_types(run, name: str) -> None:
    text = run(name, "--help").stdout
    assert not PYTHON_TYPE.search(text), f"govgraph {name} --help shows a Python type: {PYTHON_TYPE.search(text)}"
    assert "Usage: govgraph" in text


def test_the_python_type_check_can_fail() -> None:
    assert PYTHON_TYPE.search("  model... <list[Path]>  Model files")
    assert PYTHON_TYPE.search("  --as-of <str>  the date")
    assert not PYTHON_TYPE.search("  --as-of DATE   the date (1.10.2022 or 2022-10-01)")


def test_shell_completion_is_typers(run) -> None:
    from typer.testing import CliRunner

    script = run("--show-completion", "bash")
    assert script.exit_code == 0 and "_GOVGRAPH_COMPLETE=complete_bash" in script.stdout
    complete = CliRunner().invoke(app, [], prog_name="govgraph", env={
        "_GOVGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "govgraph veri", "COMP_CWORD": "1"})
    assert complete.stdout.split() == ["verify"]
    options = CliRunner().invoke(app, [], prog_name="govgraph", env={
        "_GOVGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "govgraph validate --ackn", "COMP_CWORD": "2"})
    assert options.stdout.split() == ["--acknowledgements"]


# ---- '-o -' prints, on every command that has -o ----

def _dash(run, tmp_path: Path, monkeypatch, *args: object):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert not (tmp_path / "-").exists(), "'-o -' wrote a file named '-'"
    return result


def test_dash_o_prints_validate_compare_diff_draw(run, tmp_path, monkeypatch) -> None:
    for args in (("validate", PARITY), ("compare", TINY, "--no-findings"), ("diff", OLD, NEW), ("draw", TINY)):
        plain = run(*args)
        dashed = _dash(run, tmp_path, monkeypatch, *args, "-o", "-")
        assert dashed.exit_code == plain.exit_code and dashed.stdout == plain.stdout and dashed.stdout, args
    sarif = _dash(run, tmp_path, monkeypatch, "validate", PARITY, "-o", "-", "--format", "sarif")
    assert sarif.stdout.lstrip().startswith("{") and '"version": "2.1.0"' in sarif.stdout


def test_dash_o_pipes_pictures_and_workbooks(run, tmp_path, monkeypatch) -> None:
    png = _dash(run, tmp_path, monkeypatch, "draw", TINY, "--format", "png", "-o", "-")
    assert png.exit_code == 0 and png.stdout_bytes.startswith(b"\x89PNG")
    for args in (("template", "-o", "-"), ("export", TINY, "-o", "-")):
        book = _dash(run, tmp_path, monkeypatch, *args)
        assert book.exit_code == 0 and book.stdout_bytes.startswith(b"PK"), args  # an .xlsx is a zip
    turtle = _dash(run, tmp_path, monkeypatch, "import", GOOD_XLSX, "-o", "-")
    assert turtle.exit_code == 0 and "@prefix" in turtle.stdout
    assert list(tmp_path.iterdir()) == []


# ---- the -o suffix picks the format ----

@pytest.mark.parametrize(("suffix", "starts"), [
    (".json", '{'), (".md", "| Body |"), (".xml", '<?xml'), (".ttl", "@prefix"), (".sarif", "{"),
    (".txt", "Political Health Cluster Midt"),
])
def test_validate_format_from_suffix(run, tmp_path, suffix: str, starts: str) -> None:
    out = tmp_path / f"report{suffix}"
    result = run("validate", PARITY, "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith(starts) or starts in text.splitlines()[0]
    if suffix == ".sarif":
        assert '"$schema"' in text and '"ruleId": "DK22-LOC-PARITY"' in text


@pytest.mark.parametrize(("suffix", "fmt"), [(".csv", "csv"), (".json", "json"), (".md", "markdown"),
                                            (".txt", "text")])
def test_compare_format_from_suffix(run, tmp_path, suffix: str, fmt: str) -> None:
    out = tmp_path / f"table{suffix}"
    assert run("compare", TINY, "--no-findings", "-o", out).exit_code == 0
    printed = run("compare", TINY, "--no-findings", "--format", fmt).stdout.encode("utf-8")
    bom = b"\xef\xbb\xbf" if fmt == "csv" else b""  # a CSV file starts with a BOM for Danish Excel
    assert out.read_bytes() == bom + printed
    if fmt == "csv":
        assert printed.startswith(b"key;section;label;")


@pytest.mark.parametrize("args", [
    ("validate", PARITY, "-o", "{out}/report.pdf"),
    ("validate", PARITY, "--format", "json", "-o", "{out}/report.md"),
    ("compare", TINY, "--no-findings", "-o", "{out}/table.xlsx"),
    ("diff", OLD, NEW, "-o", "{out}/diff.docx"),
    ("draw", TINY, "-o", "{out}/chart.bmp"),
    ("template", "-o", "{out}/template.csv"),
    ("import", GOOD_XLSX, "-o", "{out}/proposal.xlsx"),
    ("export", TINY, "-o", "{out}/model.json"),
], ids=lambda a: a[0])
def test_a_suffix_the_command_cannot_write_is_exit_2_and_nothing_written(run, tmp_path, args) -> None:
    result = run(*(str(a).format(out=tmp_path) for a in args))
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("govgraph: -o ")
    assert list(tmp_path.iterdir()) == []


# ---- day-first dates ----

def test_day_first_dates() -> None:
    assert read_day("1.10.2022") == read_day("01-10-2022") == read_day("1/10/2022") == read_day("2022-10-01")
    assert read_day("31.2.2022") is None and read_day("2022-13-01") is None and read_day("oktober") is None
    with pytest.raises(UsageError, match="write 1.10.2022 or 2022-10-01"):
        parse_day("32.1.2022", "--as-of")


@pytest.mark.parametrize("args", [
    ("validate", PARITY, "--as-of", "{day}"),
    ("rules", "--as-of", "{day}"),
    ("info", SCENARIOS / "nordjylland-2022.ttl", "--as-of", "{day}"),
    ("draw", SCENARIOS / "nordjylland-2022.ttl", "--as-of", "{day}"),
    ("diff", OLD, NEW, "--as-of-old", "{day}"),
    ("compare", TINY, "--no-findings", "--as-of", "{day}"),
], ids=lambda a: a[0])
def test_every_typed_date_may_be_day_first(run, args) -> None:
    iso = run(*(str(a).format(day="2022-10-01") for a in args))
    danish = run(*(str(a).format(day="1.10.2022") for a in args))
    assert danish.exit_code == iso.exit_code and danish.exit_code in (0, 1)
    assert danish.stdout == iso.stdout


# ---- CSV that Danish Excel opens ----

def test_csv_export_has_a_bom_and_semicolons_and_reads_back(run, tmp_path) -> None:
    out = tmp_path / "csv"
    assert run("export", GOOD_XLSX, "-o", out).exit_code == 0
    raw = (out / "bodies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfId;Type;Label (da);")
    again = tmp_path / "again.ttl"
    assert run("import", out, "-o", again).exit_code == 0
    old_style = tmp_path / "old.ttl"  # the comma-separated files without BOM that earlier versions wrote
    assert (FIXTURES / "sheets" / "good-csv" / "bodies.csv").read_bytes().startswith(b"Id,Type,")
    assert run("import", FIXTURES / "sheets" / "good-csv", "-o", old_style).exit_code == 0
    from govgraph.load import load
    from rdflib.compare import isomorphic

    assert isomorphic(load([again], reference=False).user, load([old_style], reference=False).user)


# ---- colour and progress (only on a terminal) ----

def test_colour_only_on_a_terminal_and_never_under_no_color(run, monkeypatch) -> None:
    assert "\x1b[" not in run("validate", PARITY).stdout  # the runner's stdout is no terminal
    monkeypatch.setattr(terminal, "is_terminal", lambda stream: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = run("validate", PARITY)
    assert "\x1b[31m" in coloured.stdout and coloured.exit_code == 1
    assert "\x1b[" not in run("validate", PARITY, "--no-color").stdout
    assert "\x1b[" not in run("--no-color", "validate", PARITY).stdout
    assert "\x1b[" not in run("validate", PARITY, "--format", "json").stdout
    lint = FIXTURES / "lint" / "many-problems.ttl"
    assert "\x1b[31m" in run("lint", lint).stdout
    assert "\x1b[31m" in run("verify", FIXTURES / "verify" / "disagreeing-rules.ttl",
                              "--fixtures", FIXTURES / "verify" / "fixtures").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("validate", PARITY).stdout
    assert "\x1b[" not in run("lint", lint).stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_the_delay_only() -> None:
    quiet = _Terminal()
    with terminal.progress("Validating…", stream=quiet, delay=5.0):
        pass  # done before the delay: nothing shown
    assert quiet.getvalue() == ""
    shown = _Terminal()
    with terminal.progress("Validating…", stream=shown, delay=0.0):
        time.sleep(0.4)
    assert "Validating…" in shown.getvalue()
    piped = io.StringIO()  # not a terminal
    with terminal.progress("Validating…", stream=piped, delay=0.0):
        time.sleep(0.2)
    assert piped.getvalue() == ""


def test_no_progress_in_the_runner_output(run) -> None:
    result = run("validate", PARITY)
    assert "Validating" not in result.stderr and "Validating" not in result.stdout


# ---- licence ----

def test_licence_file_matches_the_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == {"text": "MIT"} and text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text
