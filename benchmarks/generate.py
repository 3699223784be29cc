"""Generate a large organization model in govgraph's vocabulary with planted rule breaks.

    python benchmarks/generate.py --triples 100000 -o benchmarks/out/model-100k.ttl [--seed 11]

Writes the model (Turtle) and beside it ``<name>.planted.json``: the (rule id, body IRI) pairs
that ``govgraph validate`` must report — exactly those and nothing else — plus counts.

The model is the 2022–2026 era (scenario date 2022-10-01) at scale: a national top body
(``gg:topBody``) and as many fictional regions as the triple target needs, each with a health
cooperation committee, three health clusters of three municipalities, per cluster a political
and an administrative health cluster and two operations forums; every seat held by a person
through an ``org:Membership``. Besides them a block of clusters lies in North Jutland
(``gg:region nj:region-nordjylland``, from the bundled reference data), because the local
decisions (parity, observers, regional appointment) bind North Jutland only (their rule set's
``gg:jurisdiction``). Without the planted breaks the model gives no finding at all, not even a
warning or an info, under the rules in force on its date.

About 2 % of the bodies are broken on purpose (at least one of each kind, so a small model has
every kind), each in one way that fires one known rule:

    parity        North Jutland political cluster: a regional member without a vote    DK22-LOC-PARITY
    appointment   North Jutland political cluster: a regional member approved by the
                  wrong body                                                          DK22-LOC-REGIONAL-APPOINTMENT
    psychiatry    administrative cluster: the psychiatry seat represents the hospital   DK22-LAW-AHC-PSYCHIATRY
    observer      committee or administrative cluster: the observer seat votes        CORE-OBSERVER-NO-VOTE
    cycle         two operations forums also report to each other                     CORE-NO-CYCLE (both)
    mayor         political cluster outside North Jutland: a municipality's mayor seat
                  held by an alderman without a vote (a voting alderman would also
                  break § 203's closed composition; in North Jutland, parity)         DK22-LAW-PHC-MAYORS

The same seed and target give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PREFIXES = {
    "gg": "https://w3id.org/govgraph/ns#",
    "dkh": "https://w3id.org/govgraph/dk-health#",
    "task": "https://w3id.org/govgraph/dk-health/task/",
    "role": "https://w3id.org/govgraph/role/",
    "side": "https://w3id.org/govgraph/side/",
    "level": "https://w3id.org/govgraph/level/",
    "office": "https://w3id.org/govgraph/office/",
    "status": "https://w3id.org/govgraph/status/",
    "qual": "https://w3id.org/govgraph/qualification/",
    "nj": "https://w3id.org/govgraph/nordjylland/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "ex": "https://example.org/govgraph-bench/",
}
DAY = "2022-10-01"
FROM, UNTIL = '"2022-10-01"^^xsd:date', '"2026-12-31"^^xsd:date'
SSU_TASKS = ("task:prepare-health-agreement", "task:direction-for-clusters", "task:uniformity-across-clusters")
PHC_TASKS = ("task:local-direction", "task:implement-national-regional-initiatives", "task:input-agreement-and-funds")
AHC_TASKS = ("task:follow-up-goals", "task:population-responsibility", "task:local-pathway-models",
             "task:cooperate-on-challenges", "task:implement-prioritized-funds")
FORUM_TASKS = ("task:propose-project-ideas",)
QUALIFIED = ("qual:OperationalInsight", "qual:DecisionAuthority")
KINDS = ("parity", "appointment", "psychiatry", "observer", "cycle", "mayor")
RULE_OF = {"parity": "DK22-LOC-PARITY", "appointment": "DK22-LOC-REGIONAL-APPOINTMENT",
           "psychiatry": "DK22-LAW-AHC-PSYCHIATRY", "observer": "CORE-OBSERVER-NO-VOTE",
           "cycle": "CORE-NO-CYCLE", "mayor": "DK22-LAW-PHC-MAYORS"}
NJ = "nj:region-nordjylland"


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _labels(da: str, en: str) -> list[str]:
    return [f"{_lit(da)}@da", f"{_lit(en)}@en"]


@dataclass
class Region:
    """Where a block of clusters lies and who stands for its region in the seats."""

    key: str  # prefix of the block's IRIs
    region: str  # the gg:Region
    psychiatry: str
    hospital: str
    administration: str
    general_practice: str
    patients: str
    appointer: str
    approver: str
    name: str


@dataclass
class Seat:
    iri: str
    props: dict[str, list[str]]
    holder: str  # the person's IRI


@dataclass
class Body:
    iri: str
    kind: str  # ssu, phc, ahc, forum, top
    props: dict[str, list[str]]
    seats: list[Seat] = field(default_factory=list)
    nj: bool = False


class Writer:
    """Turtle statements, counted as they are written."""

    def __init__(self) -> None:
        self.chunks: list[str] = ["".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())]
        self.triples = 0

    def node(self, subject: str, props: dict[str, list[str]]) -> None:
        parts = []
        for prop, values in props.items():
            if values:
                parts.append(f"{prop} {' , '.join(values)}")
                self.triples += len(values)
        self.chunks.append(f"{subject} " + " ;\n    ".join(parts) + " .\n")

    def text(self) -> str:
        return "\n".join(self.chunks)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.bodies: list[Body] = []
        self.places: list[tuple[str, dict[str, list[str]]]] = []  # regions, municipalities, clusters, …
        self.people: dict[str, str] = {}  # person IRI → name
        self.seats = 0

    # ------------------------------------------------------------------ pieces

    def person(self, iri: str, name: str) -> str:
        self.people.setdefault(iri, name)
        return iri

    def seat(self, body: Body, n: int, da: str, en: str, role: str, side: str, represents: str, *,
             voting: bool = True, holder: str | None = None, extra: dict[str, list[str]] | None = None) -> Seat:
        self.seats += 1
        iri = f"{body.iri}-seat-{n}"
        props = {"a": ["gg:Seat"], "rdfs:label": _labels(da, en), "org:postIn": [body.iri],
                 "org:role": [role], "gg:side": [side], "gg:represents": [represents],
                 "gg:votingRight": ["true" if voting else "false"], **(extra or {})}
        person = holder or self.person(f"{iri}-holder", f"{en} holder")
        seat = Seat(iri, props, person)
        body.seats.append(seat)
        return seat

    def body(self, iri: str, kind: str, cls: str, da: str, en: str, level: str, area: str,
             up: list[str], tasks: Iterable[str], meetings: int, nj: bool = False) -> Body:
        props = {"a": [cls], "rdfs:label": _labels(da, en), "gg:level": [level], "gg:area": [area],
                 "org:reportsTo": up, "gg:validFrom": [FROM], "gg:validUntil": [UNTIL],
                 "gg:hasTask": list(tasks), "gg:meetingsPerYear": [str(meetings)]}
        body = Body(iri, kind, props, nj=nj)
        self.bodies.append(body)
        return body

    # ------------------------------------------------------------- structures

    def fictional_region(self, r: int) -> Region:
        key = f"ex:r{r:04d}"
        name = f"Region {r:04d}"
        region = Region(key, key, f"{key}-psychiatry", f"{key}-hospital", f"{key}-administration",
                        f"{key}-plo", f"{key}-patients", f"{key}-forretningsudvalg", f"{key}-regionsraad", name)
        self.places.append((region.region, {"a": ["gg:Region"], "rdfs:label": _labels(name, name)}))
        for iri, cls, da, en in (
                (region.psychiatry, "dkh:PsychiatricService", f"Psykiatrien i {name}", f"Psychiatry, {name}"),
                (region.hospital, "gg:Hospital", f"Hospitalet i {name}", f"Hospital of {name}"),
                (region.administration, "org:OrganizationalUnit", f"Administrationen i {name}", f"Administration of {name}"),
                (region.patients, "org:OrganizationalUnit", f"Patientinddragelsesudvalget i {name}", f"Patient-involvement committee of {name}"),
                (region.appointer, "org:OrganizationalUnit", f"Forretningsudvalget i {name}", f"Executive committee of {name}"),
                (region.approver, "org:OrganizationalUnit", f"Regionsrådet i {name}", f"Regional council of {name}")):
            self.places.append((iri, {"a": [cls], "rdfs:label": _labels(da, en), "org:unitOf": [region.region]}))
        self.places.append((region.general_practice, {"a": ["org:FormalOrganization"],
                                                       "rdfs:label": _labels(f"PLO {name}", f"PLO {name}")}))
        return region

    @staticmethod
    def north_jutland() -> Region:
        """North Jutland as the bundled reference data names it (its region, psychiatry, PLO, …)."""
        return Region("ex:nj", NJ, "nj:psykiatrien", "nj:aauh", "nj:regional-administration", "nj:plo-nordjylland",
                      "nj:patientinddragelsesudvalget", "nj:forretningsudvalget", "nj:regionsraadet", "Nordjylland")

    def cluster(self, region: Region, c: int, up: str, chair: str) -> tuple[Body, str, list[str]]:
        """A cluster of three municipalities, its political and administrative levels and two forums.
        Returns the political cluster, the mayor who co-chairs it and the cluster's IRI."""
        key = f"{region.key}-c{c}"
        cname = f"{region.name}, klynge {c}"
        ename = f"{region.name}, cluster {c}"
        municipalities = []
        for m in range(3):
            iri = f"{key}-m{m}"
            name = f"Kommune {region.key[3:]}-{c}-{m}"
            municipalities.append((iri, name))
            self.places.append((iri, {"a": ["gg:Municipality"], "rdfs:label": _labels(name, f"Municipality {region.key[3:]}-{c}-{m}"),
                                      "gg:population": [str(self.rng.randint(2_000, 200_000))],
                                      "gg:region": [region.region]}))
        self.places.append((key, {"a": ["dkh:HealthCluster"], "rdfs:label": _labels(cname.capitalize(), ename),
                                  "org:hasMember": [m for m, _ in municipalities] + [region.region],
                                  "gg:region": [region.region]}))
        nj = region.region == NJ
        mayors = [self.person(f"{m}-mayor", f"Mayor of {name}") for m, name in municipalities]
        phc = self.body(f"{key}-political", "phc", "dkh:PoliticalHealthCluster", f"Politisk sundhedsklynge {cname}",
                        f"Political health cluster {ename}", "level:Political", key, [up], PHC_TASKS, 4, nj)
        n = 0
        for i, (m, name) in enumerate(municipalities):
            n += 1
            office = {"gg:office": ["office:CoChair"]} if i == 0 else {}
            self.seat(phc, n, f"{name} – borgmester", f"{name} – mayor", "role:Mayor", "side:Municipality", m,
                      holder=mayors[i], extra=office)
        n += 1
        self.seat(phc, n, f"{region.name} – regionsrådsformand", f"{region.name} – regional council chair",
                  "role:RegionalCouncilChair", "side:Region", region.region, holder=chair,
                  extra={"gg:office": ["office:CoChair"]})
        for _ in range(2):
            n += 1
            self.seat(phc, n, f"{region.name} – regionsrådsmedlem ({n})", f"{region.name} – regional council member ({n})",
                      "role:RegionalCouncilMember", "side:Region", region.region,
                      extra={"gg:appointedBy": [region.appointer], "gg:approvedBy": [region.approver]})
        n += 1
        self.seat(phc, n, "Almen praksis", "General practice", "role:GeneralPracticeRepresentative",
                  "side:GeneralPractice", region.general_practice)
        n += 1
        self.seat(phc, n, "Patienter og pårørende", "Patients and relatives", "role:PatientRepresentative",
                  "side:PatientsRelatives", region.patients, voting=False)
        for m, name in municipalities:
            n += 1
            self.seat(phc, n, f"{name} – udvalgsformand (observatør)", f"{name} – committee chair (observer)",
                      "role:CommitteeChair", "side:Municipality", m, voting=False)
        n += 1
        self.seat(phc, n, f"{region.name} – udvalgsformand (observatør)", f"{region.name} – committee chair (observer)",
                  "role:CommitteeChair", "side:Region", region.region, voting=False)

        ahc = self.body(f"{key}-administrative", "ahc", "dkh:AdministrativeHealthCluster",
                        f"Administrativ sundhedsklynge {cname}", f"Administrative health cluster {ename}",
                        "level:Administrative", key, [phc.iri], AHC_TASKS, 10, nj)
        qualified = {"gg:requiresQualification": list(QUALIFIED)}
        n = 0
        for what_da, what_en, rep in (("Hospitalet", "Hospital", region.hospital),
                                      ("Psykiatrien", "Psychiatry", region.psychiatry),
                                      ("Administrationen", "Administration", region.administration)):
            n += 1
            self.seat(ahc, n, f"{what_da} – direktør", f"{what_en} – director", "role:Director", "side:Region", rep,
                      extra=qualified)
        for m, name in municipalities:
            n += 1
            self.seat(ahc, n, f"{name} – direktør", f"{name} – director", "role:Director", "side:Municipality", m,
                      extra=qualified)
        n += 1
        self.seat(ahc, n, "Almen praksis", "General practice", "role:GeneralPracticeRepresentative",
                  "side:GeneralPractice", region.general_practice, extra=qualified)
        n += 1
        self.seat(ahc, n, "Patienter og pårørende", "Patients and relatives", "role:PatientRepresentative",
                  "side:PatientsRelatives", region.patients, extra=qualified)
        n += 1
        self.seat(ahc, n, "Sekretariatet (observatør)", "Secretariat (observer)", "role:Observer", "side:Region",
                  region.administration, voting=False)
        for f in range(2):
            forum = self.body(f"{key}-forum-{f}", "forum", "dkh:OperationsForum", f"Driftsforum {cname}.{f}",
                              f"Operations forum {ename}.{f}", "level:Operational", key, [ahc.iri], FORUM_TASKS, 6, nj)
            for n in range(1, self.rng.randint(5, 7) + 1):
                if self.rng.random() < 0.5:
                    m, name = self.rng.choice(municipalities)
                    self.seat(forum, n, f"{name} – leder", f"{name} – manager", "role:Manager", "side:Municipality", m)
                else:
                    self.seat(forum, n, "Hospitalet – leder", "Hospital – manager", "role:Manager", "side:Region",
                              region.hospital)
        return phc, mayors[0], key

    def committee(self, region: Region, up: str, chair: str, clusters: list[tuple[str, str]]) -> Body:
        """The region's health cooperation committee: 3 regional (chair included), a mayor from each cluster."""
        ssu = self.body(f"{region.key}-committee", "ssu", "dkh:HealthCooperationCommittee",
                        f"Sundhedssamarbejdsudvalget {region.name}", f"Health cooperation committee {region.name}",
                        "level:Political", region.region, [up], SSU_TASKS, 4)
        n = 1
        self.seat(ssu, n, f"{region.name} – regionsrådsformand (formand)", f"{region.name} – regional council chair (chair)",
                  "role:RegionalCouncilChair", "side:Region", region.region, holder=chair, extra={"gg:office": ["office:Chair"]})
        for _ in range(2):
            n += 1
            self.seat(ssu, n, f"{region.name} – regionsrådsmedlem ({n})", f"{region.name} – regional council member ({n})",
                      "role:RegionalCouncilMember", "side:Region", region.region,
                      extra={"gg:appointedBy": [region.appointer], "gg:approvedBy": [region.approver]})
        for i, (cluster, mayor) in enumerate(clusters):
            n += 1
            office = {"gg:office": ["office:DeputyChair"]} if i == 0 else {}
            self.seat(ssu, n, f"Klynge {i} – borgmester", f"Cluster {i} – mayor", "role:Mayor", "side:Municipality",
                      cluster, holder=mayor, extra=office)
        for _ in range(2):
            n += 1
            self.seat(ssu, n, f"Almen praksis ({n})", f"General practice ({n})", "role:GeneralPracticeRepresentative",
                      "side:GeneralPractice", region.general_practice)
        n += 1
        self.seat(ssu, n, "Sekretariatet (observatør)", "Secretariat (observer)", "role:Observer", "side:Region",
                  region.administration, voting=False)
        return ssu

    # --------------------------------------------------------------- planting

    def plant(self, share: float) -> list[dict[str, str]]:
        """Break about ``share`` of the bodies, at least one of each kind (none when ``share`` is 0);
        return what must be found."""
        if share <= 0:
            return []
        eligible = {
            "parity": [b for b in self.bodies if b.kind == "phc" and b.nj],
            "appointment": [b for b in self.bodies if b.kind == "phc" and b.nj],
            "psychiatry": [b for b in self.bodies if b.kind == "ahc"],
            "observer": [b for b in self.bodies if b.kind in ("ssu", "ahc")],
            "cycle": [b for b in self.bodies if b.kind == "ahc"],  # the AHC's two forums
            "mayor": [b for b in self.bodies if b.kind == "phc" and not b.nj],
        }
        for bodies in eligible.values():
            self.rng.shuffle(bodies)
        wanted = round(share * len(self.bodies))
        used: set[str] = set()
        planted: list[dict[str, str]] = []
        first_round = True
        while first_round or len(used) < wanted:
            progress = False
            for kind in KINDS:
                if not first_round and len(used) >= wanted:
                    break
                while eligible[kind]:
                    body = eligible[kind].pop()
                    targets = self._forums_of(body) if kind == "cycle" else [body]
                    if any(t.iri in used for t in targets):
                        continue
                    used.update(t.iri for t in targets)
                    getattr(self, f"_break_{kind}")(*targets)
                    planted += [{"rule": RULE_OF[kind], "body": _full(t.iri), "kind": kind} for t in targets]
                    progress = True
                    break
            first_round = False
            if not progress:
                break
        return sorted(planted, key=lambda p: (p["rule"], p["body"]))

    def _forums_of(self, ahc: Body) -> list[Body]:
        return [b for b in self.bodies if b.kind == "forum" and b.props["org:reportsTo"] == [ahc.iri]]

    def _break_parity(self, phc: Body) -> None:
        seat = next(s for s in phc.seats if s.props["org:role"] == ["role:RegionalCouncilMember"])
        seat.props["gg:votingRight"] = ["false"]

    def _break_appointment(self, phc: Body) -> None:
        seat = [s for s in phc.seats if s.props["org:role"] == ["role:RegionalCouncilMember"]][-1]
        seat.props["gg:approvedBy"] = ["nj:kontaktudvalget"]

    def _break_psychiatry(self, ahc: Body) -> None:
        seat = next(s for s in ahc.seats if "psychiatry" in s.props["gg:represents"][0] or s.props["gg:represents"] == ["nj:psykiatrien"])
        hospital = ahc.seats[0].props["gg:represents"]
        seat.props["gg:represents"] = list(hospital)

    def _break_observer(self, body: Body) -> None:
        seat = next(s for s in body.seats if s.props["org:role"] == ["role:Observer"])
        seat.props["gg:votingRight"] = ["true"]

    def _break_cycle(self, one: Body, other: Body) -> None:
        one.props["org:reportsTo"] = one.props["org:reportsTo"] + [other.iri]
        other.props["org:reportsTo"] = other.props["org:reportsTo"] + [one.iri]

    def _break_mayor(self, phc: Body) -> None:
        seat = [s for s in phc.seats if s.props["org:role"] == ["role:Mayor"]][1]  # not the co-chair
        seat.props["org:role"] = ["role:Alderman"]
        seat.props["gg:votingRight"] = ["false"]
        seat.props["rdfs:label"] = [x.replace("borgmester", "rådmand").replace("mayor", "alderman") for x in seat.props["rdfs:label"]]

    # ------------------------------------------------------------------ output

    def write(self, writer: Writer) -> None:
        writer.node("ex:scenario", {"a": ["gg:Scenario"], "rdfs:label": _labels("Skalamodel", "Scale model"),
                                    "gg:status": ["status:Proposed"], "gg:effectiveDate": [f'"{DAY}"^^xsd:date'],
                                    "gg:topBody": ["ex:national"]})
        for iri, props in self.places:
            writer.node(iri, props)
        for body in self.bodies:
            writer.node(body.iri, body.props)
            for seat in body.seats:
                writer.node(seat.iri, seat.props)
                membership = f"{seat.iri}-membership"
                writer.node(membership, {"a": ["org:Membership"], "org:member": [seat.holder],
                                         "org:organization": [body.iri], "gg:seat": [seat.iri],
                                         "org:role": seat.props["org:role"]})
        for iri, name in self.people.items():
            writer.node(iri, {"a": ["foaf:Person"], "foaf:name": [_lit(name)]})


