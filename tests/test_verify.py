"""``govgraph verify``: a user's own rules against their fires/passes fixtures (as ``conftest verify`` does)."""

from __future__ import annotations

from conftest import FIXTURES, ROOT
from govgraph.verify import verify

VERIFY = FIXTURES / "verify"
MINE, DISAGREEING = VERIFY / "my-rules.ttl", VERIFY / "disagreeing-rules.ttl"
FOLDER = VERIFY / "fixtures"


def test_a_rule_whose_fixtures_agree_passes(run) -> None:
    result = run("verify", MINE, "--fixtures", FOLDER)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (f"PASS MY-SEAT-SIDE {FOLDER / 'MY-SEAT-SIDE' / 'fires.ttl'}\n"
                             f"PASS MY-SEAT-SIDE {FOLDER / 'MY-SEAT-SIDE' / 'passes.ttl'}\n"
                             "1 rules, 2 fixtures: 2 passed, 0 failed\n")


def test_a_fixture_that_disagrees_names_rule_fixture_and_the_missing_or_extra_finding(run) -> None:
    result = run("verify", DISAGREEING, MINE, "--fixtures", FOLDER)
    assert result.exit_code == 1
    fires, passes = FOLDER / "MY-SEAT-ROLE" / "fires.ttl", FOLDER / "MY-SEAT-ROLE" / "passes.ttl"
    assert result.stdout.splitlines() == [
        f"FAIL MY-SEAT-ROLE {fires}",
        "  expected: at least one finding of MY-SEAT-ROLE",
        "  actual: no finding of MY-SEAT-ROLE (missing finding)",
        f"FAIL MY-SEAT-ROLE {passes}",
        "  expected: no finding of MY-SEAT-ROLE",
        "  actual: 1 finding(s) of MY-SEAT-ROLE (extra finding):",
        f"    MY-SEAT-ROLE: Committee A: The seat A seat 2 has no role. ({passes}:26)",
        f"PASS MY-SEAT-SIDE {FOLDER / 'MY-SEAT-SIDE' / 'fires.ttl'}",
        f"PASS MY-SEAT-SIDE {FOLDER / 'MY-SEAT-SIDE' / 'passes.ttl'}",
        "2 rules, 4 fixtures: 2 passed, 2 failed",
    ]
    danish = run("verify", DISAGREEING, "--fixtures", FOLDER, "--lang", "da")
    assert danish.exit_code == 1 and "faktisk: intet fund af MY-SEAT-ROLE (manglende fund)" in danish.stdout


def test_missing_fixtures_and_dates_outside_the_rule_fail(tmp_path) -> None:
    (tmp_path / "MY-SEAT-SIDE").mkdir()
    early = (FOLDER / "MY-SEAT-SIDE" / "fires.ttl").read_text(encoding="utf-8").replace("2022-10-01", "2021-01-01")
    (tmp_path / "MY-SEAT-SIDE" / "fires.ttl").write_text(early, encoding="utf-8")
    results = {r.kind: r for r in verify([MINE], tmp_path)}
    assert results["fires"].problem == "out-of-dates" and results["fires"].detail == "2021-01-01"
    assert results["passes"].problem == "missing-fixture"


def test_the_project_rules_verify_against_their_own_fixtures(run, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # --fixtures defaults to tests/fixtures/rules in the working folder
    result = run("verify", "shapes/dk-2027.ttl")
    assert result.exit_code == 0 and result.stdout.endswith("passed, 0 failed\n")


def test_bad_input_is_one_line_and_exit_2(run, tmp_path) -> None:
    for args, words in (((tmp_path / "nowhere.ttl",), "does not exist"),
                        ((FIXTURES / "sheets" / "good.yaml",), "no rule found")):
        result = run("verify", *args, "--fixtures", FOLDER)
        assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
        assert words in result.stderr
