"""``govgraph validate``, ``rules`` and ``explain`` on the command line: formats (golden files),
exit codes, --fail-on, bad input (one line, exit 2), output files, and no network."""

from __future__ import annotations

import json
import pytest

from conftest import FIXTURES, ROOT
from test_network import _run_python
from govgraph.render.rules import render_catalogue, render_explanation
from govgraph.rules import load_catalogue

ENGINE = "tests/fixtures/engine"
RULES = f"{ENGINE}/shapes/engine-rules.ttl"
PROPOSAL = f"{ENGINE}/models/proposal.ttl"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    # Relative paths in locations, so golden files do not depend on where the checkout is.
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("fmt,lang,ext", [
    ("text", "en", "txt"), ("text", "da", "txt"), ("json", "en", "json"), ("markdown", "da", "md"),
    ("junit", "en", "xml"), ("turtle", "en", "ttl")])
def test_every_format_matches_its_golden_file(run, golden, fmt, lang, ext) -> None:
    result = run("validate", PROPOSAL, "--rules", RULES, "--format", fmt, "--lang", lang)
    assert result.exit_code == 1, result.stderr
    golden(result.stdout, f"validate/proposal.{lang}.{ext}")


def test_output_is_byte_identical_between_runs(run) -> None:
    first = run("validate", PROPOSAL, "--rules", RULES, "--format", "turtle").stdout
    assert first == run("validate", PROPOSAL, "--rules", RULES, "--format", "turtle").stdout


def test_turtle_is_a_shacl_validation_report(run) -> None:
    from rdflib import BNode, Graph
    from rdflib.namespace import RDF, SH

    graph = Graph().parse(data=run("validate", PROPOSAL, "--rules", RULES, "-f", "turtle").stdout, format="turtle")
    report = next(graph.subjects(RDF.type, SH.ValidationReport))
    assert graph.value(report, SH.conforms).toPython() is False
    results = list(graph.objects(report, SH.result))
    assert len(results) == 5
    assert all(graph.value(r, SH.focusNode) and graph.value(r, SH.sourceShape) for r in results)
    # no blank nodes: they would change on every run
    assert not [t for t in graph if any(isinstance(n, BNode) for n in t)]


def test_json_counts_and_stable_keys(run) -> None:
    document = json.loads(run("validate", PROPOSAL, "--rules", RULES, "-f", "json").stdout)
    assert document["counts"] == {"info": 1, "violation": 1, "warning": 3}
    assert document["bodies_checked"] == 2 and document["as_of"] == "2022-10-01"
    assert list(document["findings"][0]) == sorted(document["findings"][0])


@pytest.mark.parametrize("model,fail_on,code", [
    (f"{ENGINE}/rules/T-PARITY/passes.ttl", "info", 0),     # conforms
    (f"{ENGINE}/rules/T-PARITY/fires.ttl", "violation", 0),  # a warning only
    (f"{ENGINE}/rules/T-PARITY/fires.ttl", "warning", 1),
    (f"{ENGINE}/models/info-only.ttl", "warning", 0),
    (f"{ENGINE}/models/info-only.ttl", "info", 1),
    (PROPOSAL, "violation", 1),
])
def test_exit_code_follows_fail_on(run, model, fail_on, code) -> None:
    result = run("validate", model, "--rules", RULES, "--fail-on", fail_on)
    assert result.exit_code == code, result.stdout + result.stderr


def test_conforming_proposal_says_so_in_one_summary_line(run) -> None:
    result = run("validate", f"{ENGINE}/rules/T-PARITY/passes.ttl", "--rules", RULES)
    assert result.stdout == "1 body checked, 0 violations, 0 warnings, 0 info\n"


def test_as_of_changes_the_bodies_in_scope(run) -> None:
    result = run("validate", PROPOSAL, "--rules", RULES, "--as-of", "2022-05-01")
    assert "Old committee C" in result.stdout and result.stdout.endswith(
        "3 bodies checked, 2 violations, 3 warnings, 2 info\n")