def _full(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


def triples_per_region() -> int:
    """What one fictional region costs, measured on a throwaway generator."""
    probe = Generator(0)
    _region_block(probe, 0)
    writer = Writer()
    probe.write(writer)
    return writer.triples


def _region_block(gen: Generator, r: int) -> None:
    region = gen.fictional_region(r)
    committee = f"{region.key}-committee"
    chair = gen.person(f"{region.key}-chair", f"Regional council chair of {region.name}")
    clusters = []
    for c in range(3):
        _phc, mayor, cluster = gen.cluster(region, c, committee, chair)
        clusters.append((cluster, mayor))
    ssu = gen.committee(region, "ex:national", chair, clusters)
    # The committee is written before its clusters so that each region reads top-down.
    gen.bodies.remove(ssu)
    gen.bodies.insert(next(i for i, b in enumerate(gen.bodies) if b.iri.startswith(region.key)), ssu)


def generate(triples: int, seed: int = 11, share: float = 0.02) -> tuple[str, dict]:
    """The model as Turtle text and the planted findings, for about ``triples`` triples."""
    gen = Generator(seed)
    regions = max(1, round(triples / triples_per_region() * 0.92))
    top = gen.body("ex:national", "top", "gg:Committee", "Nationalt koordinationsforum", "National coordination forum",
                   "level:Political", "ex:denmark", [], (), 2)
    del top.props["gg:area"]
    for r in range(regions):
        _region_block(gen, r)
    # North Jutland's block: about a tenth of the clusters, reporting to the top body (the model
    # has no North Jutland committee: its reference clusters would need seats in it).
    nj = gen.north_jutland()
    nj_chair = gen.person("ex:nj-chair", "Regional council chair of Nordjylland")
    for c in range(max(3, round(regions * 3 / 10))):
        gen.cluster(nj, c, "ex:national", nj_chair)
    planted = gen.plant(share)
    writer = Writer()
    gen.write(writer)
    summary = {
        "seed": seed, "as_of": DAY, "triples": writer.triples, "bodies": len(gen.bodies), "seats": gen.seats,
        "regions": regions, "north_jutland_clusters": max(3, round(regions * 3 / 10)),
        "broken_bodies": len({p["body"] for p in planted}), "planted": planted,
    }
    return writer.text(), summary


def sidecar(model: Path) -> Path:
    return model.with_suffix(".planted.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=10_000, help="about this many triples (default 10000)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--share", type=float, default=0.02, help="share of bodies to break (default 0.02)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the Turtle file to write")
    args = parser.parse_args()
    text, summary = generate(args.triples, args.seed, args.share)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    sidecar(args.output).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.output}: {summary['triples']:,} triples, {summary['bodies']:,} bodies, {summary['seats']:,} seats, "
          f"{summary['broken_bodies']} bodies broken ({len(summary['planted'])} planted findings)")


if __name__ == "__main__":
    main()
