"""Every error a user can get is written in Danish as well as English.

Users are Danish secretariat staff: ``--lang da`` must give them the exit-2 line in Danish too.
The guard reads the source: every place that raises a govgraph error gives its Danish text
(``da=`` for a message, ``da_what=`` for an input error). The CLI tests show the Danish line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SCENARIOS
from govgraph.errors import GovgraphError, InputError, UsageError, danish_place

SOURCES = sorted((ROOT / "src" / "govgraph").rglob("*.py"))
#: Error classes and how a call gives its Danish text: keyword, or the number of positional arguments.
ERRORS = {"GovgraphError": ("da", 2), "UsageError": ("da", 2), "ToolMissingError": ("da", 2),
          "RuleError": ("da", 3), "RenderError": ("da", 2), "InputError": ("da_what", 4),
          "ConfigError": ("da", 2)}


def _calls_without_danish(path: Path, root: Path = ROOT) -> list[str]:
    missing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name not in ERRORS:
            continue
        keyword, positional = ERRORS[name]
        if any(k.arg in (keyword, None) for k in node.keywords) or len(node.args) >= positional:
            continue
        missing.append(f"{path.relative_to(root)}:{node.lineno}: {name}(…) without {keyword}=")
    return missing


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT / "src")) for p in SOURCES])
def test_every_error_raised_has_a_danish_text(path: Path) -> None:
    assert _calls_without_danish(path) == []


def test_the_guard_can_fail(tmp_path) -> None:
    sloppy = tmp_path / "sloppy.py"
    sloppy.write_text('raise UsageError("bad")\nraise InputError("f.ttl", "bad", "fix it")\n'
                      'raise UsageError("bad", da="dårlig")\nraise InputError("f", "bad", da_what="dårlig")\n')
    assert _calls_without_danish(sloppy, tmp_path) == [
        "sloppy.py:1: UsageError(…) without da=", "sloppy.py:2: InputError(…) without da_what="]


def test_error_texts() -> None:
    error = InputError("forslag.xlsx: sheet Seats, row 7, column Role", "unknown role", "pick one from the list",
                       da_what="ukendt rolle", da_hint="vælg en fra listen")
    assert str(error) == "forslag.xlsx: sheet Seats, row 7, column Role: unknown role (pick one from the list)"
    assert error.text("da") == "forslag.xlsx: ark Seats, række 7, kolonne Role: ukendt rolle (vælg en fra listen)"
    assert UsageError("bad date", da="forkert dato").text("da") == "forkert dato"
    assert GovgraphError("only English").text("da") == "only English"
    assert danish_place("a.xlsx: sheet X, row 2") == "a.xlsx: ark X, række 2"


@pytest.mark.parametrize(("args", "danish"), [
    ((FIXTURES / "load" / "missing-file.ttl",), "findes ikke"),
    ((SCENARIOS / "nordjylland-2022.ttl", "--as-of", "2022-13-01"), "er ikke en dato"),
    ((SCENARIOS / "nordjylland-2022.ttl", "--rules", "no-such-rules"), "no-such-rules"),
])
def test_validate_says_what_is_wrong_in_danish(run, args, danish) -> None:
    english = run("validate", *args)
    result = run("validate", *args, "--lang", "da")
    assert result.exit_code == english.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and danish in lines[0] and lines[0] != english.stderr.strip()
