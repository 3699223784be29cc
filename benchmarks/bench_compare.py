"""Benchmark ``govgraph compare`` on 10 generated scenarios of region size (≈ 5,000 triples each).

Run on demand (not part of the test suite):

    python benchmarks/bench_compare.py               # triples per scenario, wall time with and without findings
    python benchmarks/bench_compare.py --keep DIR     # also keep the generated files in DIR
    python benchmarks/bench_compare.py --rules a.ttl  # count findings against these rules (repeatable)

Each scenario is a region with 40 municipalities in 8 clusters: a cooperation
committee, per cluster a political and an administrative cluster and two
operations forums, every seat held by a named person. Scenarios differ in
seat counts (seeded, so every run generates the same files). The target is
under 10 s on a 2-core machine, for the whole command in a fresh process.
It is timed twice: with --no-findings (the metrics alone) and with findings
(each scenario also validated with pySHACL against the rules in force, or
--rules), because validation dominates the time.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """@prefix gg:      <https://w3id.org/govgraph/ns#> .
@prefix dkh:     <https://w3id.org/govgraph/dk-health#> .
@prefix task:    <https://w3id.org/govgraph/dk-health/task/> .
@prefix role:    <https://w3id.org/govgraph/role/> .
@prefix side:    <https://w3id.org/govgraph/side/> .
@prefix level:   <https://w3id.org/govgraph/level/> .
@prefix status:  <https://w3id.org/govgraph/status/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:      <https://example.org/bench/> .
"""
POLITICAL_TASKS = ("task:local-direction", "task:implement-national-regional-initiatives", "task:input-agreement-and-funds")
ADMIN_TASKS = ("task:follow-up-goals", "task:population-responsibility", "task:local-pathway-models")


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = [PREFIXES]
        self.seats = 0

    def add(self, text: str) -> None:
        self.lines.append(text)

    def seat(self, body: str, role: str, side: str, represents: str, voting: bool = True) -> None:
        self.seats += 1
        n = self.seats
        self.add(f'ex:seat-{n} a gg:Seat ; rdfs:label "Plads {n}"@da , "Seat {n}"@en ; org:postIn ex:{body} ;\n'
                 f'    org:role role:{role} ; gg:side side:{side} ; gg:represents ex:{represents} ;\n'
                 f'    gg:votingRight {"true" if voting else "false"} .')
        self.add(f'ex:person-{n} a foaf:Person ; foaf:name "Person {n}" .\n'
                 f'ex:membership-{n} a org:Membership ; org:member ex:person-{n} ; org:organization ex:{body} ;\n'
                 f'    gg:seat ex:seat-{n} ; org:role role:{role} .')

    def body(self, iri: str, kind: str, label: str, level: str, area: str, up: str | None,
             tasks: tuple[str, ...], meetings: int) -> None:
        line = f'ex:{iri} a {kind} ; rdfs:label "{label}"@da , "{label}"@en ; gg:level level:{level} ;\n' \
               f'    gg:area ex:{area} ; gg:validFrom "2022-10-01"^^xsd:date ; gg:meetingsPerYear {meetings} ;\n' \
               f'    gg:hasTask {" , ".join(tasks)}'
        if up:
            line += f' ;\n    org:reportsTo ex:{up}'
        self.add(line + " .")


def scenario(index: int) -> str:
    """One generated scenario as Turtle text."""
    rng = random.Random(index)
    w = Writer()
    w.add(f'ex:scenario a gg:Scenario ; rdfs:label "Benchmark {index:02d}"@da , "Benchmark {index:02d}"@en ;\n'
          f'    gg:status status:Proposed ; gg:effectiveDate "2022-10-01"^^xsd:date ; gg:topBody ex:committee .')
    w.add('ex:region a gg:Region ; rdfs:label "Region"@da , "Region"@en .')
    clusters = [[f"m{c * 5 + k}" for k in range(5)] for c in range(8)]
    for c, members in enumerate(clusters):
        for m in members:
            w.add(f'ex:{m} a gg:Municipality ; rdfs:label "Kommune {m}"@da , "Municipality {m}"@en ; '
                  f'gg:population {rng.randint(2_000, 200_000)} ; gg:region ex:region .')
        w.add(f'ex:cluster-{c} a gg:Area ; rdfs:label "Klynge {c}"@da , "Cluster {c}"@en ; '
              f'org:hasMember {" , ".join("ex:" + m for m in members)} , ex:region .')
    w.body("committee", "dkh:HealthCooperationCommittee", "Samarbejdsudvalg", "Political", "region", None,
           ("task:prepare-health-agreement", "task:direction-for-clusters"), 4)
    for c in range(8):
        w.seat("committee", "Mayor", "Municipality", f"cluster-{c}")
        w.seat("committee", "RegionalCouncilMember", "Region", "region")
    for c, members in enumerate(clusters):
        political, admin = f"political-{c}", f"admin-{c}"
        w.body(political, "dkh:PoliticalHealthCluster", f"Politisk klynge {c}", "Political", f"cluster-{c}",
               "committee", POLITICAL_TASKS, 4)
        w.body(admin, "dkh:AdministrativeHealthCluster", f"Administrativ klynge {c}", "Administrative",
               f"cluster-{c}", political, ADMIN_TASKS, 10)
        for m in members:
            w.seat(political, "Mayor", "Municipality", m)
            w.seat(political, "CommitteeChair", "Municipality", m, voting=False)
            w.seat(admin, "Director", "Municipality", m)
        for _ in range(len(members) + rng.randint(-1, 1)):
            w.seat(political, "RegionalCouncilMember", "Region", "region")
        for _ in range(rng.randint(2, 4)):
            w.seat(admin, "Director", "Region", "region")
        for f in range(2):
            forum = f"forum-{c}-{f}"
            w.body(forum, "dkh:OperationsForum", f"Driftsforum {c}.{f}", "Operational", f"cluster-{c}", admin,
                   ("task:propose-project-ideas",), 6)
            for _ in range(rng.randint(5, 7)):
                w.seat(forum, "Manager", "Municipality", rng.choice(members))
    return "\n".join(w.lines) + "\n"


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the scenarios here instead of a temporary folder")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--rules", action="append", default=[], help="rule set or file for the findings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for i in range(args.count):
            path = folder / f"bench-{i:02d}.ttl"
            path.write_text(scenario(i), encoding="utf-8")
            files.append(path)
        from rdflib import Graph

        triples = len(Graph().parse(files[0]))
        base = [sys.executable, "-m", "govgraph", "compare", *map(str, files), "--baseline", str(files[0]),
                "--format", "json", "-o", str(folder / "comparison.json"), "--chart", str(folder / "chart.svg")]
        rules = [x for r in args.rules for x in ("--rules", r)]
        print(f"{args.count} scenarios, {triples} triples each (first file); target < 10 s on 2 cores")
        for what, extra in (("metrics only (--no-findings)", ["--no-findings"]), ("with findings", rules)):
            start, cpu = time.perf_counter(), _child_cpu()
            done = subprocess.run(base + extra, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
                                  capture_output=True, text=True)
            elapsed, used = time.perf_counter() - start, _child_cpu() - cpu
            if done.returncode != 0:
                sys.exit(f"govgraph compare failed: {done.stderr.strip()}")
            # CPU time is the steadier figure on a machine shared with other work.
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"  govgraph compare, {what}: {elapsed:.2f} s wall, {used:.2f} s CPU, "
                  f"largest process so far {peak:.0f} MiB")

if __name__ == "__main__":
    main()
