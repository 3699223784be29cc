"""Shared test helpers: paths, an in-process CLI runner, golden files.

Golden files live in tests/golden/. Regenerate them deliberately with
``UPDATE_GOLDEN=1 pytest`` and review the diff before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
DATA = ROOT / "data"
SCENARIOS = DATA / "scenarios"


@pytest.fixture
def run():
    """Run the CLI in-process: ``result = run("info", path)``; result.exit_code, .stdout, .stderr."""
    from govgraph.cli import app

    runner = CliRunner()

    def _run(*args: object):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return _run


def assert_golden(actual: str | bytes, name: str) -> None:
    """Compare output with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"golden file {path} missing: run UPDATE_GOLDEN=1 pytest and review it"
    expected = path.read_bytes()
    if expected != data:
        diff = "\n".join(difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(), data.decode("utf-8", "replace").splitlines(),
            "expected", "actual", lineterm="", n=2))
        pytest.fail(f"output differs from golden file {name}:\n{diff[:6000]}")


@pytest.fixture
def golden():
    return assert_golden


@pytest.fixture(autouse=True)
def _english_unless_told(monkeypatch):
    """Commands default to the locale's language: run every test in a neutral, non-Danish locale."""
    for name in ("GOVGRAPH_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
