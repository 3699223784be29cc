"""Rules are standard SHACL-SPARQL: the bundled rule files pass `govgraph lint --rules`, the forms
only pySHACL accepts are found with their line and the fix, FROM and SERVICE are refused when the
rules load, and a rule that runs past its time budget is stopped and named."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

ENGINE = FIXTURES / "engine"
BUNDLED = sorted((ROOT / "shapes").glob("*.ttl"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_rule_files_are_standard(run, path) -> None:
    result = run("lint", "--rules", path)
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


def test_non_standard_forms_are_found_with_line_and_fix(run) -> None:
    path = ENGINE / "nonstandard" / "components.ttl"
    result = run("lint", "--rules", path)
    assert result.exit_code == 1
    out = result.stdout
    expected = [
        (29, "not SPARQL 1.1"),  # BIND (?seats AS ?value) with ?value projected by the nested SELECT
        (22, "a node SELECT validator reads $value"),
        (38, "a property validator that does not use $PATH"),
        (54, "a nested SELECT does not project $limit, $this"),
        (55, "AS ?limit binds a pre-bound variable"),
    ]
    blocks = out.split("  violation ")[1:]
    found = {(int(b.split("components.ttl:")[1].split()[0]), b.split("] ", 1)[1].split(" (")[0]) for b in blocks}
    for line, words in expected:
        assert any(at == line and what.startswith(words) for at, what in found), (line, words, found)
    assert len(found) == len(expected)
    # Each problem says what to do.
    assert "$this $PATH ?value" in out and "?count" in out


def test_from_in_a_rule_is_refused_when_the_rules_load(run) -> None:
    result = run("validate", ROOT / "data" / "examples" / "klynge-midt-2022-ok.ttl",
                 "--rules", ENGINE / "network" / "from.ttl")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "from.ttl:24: the rule's SPARQL query uses FROM, which reads another graph" in lines[0]
    result = run("lint", "--rules", ENGINE / "network" / "from.ttl")
    assert result.exit_code == 1 and "FROM reads another graph or service" in result.stdout
    assert "from.ttl:24" in result.stdout


def test_a_rule_past_its_time_budget_is_stopped_and_named() -> None:
    # A subprocess: the stopped query's thread ends with its process, not with this test session.
    env = {**os.environ, "GOVGRAPH_MAX_RULE_SECONDS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "govgraph", "validate", str(ROOT / "data" / "examples" / "klynge-midt-2022-ok.ttl"),
         "--rules", str(ENGINE / "slow" / "slow.ttl")],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "slow.ttl:" in lines[0] and "rule T-SLOW ran past its time budget of 1 s" in lines[0]
    assert "GOVGRAPH_MAX_RULE_SECONDS" in lines[0]


def test_a_bad_budget_is_a_usage_error() -> None:
    env = {**os.environ, "GOVGRAPH_MAX_RULE_SECONDS": "soon"}
    done = subprocess.run([sys.executable, "-m", "govgraph", "validate",
                           str(ROOT / "data" / "examples" / "klynge-midt-2022-ok.ttl")],
                          capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert done.returncode == 2 and "GOVGRAPH_MAX_RULE_SECONDS='soon' is not a number" in done.stderr
