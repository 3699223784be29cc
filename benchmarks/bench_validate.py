"""Time ``govgraph validate`` end to end against the bare ``pyshacl`` CLI on the same data and shapes.

    python benchmarks/bench_validate.py [MODEL] [--rules SET|FILE ...] [--runs 5]

Both are run as subprocesses, best of N. The bare run gets what the engine hands pySHACL,
written to a temp folder first: one Turtle data graph (vocabulary + reference data + the model +
the gg:includesBody scope triples) and the shapes graph of the rules in force. Targets (2-core
machine): validate < 0.5 s end to end. It also times validate with every rule on pySHACL, the
reference engine (``GOVGRAPH_ENGINE=pyshacl``), to show what the compiled engine saves.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govgraph import load  # noqa: E402
from govgraph.model import organization  # noqa: E402
from govgraph.rules import load_catalogue  # noqa: E402
from govgraph.validate import IMPLICIT_SCENARIO  # noqa: E402
from govgraph.vocab import GG  # noqa: E402


def best_of(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Best wall-clock and best CPU (user + system) seconds of ``runs`` runs.

    CPU time is reported too because the machine is shared: under load, wall time mostly
    measures the neighbours.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr or done.stdout}")
    return min(walls), min(cpus)


def write_inputs(model_path: Path, rules: list[str], folder: Path) -> tuple[Path, Path, int]:
    """The data graph and shapes graph the engine would give pySHACL, as Turtle files."""
    model = load([model_path])
    org = organization(model)
    day = org.date
    catalogue = load_catalogue([r for r in rules if r.endswith(".ttl")], labels=model.graph)
    chosen = catalogue.select(day, rules)
    shapes, _ = catalogue.shapes_graph(chosen)
    data = model.graph
    scenario = org.scenario.iri or IMPLICIT_SCENARIO
    for body in org.on(day):
        data.add((scenario, GG.includesBody, body.iri))
    data_file, shapes_file = folder / "data.ttl", folder / "shapes.ttl"
    data.serialize(data_file, format="turtle")
    shapes.serialize(shapes_file, format="turtle")
    return data_file, shapes_file, len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default="data/scenarios/nordjylland-2022.ttl")
    parser.add_argument("--rules", action="append", default=[])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    rule_args = [a for r in args.rules for a in ("--rules", r)]
    with tempfile.TemporaryDirectory() as tmp:
        data_file, shapes_file, n_rules = write_inputs(ROOT / args.model, args.rules, Path(tmp))
        command = [sys.executable, "-m", "govgraph", "validate", args.model, *rule_args]
        # The compiled engine (the default); then pySHACL runs every rule.
        ours = best_of(command, args.runs, {**env, "GOVGRAPH_ENGINE": "compiled"})
        by_rdflib = best_of(command, args.runs, {**env, "GOVGRAPH_ENGINE": "pyshacl"})
        bare = best_of([sys.executable, "-m", "pyshacl", "-s", str(shapes_file), "-i", "none", "-a", "-w",
                        "--allow-infos", str(data_file)], args.runs, env)
    print(f"model: {args.model} ({n_rules} rules), best of {args.runs}, load average {os.getloadavg()[0]:.1f}")
    print(f"govgraph validate (end to end): wall {ours[0]:.3f} s, cpu {ours[1]:.3f} s   target < 0.5 s")
    print(f"  the same, on pySHACL:         wall {by_rdflib[0]:.3f} s, cpu {by_rdflib[1]:.3f} s   (GOVGRAPH_ENGINE=pyshacl)")
    print(f"bare pyshacl CLI:               wall {bare[0]:.3f} s, cpu {bare[1]:.3f} s")
    print(f"ratio to bare pySHACL: wall {bare[0] / ours[0]:.1f}x faster, cpu {bare[1] / ours[1]:.1f}x")


if __name__ == "__main__":
    main()
