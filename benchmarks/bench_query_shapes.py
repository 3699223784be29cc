"""How Oxigraph scales with the shape of a counting query: the "including" component's count of
seats representing a psychiatric service, written five ways, on the generated models.

    python benchmarks/bench_query_shapes.py benchmarks/out/model-10k.ttl benchmarks/out/model-100k.ttl
    python benchmarks/bench_query_shapes.py --fast benchmarks/out/model-1m.ttl   # leave the quadratic ones out

Each model is bulk-loaded with the vocabulary into a fresh Oxigraph store; each query counts, per
administrative health cluster, its seats that represent a dkh:PsychiatricService. The compiled
engine's form (OPTIONAL + FILTER EXISTS with a property path) is evaluated by pyoxigraph 0.5
without the outer binding, so its time grows with bodies × seats; a join grows with the data.
CPU seconds of the process (the query runs in it), best of one run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX gg: <https://w3id.org/govgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dkh: <https://w3id.org/govgraph/dk-health#>
"""
FOCUS = "?this a dkh:AdministrativeHealthCluster ."
#: name → (query, quadratic on pyoxigraph 0.5)
SHAPES = {
    "OPTIONAL + EXISTS with path*   (as compiled today)": (
        f"SELECT ?this (COUNT(DISTINCT ?seat) AS ?n) WHERE {{ {FOCUS} OPTIONAL {{ ?seat org:postIn ?this . "
        "FILTER EXISTS { ?seat gg:represents/rdf:type/rdfs:subClassOf* dkh:PsychiatricService } } } GROUP BY ?this", True),
    "OPTIONAL + EXISTS, closure as VALUES": (
        f"SELECT ?this (COUNT(DISTINCT ?seat) AS ?n) WHERE {{ {FOCUS} OPTIONAL {{ ?seat org:postIn ?this . "
        "FILTER EXISTS { VALUES ?c { dkh:PsychiatricService } ?seat gg:represents/rdf:type ?c } } } GROUP BY ?this", True),
    "OPTIONAL + EXISTS, constant class, no path": (
        f"SELECT ?this (COUNT(DISTINCT ?seat) AS ?n) WHERE {{ {FOCUS} OPTIONAL {{ ?seat org:postIn ?this . "
        "FILTER EXISTS { ?seat gg:represents ?x . ?x rdf:type dkh:PsychiatricService } } } GROUP BY ?this", False),
    "OPTIONAL join, closure as VALUES": (
        f"SELECT ?this (COUNT(DISTINCT ?seat) AS ?n) WHERE {{ {FOCUS} OPTIONAL {{ ?seat org:postIn ?this ; "
        "gg:represents/rdf:type ?c . VALUES ?c { dkh:PsychiatricService } } } GROUP BY ?this", False),
    "UNION of focus (0) and join (1), SUM": (
        f"SELECT ?this (SUM(?one) AS ?n) WHERE {{ {{ {FOCUS} BIND (0 AS ?one) }} UNION {{ {FOCUS} "
        "?seat org:postIn ?this ; gg:represents ?x . ?x a dkh:PsychiatricService . BIND (1 AS ?one) } } GROUP BY ?this",
        False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--fast", action="store_true", help="leave out the forms known to be quadratic")
    args = parser.parse_args()
    for model in args.models:
        store = ox.Store()
        store.bulk_load(path=str(model), format=ox.RdfFormat.TURTLE)
        for vocabulary in ("govgraph.ttl", "dk-health.ttl"):
            store.bulk_load(path=str(ROOT / "ontology" / vocabulary), format=ox.RdfFormat.TURTLE)
        print(f"{model}: {len(store):,} quads")
        answers = set()
        for name, (query, quadratic) in SHAPES.items():
            if quadratic and args.fast:
                continue
            start = time.process_time()
            rows = [(str(r["this"]), int(r["n"].value)) for r in store.query(PREFIXES + query)]
            print(f"  cpu {time.process_time() - start:8.3f} s  {name}")
            answers.add(tuple(sorted(rows)))
        print(f"  same counts from every form: {'yes' if len(answers) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
