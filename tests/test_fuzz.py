"""Fuzzing load → validate → draw → diff over mutated bundled scenarios: whatever the mutation, the
only exception that may come out is govgraph's own (:class:`GovgraphError`, exit 2 on the CLI).

Mutations of a bundled model (the Klynge Midt proposal of October 2022): triples dropped,
duplicated onto another subject, objects swapped between triples, literals replaced by random
text with random datatypes and language tags, and the file text truncated at a random place.
A derandomized slice runs in the default suite; ``pytest -m slow tests/test_fuzz.py`` runs
2,000 examples (``FUZZ_EXAMPLES`` to change that).
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from conftest import DATA
from govgraph.errors import GovgraphError

SOURCE = DATA / "examples" / "klynge-midt-2022-ok.ttl"
TEXT = SOURCE.read_text(encoding="utf-8")
TRIPLES = sorted(Graph().parse(data=TEXT, format="turtle", publicID=SOURCE.as_uri()), key=lambda t: tuple(map(str, t)))
SUBJECTS = sorted({t[0] for t in TRIPLES}, key=str)
PROPERTIES = sorted({t[1] for t in TRIPLES}, key=str)
DATATYPES = [None, XSD.date, XSD.dateTime, XSD.integer, XSD.boolean, XSD.string, XSD.gYear, XSD.decimal,
             RDF.langString, URIRef("https://example.org/odd-type")]

literal_text = st.one_of(st.text(max_size=30), st.sampled_from(["2022-02-30", "seks", "-1", "10000000000000000000",
                                                                "2023-10-01", "true", "ja", "", " ", "<script>",
                                                                "=HYPERLINK(\"x\")", "\x1b[2J", "\u202e"]))
random_literal = st.builds(
    lambda text, datatype, lang: Literal(text, lang=lang) if lang else Literal(text, datatype=datatype),
    literal_text, st.sampled_from(DATATYPES), st.one_of(st.none(), st.sampled_from(["da", "en", "x-odd"])))
index = st.integers(min_value=0, max_value=len(TRIPLES) - 1)
mutation = st.one_of(
    st.tuples(st.just("drop"), index),
    st.tuples(st.just("duplicate"), index, st.sampled_from(SUBJECTS)),
    st.tuples(st.just("swap"), index, index),
    st.tuples(st.just("literal"), index, random_literal),
    st.tuples(st.just("property"), index, st.sampled_from(PROPERTIES)),
    st.tuples(st.just("blank"), index),
)
case = st.one_of(
    st.tuples(st.just("graph"), st.lists(mutation, min_size=1, max_size=6)),
    st.tuples(st.just("truncate"), st.integers(min_value=0, max_value=len(TEXT))),
)


def mutated(spec: tuple) -> str:
    """The text of a mutated model: a serialized mutated graph, or the file cut short."""
    kind, detail = spec
    if kind == "truncate":
        return TEXT[:detail]
    triples = list(TRIPLES)
    for op, *args in detail:
        if op == "drop":
            triples.pop(args[0] % len(triples))
        elif op == "duplicate":
            s, p, o = triples[args[0] % len(triples)]
            triples.append((args[1], p, o))
        elif op == "swap":
            i, j = args[0] % len(triples), args[1] % len(triples)
            (s1, p1, o1), (s2, p2, o2) = triples[i], triples[j]
            triples[i], triples[j] = (s1, p1, o2), (s2, p2, o1)
        elif op == "literal":
            s, p, _ = triples[args[0] % len(triples)]
            triples.append((s, p, args[1]))
        elif op == "property":
            s, _, o = triples[args[0] % len(triples)]
            triples.append((s, args[1], o))
        elif op == "blank":
            s, p, o = triples[args[0] % len(triples)]
            triples.append((s, p, BNode("fuzz")))
        if not triples:
            triples.append((SUBJECTS[0], RDFS.label, Literal("x")))
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format="turtle")


@functools.lru_cache(maxsize=1)
def _original():  # noqa: ANN202
    from govgraph.load import load
    from govgraph.model import organization

    return organization(load([SOURCE]))


def pipeline(path: Path) -> str:
    """load → validate → draw (text and DOT) → diff against the original; only GovgraphError may escape.
    Returns how far the model got: "refused" (a GovgraphError) or "drawn and diffed"."""
    from govgraph.diff import diff
    from govgraph.load import load
    from govgraph.model import organization
    from govgraph.render import chart
    from govgraph.render.diff_table import to_markdown
    from govgraph.validate import validate

    try:
        model = load([path])
        validate(model)
        org = organization(model)
        for fmt in ("text", "dot"):
            chart.draw(org, fmt)
        original = _original()
        to_markdown(diff(original, org), original, org)
    except GovgraphError:
        return "refused"
    return "drawn-and-diffed"


def run(spec: tuple) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.ttl"
        path.write_text(mutated(spec), encoding="utf-8", errors="surrogateescape")
        outcome = pipeline(path)
    if os.environ.get("FUZZ_LOG"):  # one line per example, so a long run can be followed (and counted)
        with open(os.environ["FUZZ_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{spec[0]} {outcome}\n")


COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
          "database": None}


@settings(max_examples=8, derandomize=True, **COMMON)
@given(case)
def test_mutated_models_raise_only_govgraph_errors(spec: tuple) -> None:
    run(spec)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), **COMMON)
@given(case)
def test_mutated_models_raise_only_govgraph_errors_many(spec: tuple) -> None:
    run(spec)
