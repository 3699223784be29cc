"""Benchmark export and import of a large workbook (target: a 20-fold 2021 era, ~27,000 triples,
exported and read back in under 15 s each on 2 cores).

Run from the repository root:  python benchmarks/bench_sheets.py [--copies 20]

The model: data/scenarios/nordjylland-2021.ttl (12 bodies, 89 seats, 22 members, ~1,360 triples)
copied ``--copies`` times with every nj: IRI given a suffix, so bodies, seats and members
multiply while the reference data stays the same. It times, in-process, the export to .xlsx,
the export to CSV, and reading each back (the reader govgraph load uses), and checks the round
trip. CPU time is shown beside wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rdflib import Graph, URIRef  # noqa: E402
from rdflib.compare import isomorphic  # noqa: E402

from govgraph.load import load, read_file  # noqa: E402
from govgraph.sheets.export import model_rows  # noqa: E402
from govgraph.sheets.read import context_graph  # noqa: E402
from govgraph.sheets.workbook import write_csv_folder, write_xlsx  # noqa: E402
from govgraph.vocab import NJ  # noqa: E402


def big_model(copies: int) -> Graph:
    user = load([ROOT / "data" / "scenarios" / "nordjylland-2021.ttl"]).user
    defined = {s for s in user.subjects() if isinstance(s, URIRef) and str(s).startswith(str(NJ))}
    graph = Graph()
    for k in range(copies):
        def rename(node, k=k):  # type: ignore[no-untyped-def]
            return URIRef(f"{node}-{k}") if node in defined else node
        for s, p, o in user:
            graph.add((rename(s), p, rename(o)))
    return graph


def timed(label: str, action):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"{label:<28} {time.perf_counter() - wall:6.2f} s wall  {time.process_time() - cpu:6.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    model = big_model(args.copies)
    context = context_graph()
    print(f"{len(model)} triples")
    with tempfile.TemporaryDirectory() as folder:
        xlsx, csv = Path(folder) / "m.xlsx", Path(folder) / "m"
        rows = timed("rows (xlsx)", lambda: model_rows(model, context, "en").sheets)
        timed("write .xlsx", lambda: write_xlsx(xlsx, rows, "en", context))
        rows_csv = timed("rows (csv)", lambda: model_rows(model, context, "en", csv=True).sheets)
        timed("write CSV", lambda: write_csv_folder(csv, rows_csv, "en"))
        back = timed("read .xlsx", lambda: read_file(xlsx).graph)
        back_csv = timed("read CSV", lambda: read_file(csv).graph)
        print("round trip:", isomorphic(model, back) and isomorphic(model, back_csv))


if __name__ == "__main__":
    main()
