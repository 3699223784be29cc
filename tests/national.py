"""A deterministic "all of Denmark" shape: health-council areas and councils built from the bundled
reference data, for the many-bodies tests (tests/test_many.py).

The official 2027 council areas outside North Jutland are not bundled yet (data/reference/denmark.ttl
says why), so the areas made here are stand-ins: each region's municipalities (in code order) cut into
consecutive areas of about seven. They are test data, not the law's areas. Every council is composed
as the 2027 rules ask (a seat for every municipality of its area, a regional majority, a regional
chair); ``broken`` names the councils that leave out their area's last municipality instead.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

GG = "https://w3id.org/govgraph/ns#"
PREFIXES = """@prefix gg:      <https://w3id.org/govgraph/ns#> .
@prefix dkh:     <https://w3id.org/govgraph/dk-health#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix role:    <https://w3id.org/govgraph/role/> .
@prefix side:    <https://w3id.org/govgraph/side/> .
@prefix level:   <https://w3id.org/govgraph/level/> .
@prefix office:  <https://w3id.org/govgraph/office/> .
@prefix status:  <https://w3id.org/govgraph/status/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:      <https://example.org/denmark-2027/> .
"""
#: The regions of 2027 and the regions (of 2007) whose municipalities they hold.
REGIONS_2027 = {
    "https://w3id.org/govgraph/denmark/region-oestdanmark": ("https://w3id.org/govgraph/denmark/region-hovedstaden",
                                                            "https://w3id.org/govgraph/denmark/region-sjaelland"),
    "https://w3id.org/govgraph/denmark/region-syddanmark": ("https://w3id.org/govgraph/denmark/region-syddanmark",),
    "https://w3id.org/govgraph/denmark/region-midtjylland": ("https://w3id.org/govgraph/denmark/region-midtjylland",),
}


def _municipalities(reference: Graph, regions: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, IRI) of every municipality of the regions, in code order."""
    found = []
    for m in reference.subjects(RDF.type, URIRef(GG + "Municipality")):
        if any((m, URIRef(GG + "region"), URIRef(r)) in reference for r in regions):
            code = reference.value(m, URIRef(GG + "municipalityCode"))
            found.append((str(code) if isinstance(code, Literal) else "", str(m)))
    return sorted(found)


def areas(reference: Graph, size: int = 7) -> list[tuple[str, str, list[str]]]:
    """(area id, region IRI, municipality IRIs) for every stand-in area, in a fixed order."""
    made = []
    for region, old in REGIONS_2027.items():
        members = [iri for _, iri in _municipalities(reference, old)]
        count = max(1, round(len(members) / size))
        for n in range(count):
            part = members[n * len(members) // count:(n + 1) * len(members) // count]
            made.append((f"{region.rsplit('-', 1)[-1]}-{n + 1}", region, part))
    return made


def context_turtle(made: list[tuple[str, str, list[str]]]) -> str:
    lines = [PREFIXES]
    for ident, region, members in made:
        listed = " , ".join(f"<{m}>" for m in [*members, region])
        lines.append(f'ex:area-{ident} a dkh:HealthCouncilArea ;\n    rdfs:label "Testområde {ident}"@da , '
                     f'"Test area {ident}"@en ;\n    org:hasMember {listed} ;\n    gg:region <{region}> ;\n'
                     f'    gg:validFrom "2027-01-01"^^xsd:date .\n')
    return "\n".join(lines)


def council_turtle(ident: str, region: str, members: list[str], broken: bool = False, scenario: bool = True) -> str:
    """One council of an area: ``len(members) + 1`` regional seats (the first the chair), one municipal
    seat per municipality (the last left out when ``broken``)."""
    council = f"ex:council-{ident}"
    lines = []
    if scenario:
        lines.append(f'ex:scenario-{ident} a gg:Scenario ;\n    rdfs:label "Sundhedsråd {ident} (test)"@da , '
                     f'"Health council {ident} (test)"@en ;\n    gg:status status:Proposed ;\n'
                     f'    gg:effectiveDate "2027-01-01"^^xsd:date ;\n    gg:topBody {council} ;\n'
                     f'    gg:includesBody {council} .\n')
    lines.append(f'{council} a dkh:HealthCouncil ;\n    rdfs:label "Sundhedsråd {ident}"@da , "Health Council {ident}"@en ;\n'
                 f'    gg:level level:Political ;\n    gg:area ex:area-{ident} ;\n    gg:validFrom "2027-01-01"^^xsd:date .\n')
    for n in range(1, len(members) + 2):
        chair = " ;\n    gg:office office:Chair" if n == 1 else ""
        lines.append(f'ex:seat-{ident}-region-{n} a gg:Seat ;\n    rdfs:label "{ident} regionsrådsmedlem {n}"@da , '
                     f'"{ident} regional council member {n}"@en ;\n    org:postIn {council} ;\n'
                     f'    org:role role:RegionalCouncilMember ;\n    gg:side side:Region ;\n'
                     f'    gg:represents <{region}> ;\n    gg:votingRight true{chair} .\n')
    for n, member in enumerate(members[:-1] if broken else members, start=1):
        lines.append(f'ex:seat-{ident}-municipality-{n} a gg:Seat ;\n    rdfs:label "{ident} kommune {n}"@da , '
                     f'"{ident} municipality {n}"@en ;\n    org:postIn {council} ;\n'
                     f'    org:role role:MunicipalCouncilMember ;\n    gg:side side:Municipality ;\n'
                     f'    gg:represents <{member}> ;\n    gg:votingRight true .\n')
    return "\n".join(lines)


def write_national(folder: Path, reference: Graph, broken: frozenset[str] = frozenset(),
                   one_file: bool = False) -> tuple[Path, list[Path], list[tuple[str, str, list[str]]]]:
    """The context file and the councils (a file each, or ``one_file`` with one scenario of all of them)."""
    made = areas(reference)
    context = folder / "areas.ttl"
    context.write_text(context_turtle(made), encoding="utf-8")
    proposals = folder / "councils"
    proposals.mkdir()
    files = []
    if one_file:
        body = [PREFIXES, 'ex:scenario a gg:Scenario ;\n    rdfs:label "Sundhedsråd i hele landet (test)"@da , '
                '"Health councils of all Denmark (test)"@en ;\n    gg:status status:Proposed ;\n'
                '    gg:effectiveDate "2027-01-01"^^xsd:date ;\n    gg:includesBody '
                + " , ".join(f"ex:council-{i}" for i, _, _ in made) + " .\n"]
        body += [council_turtle(i, r, m, i in broken, scenario=False) for i, r, m in made]
        path = proposals / "denmark.ttl"
        path.write_text("\n".join(body), encoding="utf-8")
        files.append(path)
    else:
        for ident, region, members in made:
            path = proposals / f"council-{ident}.ttl"
            path.write_text(PREFIXES + "\n" + council_turtle(ident, region, members, ident in broken), encoding="utf-8")
            files.append(path)
    return context, files, made
