"""The bundled national reference data (data/reference/denmark.ttl with nordjylland.ttl)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, XSD

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


# The 17 health councils' areas from 2027: two in Nordjylland, six in Østdanmark, five in Midtjylland,
# four in Syddanmark (src:afpihl-sundhedsraad-2026, src:sundhedsraad-nordjylland-2026).
AREAS_PER_REGION = {NJ["region-nordjylland"]: 2, DK["region-oestdanmark"]: 6, DK["region-midtjylland"]: 5,
                    DK["region-syddanmark"]: 4}
# The source contradicts itself on these two (denmark.ttl's header): they lie in no bundled area.
UNPLACED = {DK["middelfart"], DK["billund"]}
COUNCILS_START = date(2027, 1, 1)


def successors(g: Graph, region) -> set:
    """The region and those a change event merges it into (Hovedstaden, Sjælland → Østdanmark)."""
    found = {region}
    for event in g.subjects(ORG.originalOrganization, region):
        for new in g.objects(event, ORG.resultingOrganization):
            found |= successors(g, new)
    return found


def in_force(g: Graph, node, day: date) -> bool:
    start = next(g.objects(node, GG.validFrom), None)
    end = next(g.objects(node, GG.validUntil), None)
    return (start is None or start.toPython() <= day) and (end is None or day <= end.toPython())


def council_areas(g: Graph) -> list:
    return sorted(g.subjects(RDF.type, DKH.HealthCouncilArea), key=str)


def test_17_council_areas_each_inside_one_region_dated_and_sourced(graph) -> None:
    areas = council_areas(graph)
    assert Counter(next(graph.objects(a, GG.region)) for a in areas) == AREAS_PER_REGION
    for area in areas:
        assert {lit.language for lit in graph.objects(area, RDFS.label)} >= {"da", "en"}, area
        assert (area, GG.validFrom, Literal("2027-01-01", datatype=XSD.date)) in graph, area
        assert set(graph.objects(area, DCTERMS.source)), area
        region = next(graph.objects(area, GG.region))
        assert (area, ORG.hasMember, region) in graph, area
        for member in graph.objects(area, ORG.hasMember):
            if (member, RDF.type, GG.Municipality) in graph:
                assert region in successors(graph, next(graph.objects(member, GG.region))), (area, member)


def test_every_municipality_in_exactly_one_council_area_in_force_but_the_two_in_doubt(graph) -> None:
    """On 1 January 2027: 96 municipalities in one area each, none in two, Middelfart and Billund in none."""
    areas = [a for a in council_areas(graph) if in_force(graph, a, COUNCILS_START)]
    assert len(areas) == 17
    count = Counter(m for a in areas for m in graph.objects(a, ORG.hasMember) if (m, RDF.type, GG.Municipality) in graph)
    assert set(count.values()) == {1}
    assert set(count) == set(municipalities(graph)) - UNPLACED
    for island in ("aeroe", "samsoe", "fanoe", "bornholm", "langeland"):
        assert DK[island] in count, island
    assert NJ["laesoe"] in count
    assert (DK["omraade-hovedstaden"], ORG.hasMember, DK["bornholm"]) in graph
    assert (DK["omraade-amager-vestegnen"], ORG.hasMember, DK["koebenhavn"]) not in graph  # unlike the 2022 Cluster South


def test_council_area_members_are_those_its_quoted_source_names(graph) -> None:
    """Each national area's municipalities are named, by a Danish name, in the source list quoted in its own comment."""
    for area in council_areas(graph):
        if not str(area).startswith(str(DK)):
            continue
        quoted = " ".join(str(c) for c in graph.objects(area, RDFS.comment) if c.language == "da")
        members = [m for m in graph.objects(area, ORG.hasMember) if (m, RDF.type, GG.Municipality) in graph]
        assert members, area
        for m in members:
            names = {str(n) for n in (*graph.objects(m, SKOS.altLabel), *graph.objects(m, RDFS.label)) if n.language == "da"}
            assert any(name in quoted for name in names), (area, m)


