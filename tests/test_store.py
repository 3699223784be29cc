"""The model's Oxigraph store and its read-only views (govgraph.store, govgraph.load.Model)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from govgraph.load import load
from govgraph.store import StoreView
from govgraph.vocab import GG

FIXTURES = Path(__file__).parent / "fixtures" / "store"
EX = "https://example.org/store/"
BOARD = URIRef(EX + "board")


def _model():
    return load([FIXTURES / "two-files-a.ttl", FIXTURES / "two-files-b.ttl"], strict=False)


def test_the_union_view_gives_a_triple_written_twice_once() -> None:
    model = _model()
    labels = sorted(model.view.objects(BOARD, RDFS.label), key=str)
    assert labels == [Literal("Bestyrelsen", lang="da"), Literal("The board", lang="en")]
    assert sorted(model.view.literals(BOARD, [RDFS.label]), key=str) == labels
    assert (BOARD, GG.validFrom, Literal(dt.date(2022, 7, 1))) in model.view


def test_the_user_view_holds_the_files_and_not_the_context() -> None:
    model = _model()
    user = {t for t in model.user_view}
    assert (BOARD, RDF.type, GG.Committee) in user
    assert not any(s == GG.Committee for s, _, _ in user)  # the vocabulary is context
    assert any(model.view.objects(GG.Committee, RDFS.label))  # … which the union view holds


def test_blank_nodes_keep_their_identity_across_the_views_and_the_rdflib_graph() -> None:
    model = _model()
    blank = model.view.value(URIRef(EX + "seat"), GG.note)
    assert isinstance(blank, BNode)
    assert model.view.value(blank, RDFS.label) == Literal("en blank knude", lang="da")
    assert (URIRef(EX + "seat"), GG.note, blank) in model.graph
    assert model.view.value(BNode(), RDFS.label) is None  # a blank node the store never held


def test_the_rdflib_graph_is_the_union_view() -> None:
    model = _model()
    assert set(model.graph) == set(model.view)
    assert set(model.user) == set(model.user_view)


def test_a_model_made_from_rdflib_graphs_makes_its_store() -> None:
    from govgraph.load import Model

    graph = Graph()
    graph.add((BOARD, RDF.type, GG.Committee))
    graph.add((BOARD, RDFS.label, Literal("Bestyrelsen", lang="da")))
    model = Model(graph=graph, user=graph, files=(Path("made.ttl"),))
    assert isinstance(model.view, StoreView)
    assert set(model.user_view) == set(graph)
    assert model.in_user((BOARD, RDF.type, GG.Committee))


def test_the_transactional_loader_gives_the_same_model() -> None:
    fast, lean = _model(), load([FIXTURES / "two-files-a.ttl", FIXTURES / "two-files-b.ttl"], strict=False,
                                low_memory=True)
    def named(model):  # blank nodes differ in name, not in shape
        return {t for t in model.view if not any(isinstance(n, BNode) for n in t)}

    assert named(fast) == named(lean) and len(set(fast.view)) == len(set(lean.view))


def test_places_are_found_in_the_file_that_writes_the_node() -> None:
    model = _model()
    where = model.locate(BOARD)
    assert where is not None and where.file.endswith("two-files-a.ttl") and where.line == 5
    triple = (BOARD, GG.validFrom, Literal(dt.date(2022, 7, 1)))
    located = model.locate_triple(triple)
    assert located is not None and located.file.endswith("two-files-b.ttl") and located.line == 6
