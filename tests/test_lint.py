"""``govgraph lint``: passes on all bundled data, fires on misspelled terms and unlabelled seats."""

from __future__ import annotations

import pytest

from conftest import DATA, FIXTURES
from govgraph import load
from govgraph.lint import lint

BUNDLED = sorted((DATA / "scenarios").glob("*.ttl")) + sorted((DATA / "examples").glob("*.ttl"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_data_lints_clean(run, path) -> None:
    result = run("lint", path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 violations, 0 warnings" in result.stdout


def test_misspelled_property_fires_with_location_and_suggestion(run) -> None:
    result = run("lint", FIXTURES / "load" / "typo-term.ttl")
    assert result.exit_code == 1
    assert "org:postin" in result.stdout and "did you mean org:postIn?" in result.stdout
    assert "typo-term.ttl:25" in result.stdout


def test_lint_reports_every_problem_not_just_the_first() -> None:
    report = lint(load([FIXTURES / "lint" / "many-problems.ttl"], strict=False))
    rules = sorted(f.rule for f in report.findings)
    assert rules == ["lint:body-label", "lint:seat-body", "lint:seat-body-kind", "lint:seat-label",
                     "lint:unknown-term", "lint:unknown-term"]


def test_lint_in_danish(run) -> None:
    result = run("lint", FIXTURES / "load" / "typo-concept.ttl", "--lang", "da")
    assert "ukendt værdi role:Mayr (mente du role:Mayor?)" in result.stdout
