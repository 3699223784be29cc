"""The bundled national reference data (data/reference/denmark.ttl with nordjylland.ttl)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, XSD

from conftest import FIXTURES, ROOT
from govgraph import load
from govgraph.lint import lint
from govgraph.vocab import DK, DKH, GG, NJ, SRC

REFERENCE = ROOT / "data" / "reference"


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in sorted(REFERENCE.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def municipalities(g: Graph) -> list:
    return sorted(g.subjects(RDF.type, GG.Municipality), key=str)


def test_98_municipalities_with_unique_codes(graph) -> None:
    found = municipalities(graph)
    assert len(found) == 98
    codes = [str(next(graph.objects(m, GG.municipalityCode))) for m in found]
    assert len(set(codes)) == 98
    assert all(code.isdigit() and 101 <= int(code) <= 860 for code in codes)
    assert str(next(graph.objects(DK["koebenhavn"], GG.municipalityCode))) == "101"
    assert str(next(graph.objects(NJ["aalborg"], GG.municipalityCode))) == "851"


def test_every_municipality_has_names_region_and_source(graph) -> None:
    for m in municipalities(graph):
        labels = {lit.language for lit in graph.objects(m, RDFS.label)}
        assert {"da", "en"} <= labels, m
        assert len(set(graph.objects(m, GG.region))) == 1, m
        assert set(graph.objects(m, DCTERMS.source)), m


def test_regions_and_their_municipality_counts(graph) -> None:
    per_region = Counter(next(graph.objects(m, GG.region)) for m in municipalities(graph))
    assert per_region == {DK["region-hovedstaden"]: 29, DK["region-sjaelland"]: 17, DK["region-syddanmark"]: 22,
                          DK["region-midtjylland"]: 19, NJ["region-nordjylland"]: 11}


def test_region_oestdanmark_merges_hovedstaden_and_sjaelland_on_1_january_2027(graph) -> None:
    oest = DK["region-oestdanmark"]
    assert (oest, GG.validFrom, Literal("2027-01-01", datatype=XSD.date)) in graph
    for old in ("region-hovedstaden", "region-sjaelland"):
        assert (DK[old], GG.validUntil, Literal("2026-12-31", datatype=XSD.date)) in graph
    event = DK["change-2027-region-oestdanmark"]
    assert set(graph.objects(event, ORG.originalOrganization)) == {DK["region-hovedstaden"], DK["region-sjaelland"]}
    assert set(graph.objects(event, ORG.resultingOrganization)) == {oest}


def test_every_municipality_is_in_exactly_one_cluster_except_the_split_capital(graph) -> None:
    """22 clusters in the sources found (North Jutland has four around two acute hospitals);
    København is a party of Byen and of Syd (Amager lies in Amager og Hvidovre Hospital's area)."""
    clusters = sorted(graph.subjects(RDF.type, DKH.HealthCluster), key=str)
    assert len(clusters) == 22
    count = Counter(m for c in clusters for m in graph.objects(c, ORG.hasMember) if (m, RDF.type, GG.Municipality) in graph)
    assert set(count) == set(municipalities(graph))
    assert {m for m, n in count.items() if n != 1} == {DK["koebenhavn"]}
    assert count[DK["koebenhavn"]] == 2
    for c in clusters:
        region = next(graph.objects(c, GG.region))
        assert (c, ORG.hasMember, region) in graph
        for m in graph.objects(c, ORG.hasMember):
            if (m, RDF.type, GG.Municipality) in graph:
                assert (m, GG.region, region) in graph, (c, m)
        assert (next(graph.objects(c, GG.anchorHospital)), RDF.type, GG.Hospital) in graph


def test_north_jutland_clusters_anchor_hospitals(graph) -> None:
    assert next(graph.objects(NJ["klynge-syd"], GG.anchorHospital)) == NJ["aauh-hobro-farsoe"]
    assert next(graph.objects(NJ["klynge-vest"], GG.anchorHospital)) == NJ["aauh-thisted"]


def test_north_jutland_municipalities_each_in_one_council_area_in_force(graph) -> None:
    """Only North Jutland's two council areas are bundled (the other 15 were not found in a reachable source)."""
    areas = sorted(graph.subjects(RDF.type, DKH.HealthCouncilArea), key=str)
    count = Counter(m for a in areas for m in graph.objects(a, ORG.hasMember) if (m, RDF.type, GG.Municipality) in graph)
    north = {m for m in municipalities(graph) if (m, GG.region, NJ["region-nordjylland"]) in graph}
    assert set(count) == north and set(count.values()) == {1}


def test_regional_populations_carry_a_dated_source(graph) -> None:
    """FOLK1A, 1 January 2019: the five regions sum to Denmark's 5,806,081 of that day (src:dst-folk1a-2019)."""
    regions = [DK["region-hovedstaden"], DK["region-sjaelland"], DK["region-syddanmark"], DK["region-midtjylland"]]
    totals = {r: int(next(graph.objects(r, GG.population))) for r in regions}
    assert all((r, DCTERMS.source, SRC["dst-folk1a-2019"]) in graph for r in regions)
    assert (SRC["dst-folk1a-2019"], DCTERMS.date, Literal("2019-01-01", datatype=XSD.date)) in graph
    assert sum(totals.values()) + 589755 == 5806081


def test_reference_data_lints_clean(run) -> None:
    for path in sorted(REFERENCE.glob("*.ttl")):
        result = run("lint", path)
        assert result.exit_code == 0, result.stdout
        assert "0 violations, 0 warnings" in result.stdout


def test_every_cited_source_is_defined(graph) -> None:
    cited = {o for s, o in graph.subject_objects(DCTERMS.source)}
    assert cited and all((o, RDF.type, DCTERMS.BibliographicResource) in graph for o in cited)


@pytest.mark.parametrize(("name", "rule"), [("wrong-region", "lint:area-region"), ("two-areas", "lint:area-overlap")])
def test_area_lint_fires_with_file_and_line(run, name, rule) -> None:
    path = FIXTURES / "lint" / "areas" / f"{name}.ttl"
    report = lint(load([path], strict=False))
    assert [f.rule for f in report.findings] == [rule]
    result = run("lint", path)
    assert result.exit_code == 1
    assert f"{name}.ttl:13" in result.stdout


def test_area_lint_passes_a_sound_area() -> None:
    assert lint(load([FIXTURES / "lint" / "areas" / "ok.ttl"], strict=False)).findings == ()