# FOLK1A counts Christiansø (area 411, 84 inhabitants on 1 January 2020) in Region Hovedstaden
# but in no municipality (src:dst-folk1a-2020-municipalities).
CHRISTIANSOE_2020 = 84
FOLK1A_2020 = Literal("2020-01-01", datatype=XSD.date)


def test_every_municipality_has_a_population_of_1_january_2020(graph) -> None:
    for m in municipalities(graph):
        values = list(graph.objects(m, GG.population))
        assert len(values) == 1 and isinstance(values[0].toPython(), int) and values[0].toPython() > 0, m
        dates = {d for s in graph.objects(m, DCTERMS.source) for d in graph.objects(s, DCTERMS.date)}
        assert FOLK1A_2020 in dates, m
    assert (SRC["dst-folk1a-2020-municipalities"], DCTERMS.date, FOLK1A_2020) in graph


def test_each_regions_municipalities_sum_to_its_published_total_of_the_same_day(graph) -> None:
    """FOLK1A, 1 January 2020: municipal figures (src:dst-folk1a-2020-municipalities) against the regional
    totals as published (src:dst-folk1a-2020: Region Nordjylland's own page, Wikipedia, Urbistat), and
    Denmark's 5,822,763 (Bolius)."""
    regions = [DK["region-hovedstaden"], DK["region-sjaelland"], DK["region-syddanmark"], DK["region-midtjylland"],
               NJ["region-nordjylland"]]
    assert (SRC["dst-folk1a-2020"], DCTERMS.date, FOLK1A_2020) in graph
    total = 0
    for region in regions:
        assert (region, DCTERMS.source, SRC["dst-folk1a-2020"]) in graph, region
        published = int(next(graph.objects(region, GG.population)))
        summed = sum(int(next(graph.objects(m, GG.population))) for m in graph.subjects(GG.region, region)
                     if (m, RDF.type, GG.Municipality) in graph)
        outside = CHRISTIANSOE_2020 if region == DK["region-hovedstaden"] else 0
        assert summed + outside == published, (region, summed, published)
        total += published
    assert total == 5822763
    assert not set(graph.objects(DK["region-oestdanmark"], GG.population))  # it did not exist on that day


def test_reference_data_lints_clean(run) -> None:
    for path in sorted(REFERENCE.glob("*.ttl")):
        result = run("lint", path)
        assert result.exit_code == 0, result.stdout
        assert "0 violations, 0 warnings" in result.stdout


def test_every_cited_source_is_defined(graph) -> None:
    cited = {o for s, o in graph.subject_objects(DCTERMS.source)}
    assert cited and all((o, RDF.type, DCTERMS.BibliographicResource) in graph for o in cited)


@pytest.mark.parametrize(("name", "rule"), [("wrong-region", "lint:area-region"), ("two-areas", "lint:area-overlap"),
                                            ("merged-region-wrong", "lint:area-region"),
                                            ("overlap-bundled", "lint:area-overlap")])
def test_area_lint_fires_with_file_and_line(run, name, rule) -> None:
    path = FIXTURES / "lint" / "areas" / f"{name}.ttl"
    report = lint(load([path], strict=False))
    assert [f.rule for f in report.findings] == [rule]
    result = run("lint", path)
    assert result.exit_code == 1
    assert f"{name}.ttl:13" in result.stdout


def test_area_lint_passes_a_sound_area() -> None:
    assert lint(load([FIXTURES / "lint" / "areas" / "ok.ttl"], strict=False)).findings == ()


def test_area_lint_follows_the_merger_into_region_oestdanmark(graph) -> None:
    """Region Østdanmark's areas list Hovedstaden's and Sjælland's municipalities, and lint finds nothing
    (merged-region-wrong.ttl shows that a municipality of a region outside the merger still fires)."""
    oest = [a for a in council_areas(graph) if (a, GG.region, DK["region-oestdanmark"]) in graph]
    old_regions = {next(graph.objects(m, GG.region)) for a in oest for m in graph.objects(a, ORG.hasMember)
                   if (m, RDF.type, GG.Municipality) in graph}
    assert old_regions == {DK["region-hovedstaden"], DK["region-sjaelland"]}
    assert lint(load([REFERENCE / "denmark.ttl"], strict=False)).findings == ()
