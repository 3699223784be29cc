"""The example proposals in data/examples/ give exactly their intended findings.

Each example changes one thing in the conforming Klynge Midt proposal; its header comment says
which rule it shows. The expected findings are written out here (rule and body) and the full
text and JSON output of ``govgraph validate`` is kept as golden files in tests/golden/examples/.
"""

from __future__ import annotations

import pytest

from conftest import DATA, ROOT

EXAMPLES = DATA / "examples"

#: example → (exit code, sorted (rule, body) of its findings)
EXPECTED: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "klynge-midt-2022-ok": (0, []),
    # The former "ok": an alderman with a vote breaks § 203 stk. 4's closed list of members.
    "klynge-midt-2022-alderman-votes": (1, [("DK22-LAW-PHC-CLOSED", "Political Health Cluster Midt")]),
    "klynge-midt-2022-no-psychiatry": (1, [("DK22-LAW-AHC-PSYCHIATRY", "Administrative Health Cluster Midt")]),
    "klynge-midt-2022-parity": (1, [("DK22-LOC-PARITY", "Political Health Cluster Midt")]),
    # The observer's vote also breaks the law's closed list and tips parity to 3 municipal against 2 regional.
    "klynge-midt-2022-observer-votes": (1, [("DK22-LAW-PHC-CLOSED", "Political Health Cluster Midt"),
                                            ("DK22-LOC-PARITY", "Political Health Cluster Midt"),
                                            ("DK22-LOC-PHC-OBSERVERS", "Political Health Cluster Midt")]),
    "klynge-midt-2022-cycle": (1, [("CORE-NO-CYCLE", "Administrative Health Cluster Midt"),
                                   ("CORE-NO-CYCLE", "Political Health Cluster Midt")]),
    "klynge-midt-2022-two-mayors": (1, [("DK22-LAW-PHC-MAYORS", "Political Health Cluster Midt")]),
}


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    # Relative paths in locations, so golden files do not depend on where the checkout is.
    monkeypatch.chdir(ROOT)


def test_every_example_file_is_listed() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.ttl")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_exactly_its_intended_findings(run, name) -> None:
    import json

    code, expected = EXPECTED[name]
    result = run("validate", f"data/examples/{name}.ttl", "--format", "json")
    assert result.exit_code == code, result.stderr
    document = json.loads(result.stdout)
    assert sorted((f["rule"], f["body"]) for f in document["findings"]) == expected
    assert document["bodies_checked"] == 2 and document["as_of"] == "2022-10-01"


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("fmt,lang,ext", [("text", "en", "txt"), ("text", "da", "txt"), ("json", "en", "json")])
def test_example_output_matches_its_golden_file(run, golden, name, fmt, lang, ext) -> None:
    result = run("validate", f"data/examples/{name}.ttl", "--format", fmt, "--lang", lang)
    assert result.exit_code == EXPECTED[name][0], result.stderr
    golden(result.stdout, f"examples/{name}.{lang}.{ext}")


def test_examples_are_proposals_dated_october_2022_that_say_what_they_show() -> None:
    from rdflib import Graph
    from rdflib.namespace import RDF, RDFS

    from govgraph.vocab import GG, STATUS

    for path in sorted(EXAMPLES.glob("*.ttl")):
        graph = Graph().parse(path)
        (scenario,) = graph.subjects(RDF.type, GG.Scenario)
        assert graph.value(scenario, GG.status) == STATUS.Proposed, path.name
        assert str(graph.value(scenario, GG.effectiveDate)) == "2022-10-01", path.name
        assert {c.language for c in graph.objects(scenario, RDFS.comment)} == {"da", "en"}, path.name
