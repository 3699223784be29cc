"""``govgraph lint``: passes on all bundled data, fires on misspelled terms and unlabelled seats."""

from __future__ import annotations

import pytest

from conftest import DATA, FIXTURES
from govgraph import load
from govgraph.lint import lint

#: Every scenario and every example, in subfolders too (data/examples/councils-2027/, denmark-2027/), linted
#: with the bundled reference data as context. The examples that exist to show a finding show it in validate
#: (a rule of the law); none of them is meant to be malformed, so lint finds nothing in any.
BUNDLED = sorted(p for p in (DATA / "scenarios").iterdir() if p.is_file()) + sorted((DATA / "examples").glob("**/*.ttl"))


def test_every_bundled_model_file_is_linted() -> None:
    names = {str(p.relative_to(DATA)) for p in BUNDLED}
    assert {"examples/councils-2027/syddanmark-fyn.ttl", "examples/denmark-2027/oestdanmark-hovedstaden.ttl",
            "scenarios/nordjylland-2027.ttl", "examples/klynge-midt-2022-parity.ttl"} <= names
    assert len([n for n in names if n.startswith("examples/denmark-2027/")]) == 17


@pytest.mark.parametrize("path", BUNDLED, ids=[str(p.relative_to(DATA)) for p in BUNDLED])
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
