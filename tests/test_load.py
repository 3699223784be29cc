"""Loading: every kind of bad input gets one clear line with file and line, exit 2."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from govgraph import InputError, load
from govgraph.model import organization

LOAD = FIXTURES / "load"

BAD_INPUT = [
    # fixture, words the message must contain
    ("syntax-error.ttl", ["syntax-error.ttl:19:1", "Turtle syntax error"]),
    ("undeclared-prefix.ttl", ["undeclared-prefix.ttl:22", 'Prefix "side:" not bound']),
    ("typo-term.ttl", ["typo-term.ttl:25", "unknown property org:postin", "did you mean org:postIn?"]),
    ("typo-concept.ttl", ["typo-concept.ttl:19", "unknown value role:Mayr", "did you mean role:Mayor?"]),
    ("bad-date.ttl", ["bad-date.ttl:11", "'2022-13-45'", "not a valid xsd:date", "YYYY-MM-DD"]),
    ("latin1.ttl", ["latin1.ttl:12", "not UTF-8"]),
    ("empty.ttl", ["empty.ttl", "the file is empty"]),
    ("comments-only.ttl", ["comments-only.ttl", "contains no statements"]),
    ("proposal.docx", ["proposal.docx", "unknown file format '.docx'", ".ttl"]),
    ("bad.nt", ["bad.nt:1", "cannot parse as nt"]),
    ("bad.json", ["bad.json:3:3", "JSON syntax error"]),
    ("remote-context.jsonld", ["remote-context.jsonld", "remote JSON-LD context", "refused"]),
    ("a-directory", ["a-directory", "is a directory"]),
    ("does-not-exist.ttl", ["does-not-exist.ttl", "no such file"]),
]


@pytest.mark.parametrize("name,words", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_library(name: str, words: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        load([LOAD / name])
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("name,words", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_cli_one_line_exit_2(run, name: str, words: list[str]) -> None:
    result = run("info", LOAD / name)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("govgraph: ")
    for word in words:
        assert word in lines[0]


def test_mixed_formats_load_into_one_graph() -> None:
    model = load([LOAD / "ok.ttl", LOAD / "ok.nt", LOAD / "ok.jsonld"])
    org = organization(model)
    assert [org.label(b.iri) for b in org.bodies] == ["Test committee"]
    assert len(model.user) > 0
    # ontology and reference data are loaded as context, not as the user's part
    assert len(model.graph) > len(model.user)


def test_positions_point_at_the_subject_line() -> None:
    model = load([LOAD / "ok.ttl"])
    seat = next(s for s in model.user.subjects() if str(s).endswith("seat-2"))
    assert str(model.locate(seat)) == f"{LOAD / 'ok.ttl'}:25"


def test_no_reference_loads_only_the_vocabulary() -> None:
    with_ref = load([LOAD / "ok.ttl"])
    without = load([LOAD / "ok.ttl"], reference=False)
    assert len(without.graph) < len(with_ref.graph)
