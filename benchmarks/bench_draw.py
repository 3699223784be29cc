"""Benchmark ``govgraph draw`` on a generated 1,000-body model (target: under 5 s end to end on 2 cores).

Run from the repository root:  python benchmarks/bench_draw.py [--bodies 1000] [--format svg] [--runs 3]

The model: one top body; 100 areas (health clusters), each with a political
body reporting to the top, 3 administrative groups reporting to it, and 6
operational forums under those; every operational forum also advises its
political body (dashed line), and every third one reports to two groups (a
body with two lines). Each body has 3–8 seats across the four sides, some
observers and ad hoc seats. The Turtle file is written to a temporary folder,
then ``python -m govgraph draw`` runs as a user would run it. It also times the
stages in-process (load, model, DOT, dot) to show where the time goes, and
reports CPU time beside wall time: on a shared machine the wall time says more
about the neighbours than about govgraph.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """@prefix gg: <https://w3id.org/govgraph/ns#> .
@prefix dkh: <https://w3id.org/govgraph/dk-health#> .
@prefix role: <https://w3id.org/govgraph/role/> .
@prefix side: <https://w3id.org/govgraph/side/> .
@prefix level: <https://w3id.org/govgraph/level/> .
@prefix office: <https://w3id.org/govgraph/office/> .
@prefix status: <https://w3id.org/govgraph/status/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix b: <https://example.org/bench/> .
"""
SIDES = [("Region", "RegionalCouncilMember"), ("Municipality", "Mayor"),
         ("GeneralPractice", "GeneralPracticeRepresentative"), ("PatientsRelatives", "PatientRepresentative")]


def body(iri: str, cls: str, label: str, level: str, area: str | None, reports: list[str], advises: list[str],
         seats: int, n: int) -> list[str]:
    lines = [f'b:{iri} a {cls} ; rdfs:label "{label}"@en , "{label} (da)"@da ; gg:level level:{level} ;']
    if area:
        lines.append(f"    gg:area b:{area} ;")
    for target in reports:
        lines.append(f"    org:reportsTo b:{target} ;")
    for target in advises:
        lines.append(f"    gg:advises b:{target} ;")
    lines.append('    gg:validFrom "2022-01-01"^^xsd:date .')
    for s in range(seats):
        side, role = SIDES[(s + n) % len(SIDES)]
        extra = ""
        if s == 0:
            extra += " gg:office office:Chair ;"
        if s == seats - 1 and n % 4 == 0:
            extra += " gg:votingRight false ;"
        if s == seats - 2 and n % 5 == 0:
            extra += " gg:adHoc true ;"
        lines.append(f'b:{iri}-seat-{s} a gg:Seat ; rdfs:label "{label} seat {s}"@en ; org:postIn b:{iri} ;'
                     f" org:role role:{role} ; gg:side side:{side} ;{extra} gg:represents b:{iri} .")
    return lines


def model(bodies: int) -> str:
    """Turtle for a model with ``bodies`` bodies (a multiple of 10, plus the top body)."""
    out = [PREFIXES, 'b:scenario a gg:Scenario ; rdfs:label "Benchmark"@en ; gg:status status:Proposed ;',
           '    gg:effectiveDate "2023-01-01"^^xsd:date ; gg:topBody b:top .']
    out += body("top", "gg:Council", "Top council", "Political", None, [], [], 8, 0)
    n = 1
    for a in range(max(1, round((bodies - 1) / 10))):
        area = f"area-{a:03d}"
        out.append(f'b:{area} a dkh:HealthCluster ; rdfs:label "Area {a:03d}"@en , "Område {a:03d}"@da .')
        political = f"pol-{a:03d}"
        out += body(political, "gg:Committee", f"Political body {a:03d}", "Political", area, ["top"], [], 8, n)
        n += 1
        groups = [f"adm-{a:03d}-{g}" for g in range(3)]
        for g, iri in enumerate(groups):
            out += body(iri, "gg:SteeringGroup", f"Steering group {a:03d}-{g}", "Administrative", area,
                        [political], [], 3 + (n % 5), n)
            n += 1
        for f in range(6):
            reports = [groups[f % 3]] + ([groups[(f + 1) % 3]] if f % 3 == 0 else [])
            out += body(f"ops-{a:03d}-{f}", "gg:Forum", f"Operations forum {a:03d}-{f}", "Operational", area,
                        reports, [political], 3 + (n % 4), n)
            n += 1
    return "\n".join(out) + "\n"


def stages(path: Path, fmt: str) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from govgraph.load import load
    from govgraph.model import organization
    from govgraph.render.chart import render, scope, to_dot

    times: dict[str, float] = {}
    start = time.perf_counter()
    loaded = load([path])
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    org = organization(loaded)
    times["model"] = time.perf_counter() - start
    start = time.perf_counter()
    chart = to_dot(scope(org), "en", "summary")
    times["dot source"] = time.perf_counter() - start
    start = time.perf_counter()
    if fmt in ("svg", "png", "pdf"):
        render(chart, fmt)
    times[f"graphviz -T{fmt}"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--format", default="svg")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.ttl"
        path.write_text(model(args.bodies), encoding="utf-8")
        out = Path(folder) / f"chart.{args.format}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-m", "govgraph", "draw", str(path), "-o", str(out)]
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, env=env, cwd=ROOT)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        text = path.read_text(encoding="utf-8")
        bodies = text.count("gg:validFrom")
        print(f"model: {bodies} bodies, {text.count(' a gg:Seat ')} seats, {text.count(chr(10))} lines of Turtle; "
              f"chart {out.stat().st_size:,} bytes")
        print(f"govgraph draw -o chart.{args.format}: median {statistics.median(times):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)}; target < 5 s)")
        # CPU time (govgraph and its dot child) does not grow when other jobs share the cores; wall time does.
        print(f"  CPU time: median {statistics.median(cpu):.2f} s (load average now {os.getloadavg()[0]:.1f})")
        for stage, seconds in stages(path, args.format).items():
            print(f"  {stage:>16}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
