"""Places found on demand in large Turtle files (:class:`govgraph.positions.TextPlaces`) are the
places the whole-text scan (:func:`govgraph.positions.scan_text`) finds, node for node."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from govgraph.positions import TextPlaces, scan_text

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("data/**/*.ttl"), *ROOT.glob("tests/fixtures/rules/**/*.ttl"),
                *ROOT.glob("tests/fixtures/sheets/*.ttl"), *ROOT.glob("ontology/*.ttl")])


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_search_finds_what_the_scan_finds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    whole = scan_text(path, text, graph)
    nodes = sorted({n for t in graph for n in t if isinstance(n, URIRef)}, key=str)
    searched = TextPlaces(path, text)
    searched.WHOLE_TEXT = 0  # force the search, not the scan, on these small files
    searched.MANY_SPELLINGS = 10**9
    found = searched.find(nodes)
    assert not searched.complete
    differ = {n: (whole.places.get(n), found[n]) for n in nodes if whole.places.get(n) != found[n]}
    assert not differ, list(differ.items())[:5]


def test_many_nodes_read_the_whole_text_once(tmp_path: Path) -> None:
    path = tmp_path / "many.ttl"
    path.write_text("@prefix ex: <https://example.org/> .\n" + "".join(f"ex:s{i} ex:p ex:o{i} .\n" for i in range(1200)))
    places = TextPlaces(path, path.read_text())
    places.WHOLE_TEXT = 0
    found = places.find([URIRef(f"https://example.org/s{i}") for i in range(1200)])
    assert places.complete and found[URIRef("https://example.org/s1199")].line == 1201
    assert places.find([URIRef("https://example.org/nowhere")]) == {URIRef("https://example.org/nowhere"): None}