@pytest.mark.parametrize("args,words", [
    (["tests/fixtures/load/syntax-error.ttl"], ["syntax-error.ttl:", "Turtle syntax error"]),
    ([PROPOSAL, "--rules", "no-such-set"], ["unknown rule set 'no-such-set'", "known sets:"]),
    ([PROPOSAL, "--as-of", "2022-13-01"], ["--as-of '2022-13-01' is not a date", "1.10.2022"]),
    (["tests/fixtures/load/empty.ttl"], ["empty.ttl: the file is empty"]),
    (["tests/fixtures/load/comments-only.ttl"], ["comments-only.ttl: the file contains no statements"]),
    ([PROPOSAL, "--rules", f"{ENGINE}/no-such-rules.ttl"], ["no-such-rules.ttl does not exist"]),
    ([PROPOSAL, "--rules", "tests"], ["unknown rule set 'tests'"]),  # a folder is not a rule set
    ([PROPOSAL, "--rules", RULES, "--rules", f"{ENGINE}/duplicate/again.ttl"],
     ["engine-rules.ttl:31: rule id T-PARITY is used twice (also at tests/fixtures/engine/duplicate/again.ttl:10)"]),
    ([PROPOSAL, "--rules", f"{ENGINE}/network/service.ttl"], ["service.ttl:23: the rule's SPARQL query uses SERVICE",
                                                              "remove it"]),
])
def test_bad_input_gives_one_line_and_exit_2(run, args, words) -> None:
    result = run("validate", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_output_file_is_written_whole_and_nothing_on_error(run, tmp_path) -> None:
    out = tmp_path / "report.json"
    result = run("validate", PROPOSAL, "--rules", RULES, "-f", "json", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["violation"] == 1
    failed = tmp_path / "failed.json"
    assert run("validate", PROPOSAL, "--as-of", "2022-13-01", "-o", failed).exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_catalogue_and_explanation_of_a_rule_set(golden) -> None:
    catalogue = load_catalogue(shapes_dir=FIXTURES / "engine" / "shapes")
    golden(render_catalogue(catalogue, catalogue.rules, "en"), "validate/engine-catalogue.en.txt")
    golden(render_explanation(catalogue, catalogue.get("T-PARITY"), "da"), "validate/explain-T-PARITY.da.txt")


def test_explain_unknown_rule_suggests_and_exits_2(run) -> None:
    result = run("explain", "NO-SUCH-RULE-AT-ALL")
    assert result.exit_code == 2
    assert result.stderr.startswith("govgraph: unknown rule 'NO-SUCH-RULE-AT-ALL'")


def test_rules_with_a_bad_date_exits_2(run) -> None:
    assert run("rules", "--as-of", "2022-13-01").exit_code == 2


def test_nothing_reaches_the_network() -> None:
    """owl:imports in the model and SERVICE in a rule: validate runs offline and never connects."""
    result = _run_python(f"""
        from govgraph.cli import app
        from typer.testing import CliRunner
        runner = CliRunner()
        ok = runner.invoke(app, ["validate", "{ENGINE}/network/imports.ttl", "--rules", "{RULES}"])
        refused = runner.invoke(app, ["validate", "{ENGINE}/network/imports.ttl", "--rules",
                                      "{ENGINE}/network/service.ttl"])
        print("ok:", ok.exit_code, ok.stdout.strip())
        print("service:", refused.exit_code)
        print("connections:", len(calls))
    """, spy=True)
    assert "ok: 0 1 body checked, 0 violations" in result.stdout, result.stdout + result.stderr
    assert "service: 2" in result.stdout
    assert "connections: 0" in result.stdout


def test_rules_lists_the_catalogue_in_force(run) -> None:
    catalogue = load_catalogue()
    everything = run("rules").stdout
    assert all(rule.id in everything for rule in catalogue.rules)
    assert everything.rstrip().endswith(f"{len(catalogue.rules)} rules")
    import datetime as dt

    day = dt.date(2021, 6, 1)
    in_2021 = run("rules", "--as-of", day.isoformat(), "--lang", "da").stdout
    listed = {line.split()[0] for line in in_2021.splitlines()[2:] if line.strip() and " " in line.strip()}
    assert {r.id for r in catalogue.rules if r.in_force(day)} <= listed
    assert not any(r.id in listed for r in catalogue.rules if not r.in_force(day))
    assert in_2021.rstrip().endswith("i kraft 2021-06-01")


def test_explain_a_real_rule_shows_source_turtle_and_fixtures(run) -> None:
    rule = load_catalogue().rules[0]
    result = run("explain", rule.id)
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(f"{rule.id}: {rule.title.get('en')}")
    assert rule.source_label.get("en") in text and f"{rule.rule_set} (shapes/{rule.rule_set}.ttl:{rule.line})" in text
    assert f"rule:{rule.id} a " in text
    assert f"tests/fixtures/rules/{rule.id}/fires.ttl" in text and f"tests/fixtures/rules/{rule.id}/passes.ttl" in text


def test_explain_suggests_close_ids(run) -> None:
    rule = load_catalogue().rules[0]
    typo = rule.id[:-1]
    result = run("explain", typo)
    assert result.exit_code == 2 and f"did you mean {rule.id}" in result.stderr


def test_sources_are_named_without_the_reference_data(run) -> None:
    result = run("validate", PROPOSAL, "--rules", RULES, "--no-reference")
    assert "source: Minutes, Klyngestyregruppe Midt, 9 May 2022" in result.stdout
    assert "source: minute-000" not in result.stdout


def test_junit_has_a_case_per_rule_and_body_and_fails_by_threshold(run) -> None:
    from xml.etree import ElementTree as ET

    suite = ET.fromstring(run("validate", PROPOSAL, "--rules", RULES, "-f", "junit").stdout)
    cases = suite.findall("testcase")
    assert len(cases) == 5 * 2  # the 5 rules of engine-rules.ttl × the 2 bodies in force
    assert suite.get("failures") == "1" and len(suite.findall("testcase/failure")) == 1
    strict = ET.fromstring(run("validate", PROPOSAL, "--rules", RULES, "-f", "junit", "--fail-on", "warning").stdout)
    assert strict.get("failures") == "4"
