"""``govgraph compare``: golden outputs on the bundled scenarios, baselines, and bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import FIXTURES, SCENARIOS
from govgraph import UsageError, load, organization
from govgraph.compare import compare, compare_files, load_scenarios, scenario_name
from govgraph.metrics import METRICS, with_rules
from govgraph.vocab import ORG, RDF, GG

MIDT = sorted(SCENARIOS.glob("klynge-midt-2022-*.ttl"))
MIDT_BASE = SCENARIOS / "klynge-midt-2022-0-as-constituted.ttl"
ERAS = [SCENARIOS / f"nordjylland-{year}.ttl" for year in (2021, 2022, 2027)]
TINY = FIXTURES / "compare" / "tiny.ttl"
#: Golden outputs count findings against this fixed rule file, so they do not move when shapes/ grows.
RULES = ("--rules", FIXTURES / "compare" / "rules.ttl")
#: Every metric but findings, for tests about something else (validation is the slow part).
STRUCTURE = [m for m in METRICS if m.key != "findings"]


# ------------------------------------------------------------------ golden


@pytest.mark.parametrize(("fmt", "lang", "suffix"), [
    ("text", "en", "txt"), ("text", "da", "da.txt"), ("markdown", "en", "md"), ("json", "en", "json"),
    ("csv", "en", "csv")])
def test_klynge_midt_proposals_golden(run, golden, fmt, lang, suffix) -> None:
    result = run("compare", *MIDT, "--baseline", MIDT_BASE, "--format", fmt, "--lang", lang, *RULES)
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, f"compare/klynge-midt-2022.{suffix}")


def test_eras_golden_text_and_chart(run, golden, tmp_path) -> None:
    chart = tmp_path / "eras.svg"
    result = run("compare", *ERAS, "--baseline", ERAS[0], "--chart", chart, *RULES)
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, "compare/eras.txt")
    golden(chart.read_bytes(), "compare/eras.svg")


def test_chart_golden_and_deterministic(run, golden, tmp_path) -> None:
    first, second = tmp_path / "one.svg", tmp_path / "two.svg"
    for path in (first, second):
        assert run("compare", *MIDT, "--baseline", MIDT_BASE, "--chart", path, "-o", tmp_path / "t.txt",
                   "--lang", "da", *RULES).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    golden(first.read_bytes(), "compare/klynge-midt-2022.da.svg")
    assert (tmp_path / "t.txt").read_text(encoding="utf-8").startswith("Sammenligning af scenarier")


# --------------------------------------------------------------- behaviour


def test_proposals_differ_where_they_say_they_do() -> None:
    loaded, base = load_scenarios(MIDT, MIDT_BASE)
    result = compare(loaded, baseline=base, metrics=STRUCTURE)
    names = [s.name for s in result.scenarios]
    parity = result.row("parity.politisk-sundhedsklynge-midt").values
    assert dict(zip(names, parity)) == {
        "Klynge Midt 2022 as constituted": "2 : 2 ✓",
        "Klynge Midt 2022, proposal A: with a patient representative": "2 : 2 ✓",
        "Klynge Midt 2022, proposal B: 4 regional and 2 per municipality": "4 : 4 ✓",
        "Klynge Midt 2022, proposal C: 2 general-practice seats": "2 : 2 ✓",
        "Klynge Midt 2022, proposal D: the agreement's 3 regional": "3 : 2 ✗"}
    assert result.row("seats.voting.PatientsRelatives").changes == (0, 1, 0, 0, 0)
    assert result.row("seats.voting.GeneralPractice").changes == (0, 0, 0, 1, 0)
    assert result.row("seats.voting.Region").changes == (0, 0, 2, 0, 1)


def test_baseline_is_never_modified() -> None:
    models = [(str(p), load([p])) for p in ERAS]
    before = [set(m.graph) for _, m in models]
    compare(models, baseline=str(ERAS[1]))  # with findings: validation must not touch the graphs either
    assert [set(m.graph) for _, m in models] == before


def test_as_of_measures_every_scenario_on_that_day() -> None:
    loaded, _ = load_scenarios(ERAS)
    result = compare(loaded, as_of=dt.date(2022, 8, 15), metrics=STRUCTURE)
    # Mid-August 2022: the 2021 bodies had ended, of 2022 only the cooperation committee had started,
    # and of 2027 only the regional council (no validity dates) is in force.
    assert result.row("bodies").values == (0, 1, 1)
    assert all(s.day == dt.date(2022, 8, 15) for s in result.scenarios)


def test_accepts_organizations_and_models() -> None:
    model = load([TINY])
    result = compare([("model", model), ("organization", organization(model))], metrics=STRUCTURE)
    assert result.row("bodies").values == (4, 4)
    assert result.baseline is None and all(r.changes == () for r in result.rows)


def test_scenario_name_is_label_else_file_stem() -> None:
    assert scenario_name(load([TINY]), "da") == "Lille model"
    assert scenario_name(load([FIXTURES / "compare" / "unnamed.ttl"])) == "unnamed"


def test_library_refuses_repeated_names_and_unknown_baseline() -> None:
    model = load([TINY])
    with pytest.raises(UsageError, match="two scenarios are named 'x'"):
        compare([("x", model), ("x", model)])
    with pytest.raises(UsageError, match="baseline 'y' is not among"):
        compare([("x", model)], baseline="y")


def test_json_is_machine_readable(run) -> None:
    result = run("compare", *ERAS, "--baseline", ERAS[1], "--format", "json", "--no-findings")
    data = json.loads(result.stdout)
    assert data["baseline"] == "North Jutland health clusters 2022–2026"
    bodies = next(r for r in data["rows"] if r["key"] == "bodies")
    assert bodies["values"] == [12, 9, 3] and bodies["changes"] == [3, 0, -6]


def test_extract_matches_the_2022_scenario() -> None:
    """The as-constituted extract repeats nordjylland-2022.ttl's Klynge Midt bodies and seats exactly,
    and every proposal keeps all of them (proposals only add)."""
    full = load([SCENARIOS / "nordjylland-2022.ttl"]).user
    bodies = {s for s in full.subjects(GG.level, None) if str(s).endswith("sundhedsklynge-midt")}
    subjects = bodies | {s for b in bodies for s in full.subjects(ORG.postIn, b)}

    def about(graph):
        return {t for t in graph if t[0] in subjects}

    expected = about(full)
    assert len(bodies) == 2 and len(expected) > 100
    assert about(load([MIDT_BASE]).user) == expected
    for proposal in MIDT[1:]:
        graph = load([proposal]).user
        assert expected <= about(graph), proposal.name
        scenario = next(graph.subjects(RDF.type, GG.Scenario))
        assert str(graph.value(scenario, GG.status)).endswith("Proposed")


# --------------------------------------------------------------- bad input


def _only_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_unreadable_scenario_writes_nothing(run, tmp_path) -> None:
    out, chart = tmp_path / "table.txt", tmp_path / "chart.svg"
    result = run("compare", TINY, FIXTURES / "compare" / "broken.ttl", "-o", out, "--chart", chart)
    assert result.exit_code == 2
    line = _only_line(result.stderr)
    assert "broken.ttl:8" in line and "syntax" in line.lower()
    assert not out.exists() and not chart.exists() and list(tmp_path.iterdir()) == []


def test_baseline_not_among_scenarios(run, tmp_path) -> None:
    out = tmp_path / "table.txt"
    out.write_text("earlier table\n")
    result = run("compare", *ERAS[1:], "--baseline", ERAS[0], "-o", out)
    assert result.exit_code == 2
    line = _only_line(result.stderr)
    assert "nordjylland-2021.ttl is not among the scenarios" in line and "name it as a scenario too" in line
    assert out.read_text() == "earlier table\n"  # the old file is left as it was


def test_two_scenarios_with_the_same_name(run, tmp_path) -> None:
    result = run("compare", TINY, FIXTURES / "compare" / "twin.ttl", "-o", tmp_path / "t.txt")
    assert result.exit_code == 2
    line = _only_line(result.stderr)
    assert "tiny.ttl and" in line and "twin.ttl are both named 'Tiny model'" in line
    assert list(tmp_path.iterdir()) == []
    # In Danish the labels differ, so the same files compare fine.
    assert run("compare", TINY, FIXTURES / "compare" / "twin.ttl", "--lang", "da", "--no-findings").exit_code == 0


def test_bad_date_and_unwritable_output(run, tmp_path) -> None:
    result = run("compare", TINY, "--as-of", "2022-13-01")
    assert result.exit_code == 2 and "--as-of '2022-13-01' is not a date" in _only_line(result.stderr)
    result = run("compare", TINY, "-o", tmp_path / "missing" / "t.txt", "--no-findings")
    assert result.exit_code == 2 and "cannot write" in _only_line(result.stderr) and "does not exist" in _only_line(result.stderr)
    result = run("compare", TINY, "-o", tmp_path / "same.svg", "--chart", tmp_path / "same.svg")
    assert result.exit_code == 2 and "same file" in _only_line(result.stderr)
    assert not (tmp_path / "missing").exists() and list(tmp_path.iterdir()) == []


def test_findings_rows_agree_with_validate() -> None:
    from govgraph.report import Severity
    from govgraph.validate import validate

    loaded, _ = load_scenarios([MIDT[0], MIDT[-1]])
    result = compare(loaded)
    for name, model in loaded:
        report = validate(model)
        for severity in Severity:
            assert result.value(f"findings.{severity.value}", name) == report.count(severity), (name, severity)


def test_unknown_rule_set(run, tmp_path) -> None:
    result = run("compare", TINY, "--rules", "no-such-rules", "-o", tmp_path / "t.txt")
    assert result.exit_code == 2
    assert "no-such-rules" in _only_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


def test_no_findings_leaves_the_validation_out(run) -> None:
    result = run("compare", TINY, "--no-findings", "--format", "csv")
    assert result.exit_code == 0
    keys = [line.split(";", 1)[0] for line in result.stdout.splitlines()[1:]]
    assert keys[0] == "bodies" and not any(k.startswith("findings") for k in keys)


def test_parallel_measuring_gives_the_same_comparison() -> None:
    loaded, base = load_scenarios(MIDT, MIDT_BASE)
    metrics = with_rules([str(RULES[1])])
    assert compare(loaded, baseline=base, metrics=metrics, workers=2) == compare(loaded, baseline=base,
                                                                                  metrics=metrics, workers=1)


def test_parallel_measuring_reports_errors_in_one_line(run, tmp_path) -> None:
    result = run("compare", TINY, *ERAS[:1], "--rules", "no-such-rules", "--jobs", "2", "-o", tmp_path / "t.txt")
    assert result.exit_code == 2 and "no-such-rules" in _only_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("baseline", [None, MIDT_BASE, "Klynge Midt 2022 as constituted"],
                         ids=["no-baseline", "baseline-file", "baseline-name"])
def test_files_loaded_in_workers_compare_as_in_one_process(baseline) -> None:
    metrics = with_rules([str(RULES[1])])
    in_workers = compare_files(MIDT, baseline, metrics=metrics, workers=2)
    assert in_workers == compare_files(MIDT, baseline, metrics=metrics, workers=1)
    loaded, base = load_scenarios(MIDT, baseline)
    assert in_workers == compare(loaded, baseline=base, metrics=metrics)
    assert in_workers.baseline == (None if baseline is None else 0)


def test_a_bad_file_loaded_in_a_worker_is_one_line_naming_it(run, tmp_path) -> None:
    out = tmp_path / "t.txt"
    result = run("compare", *ERAS, FIXTURES / "compare" / "broken.ttl", TINY, "--baseline", ERAS[1],
                 "--jobs", "2", "--no-findings", "-o", out)
    assert result.exit_code == 2
    line = _only_line(result.stderr)
    assert "broken.ttl:8" in line and "syntax" in line.lower()
    assert list(tmp_path.iterdir()) == []


def test_compare_counts_region_oestdanmarks_municipalities_through_the_merger(run) -> None:
    """A body whose area is Region Østdanmark serves the 46 municipalities of Hovedstaden and Sjælland in 2027."""
    result = run("compare", SCENARIOS / "nordjylland-2027.ttl", FIXTURES / "compare" / "oestdanmark-2027.ttl")
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "municipalities without a seat" in x)
    assert line.split()[-2:] == ["0", "44"]
