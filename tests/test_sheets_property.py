"""Property: for any small model, import(export(model)) is the model (xlsx and CSV)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS, XSD

from graphs import assert_isomorphic
from govgraph.load import read_file
from govgraph.sheets.export import model_rows
from govgraph.sheets.read import context_graph
from govgraph.sheets.workbook import write_csv_folder, write_xlsx
from govgraph.vocab import GG, NJ, OFFICE, ROLE, SIDE

SUBJECTS = [NJ["body-a"], NJ["body-b"], NJ["seat-1"], NJ["seat-2"], NJ["m-1"], NJ["person-1"],
            URIRef("https://example.org/x/thing"), BNode("s1"), BNode("s2")]
TYPES = [GG.Committee, GG.Seat, ORG.Membership, FOAF.Person, GG.Scenario, ORG.ChangeEvent]
PROPS = [RDFS.label, RDFS.comment, ORG.postIn, ORG.role, GG.side, GG.office, GG.votingRight, GG.validFrom,
         GG.meetingsPerYear, ORG.member, ORG.organization, FOAF.name, SKOS.altLabel, ORG.reportsTo, GG.hasTask]
OBJECTS = [NJ["body-a"], NJ["seat-1"], NJ["aalborg"], ROLE.Mayor, SIDE.Region, OFFICE.Chair, BNode("s1"),
           NJ["person-1"], URIRef("https://example.org/x/other")]
TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t\r"), max_size=12)
LITERALS = st.one_of(
    st.builds(Literal, TEXT),
    st.builds(lambda t, lang: Literal(t, lang=lang), TEXT, st.sampled_from(["da", "en"])),
    st.builds(lambda d: Literal(d.isoformat(), datatype=XSD.date), st.dates()),
    st.builds(Literal, st.integers(-5, 50)),
    st.builds(Literal, st.booleans()),
)
TRIPLES = st.one_of(
    st.tuples(st.sampled_from(SUBJECTS), st.just(RDF.type), st.sampled_from(TYPES)),
    st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(PROPS), st.one_of(st.sampled_from(OBJECTS), LITERALS)),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TRIPLES, min_size=1, max_size=14), st.sampled_from(["xlsx", "csv"]))
def test_any_model_survives_the_round_trip(triples: list, target: str) -> None:
    model = Graph()
    for triple in triples:
        model.add(triple)
    context = context_graph()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / ("m.xlsx" if target == "xlsx" else "m")
        rows = model_rows(model, context, "da", csv=target == "csv").sheets
        if target == "xlsx":
            write_xlsx(out, rows, "da", context)
        else:
            write_csv_folder(out, rows, "da")
        assert_isomorphic(model, read_file(out).graph)
