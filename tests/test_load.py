"""Loading: every kind of bad input gets one clear line with file and line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

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
    ("datetime-for-date.ttl", ["datetime-for-date.ttl:15", "gg:validUntil must be of type xsd:date",
                               "'2026-12-31T23:59:59' of type xsd:dateTime", '"2022-07-01"^^xsd:date']),
    ("plain-date.ttl", ["plain-date.ttl:15", "gg:validUntil must be of type xsd:date", "'2026-12-31' as plain text"]),
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


# ---- Oxigraph's parser reads every file as rdflib's does

def _turtle_files() -> list[Path]:
    from conftest import ROOT

    found = []
    for folder in ("ontology", "shapes", "data", "tests/fixtures"):
        found += sorted((ROOT / folder).rglob("*.ttl")) + sorted((ROOT / folder).rglob("*.nt"))
    # The hostile fixtures are files rdflib reads and Oxigraph refuses, on purpose (tests/test_hostile.py).
    return [p for p in found if "hostile" not in p.relative_to(ROOT).parts]


def test_oxigraph_parses_every_bundled_file_as_rdflib_does() -> None:
    from rdflib.compare import isomorphic

    from govgraph.load import _parse_with_oxigraph

    compared = 0
    for path in _turtle_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        fmt = "nt" if path.suffix == ".nt" else "turtle"
        try:
            by_rdflib = Graph().parse(data=text, format=fmt, publicID=path.resolve().as_uri())
        except Exception:
            if text.strip():
                with pytest.raises(SyntaxError):
                    _parse_with_oxigraph(text, fmt, path.resolve().as_uri())
            continue
        by_oxigraph = _parse_with_oxigraph(text, fmt, path.resolve().as_uri())
        assert by_oxigraph is not None, f"{path}: Oxigraph rejects what rdflib reads"
        assert isomorphic(by_oxigraph, by_rdflib), f"{path}: the two parsers read different triples"
        compared += 1
    assert compared > 150
