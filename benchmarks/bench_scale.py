"""Scale benchmark: ``govgraph validate`` end to end on generated models of about 10k, 100k and 1M
triples with planted findings, beside the bare ``pyshacl`` CLI on the same data and shapes.

    python benchmarks/bench_scale.py                       # 10k, 100k, 1M; pyshacl at 10k; the rest
    python benchmarks/bench_scale.py --sizes 10k,100k      # leave the 1M model (and the 1M diff) out
    python benchmarks/bench_scale.py --with-pyshacl-100k   # bare pyshacl at 100k too (~20 min)
    python benchmarks/bench_scale.py --only scale          # one part: scale, pyshacl, bundled, compare, diff

Every command runs as a fresh process; wall time, CPU time (user + system) and peak resident memory
are read from the process's own ``wait4`` usage, so each figure belongs to that one run. The machine
is shared: CPU time is the steadier figure. Models are written by ``benchmarks/generate.py`` into
``benchmarks/out/`` (git-ignored) with their ``.planted.json``; validate must report exactly the
planted (rule id, body) pairs, and bare pySHACL's results, put through govgraph's scope (bodies of
the scenario) and jurisdiction (``gg:jurisdiction`` of a rule set), must be the same pairs.

Targets (issue 11): 1M end to end < 15 s and < 1.5 GB; 10× data → at most 11× time; at least 100×
faster than bare pySHACL; nordjylland-2022 end to end < 0.5 s; compare of 10 region-size scenarios
with findings < 3 s; diff of two 1M models < 1.5 GB. Figures go to ``benchmarks/out/bench_scale.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
PARTS = ("scale", "pyshacl", "bundled", "compare", "diff")


@dataclass(frozen=True)
class Run:
    """One process from start to exit; ``error`` is the last line it wrote to stderr when it failed."""

    wall: float
    cpu: float
    peak_mib: float
    code: int
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.code not in (0, 1)


def measure(command: list[str], stdout: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end; its own wall, CPU and peak RSS (``wait4``, children included)."""
    with open(stdout or os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err,
                                   env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **GOVGRAPH_ENV, **(env or {})})
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        error = ""
        if code not in (0, 1):
            err.seek(0)
            lines = err.read().decode(errors="replace").strip().splitlines()
            error = lines[-1] if lines else f"exit {code}"
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, error)


def best(command: list[str], runs: int, env: dict[str, str] | None = None) -> Run:
    """The run with the least wall time of ``runs``, with the least CPU and the largest peak of them all."""
    done = [measure(command, env=env) for _ in range(runs)]
    fastest = min(done, key=lambda r: r.wall)
    return Run(fastest.wall, min(r.cpu for r in done), max(r.peak_mib for r in done), fastest.code)


#: Extra environment of every govgraph run (``--budget`` sets the per-rule time budget). The input
#: caps of govgraph.limits are raised: a 1M-triple model is genuine here.
GOVGRAPH_ENV: dict[str, str] = {"GOVGRAPH_MAX_TRIPLES": "5000000", "GOVGRAPH_MAX_BODIES": "100000",
                                "GOVGRAPH_MAX_FILE_BYTES": "1000000000"}


def govgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "govgraph", *args]


def model_path(size: str, seed: int = 11) -> Path:
    return OUT / (f"model-{size}.ttl" if seed == 11 else f"model-{size}-seed{seed}.ttl")


def make_model(size: str, seed: int = 11) -> tuple[Path, dict]:
    """Generate (always: the generator is deterministic and takes seconds) and return the sidecar."""
    path = model_path(size, seed)
    text, summary = generate.generate(SIZES[size], seed)
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    generate.sidecar(path).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path, summary


def planted_pairs(summary: dict) -> list[tuple[str, str]]:
    return sorted((p["rule"], p["body"]) for p in summary["planted"])


def found_pairs(report: Path) -> list[tuple[str, str]]:
    """(rule id, focus IRI) of every finding of a ``validate --format json`` report."""
    data = json.loads(report.read_text(encoding="utf-8"))
    return sorted((f["rule"], f["focus_iri"]) for f in data["findings"])


def difference(expected: list[tuple[str, str]], got: list[tuple[str, str]]) -> str:
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    lines = [f"    missing {r} {b}" for r, b in missing[:10]] + [f"    extra   {r} {b}" for r, b in extra[:10]]
    if len(got) != len(set(got)):
        lines.append(f"    {len(got) - len(set(got))} findings repeat a (rule, body) pair")
    return "\n".join(lines)


# ---------------------------------------------------------------- the parts

def part_scale(sizes: list[str], figures: dict) -> dict[str, Path]:
    print("== govgraph validate end to end on generated models (--format json)")
    paths = {}
    previous = None
    for size in sizes:
        path, summary = make_model(size)
        paths[size] = path
        report = OUT / f"validate-{size}.json"
        report.unlink(missing_ok=True)
        run = measure(govgraph("validate", str(path), "--format", "json", "-o", str(report)))
        if run.failed:
            figures.setdefault("scale", {})[size] = {"triples": summary["triples"], "bodies": summary["bodies"],
                                                     "seats": summary["seats"], **asdict(run)}
            print(f"  {size:>5}: {summary['triples']:>9,} triples: FAILED (exit {run.code}) after wall {run.wall:.1f} s, "
                  f"cpu {run.cpu:.1f} s, peak {run.peak_mib:.0f} MiB: {run.error}")
            previous = None
            continue
        expected, got = planted_pairs(summary), found_pairs(report)
        exact = expected == got
        per = run.cpu / summary["triples"] * 1e6
        row = {"triples": summary["triples"], "bodies": summary["bodies"], "seats": summary["seats"],
               "planted": len(expected), "found": len(got), "exact": exact, **asdict(run),
               "cpu_us_per_triple": per, "wall_us_per_triple": run.wall / summary["triples"] * 1e6}
        line = (f"  {size:>5}: {summary['triples']:>9,} triples, {summary['bodies']:>5,} bodies: wall {run.wall:7.2f} s, "
                f"cpu {run.cpu:7.2f} s, peak {run.peak_mib:7.0f} MiB, {per:5.1f} µs cpu/triple; "
                f"findings {len(got)} = planted {len(expected)}: {'yes' if exact else 'NO'}")
        if previous:
            ratio = run.cpu / figures["scale"][previous]["cpu"]
            row["cpu_ratio_to_previous"] = ratio
            line += f"; ×{ratio:.1f} cpu for ×{summary['triples'] / figures['scale'][previous]['triples']:.1f} triples"
        print(line)
        if not exact:
            print(difference(expected, got))
        figures.setdefault("scale", {})[size] = row
        previous = size
    if "1m" in figures.get("scale", {}):
        big = figures["scale"]["1m"]
        met = big["code"] in (0, 1) and big.get("exact") and big["wall"] < 15 and big["peak_mib"] < 1536
        print(f"  1M target: < 15 s and < 1536 MiB with the planted findings: wall {big['wall']:.1f} s, "
              f"peak {big['peak_mib']:.0f} MiB → {'met' if met else 'NOT met'}")
    return paths


def bare_pyshacl_inputs(model: Path, folder: Path) -> tuple[Path, Path]:
    """The data graph (vocabulary, reference data, model and the scope triples govgraph adds) and the
    shapes graph of the rules in force, as Turtle files; as benchmarks/bench_validate.py writes them."""
    from bench_validate import write_inputs

    data, shapes, _n = write_inputs(model, [], folder)
    return data, shapes


def pyshacl_pairs(model: Path, results: Path) -> list[tuple[str, str]]:
    """Bare pySHACL's results as (rule id, focus) within govgraph's scope and jurisdictions."""
    from rdflib import Graph
    from rdflib.namespace import ORG, RDF, SH

    from govgraph.check import within
    from govgraph.load import load
    from govgraph.model import organization
    from govgraph.rules import load_catalogue

    loaded = load([model])
    org = organization(loaded)
    catalogue = load_catalogue([], labels=loaded.graph)
    chosen = catalogue.select(org.date)
    _shapes, owner = catalogue.shapes_graph(chosen)
    bodies = {b.iri for b in org.bodies}
    report = Graph().parse(results, format="nt")
    pairs = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus, shape = report.value(result, SH.focusNode), report.value(result, SH.sourceShape)
        rule = owner.get(shape)
        if rule is None:
            raise SystemExit(f"bare pySHACL named a shape no rule owns: {shape}")
        body = focus if focus in bodies else loaded.graph.value(focus, ORG.postIn)
        if body not in bodies or not within(loaded.graph, body, rule.jurisdiction):
            continue
        pairs.append((rule.id, str(focus)))
    return sorted(set(pairs))


def part_pyshacl(sizes: list[str], figures: dict) -> None:
    print("== bare pyshacl CLI (-i none -a) on the same data and shapes, beside govgraph validate")
    pyshacl = str(Path(sys.executable).with_name("pyshacl"))
    for size in sizes:
        path, summary = make_model(size)
        with tempfile.TemporaryDirectory() as tmp:
            data, shapes = bare_pyshacl_inputs(path, Path(tmp))
            results = OUT / f"pyshacl-{size}.nt"
            bare = measure([pyshacl, "-s", str(shapes), "-i", "none", "-a", "-f", "nt", str(data)], stdout=results)
        report = OUT / f"validate-{size}.json"
        ours = measure(govgraph("validate", str(path), "--format", "json", "-o", str(report)))
        if bare.failed or ours.failed:
            print(f"  {size:>5}: FAILED: pyshacl {bare.error or 'ok'}; govgraph {ours.error or 'ok'}")
            figures.setdefault("pyshacl", {})[size] = {"pyshacl": asdict(bare), "govgraph": asdict(ours)}
            continue
        theirs, got, expected = pyshacl_pairs(path, results), found_pairs(report), planted_pairs(summary)
        same = theirs == sorted(set(got))
        row = {"pyshacl": asdict(bare), "govgraph": asdict(ours), "identical_findings": same,
               "planted_match": expected == got, "cpu_ratio": bare.cpu / ours.cpu, "wall_ratio": bare.wall / ours.wall}
        figures.setdefault("pyshacl", {})[size] = row
        print(f"  {size:>5}: bare pyshacl wall {bare.wall:7.1f} s, cpu {bare.cpu:7.1f} s, peak {bare.peak_mib:6.0f} MiB; "
              f"govgraph wall {ours.wall:6.2f} s, cpu {ours.cpu:6.2f} s → ×{row['cpu_ratio']:.0f} cpu, "
              f"×{row['wall_ratio']:.0f} wall; identical findings: {'yes' if same else 'NO'} ({len(theirs)} pairs)")
        if not same:
            print(difference(theirs, sorted(set(got))))


def part_bundled(runs: int, figures: dict) -> None:
    print(f"== data/scenarios/nordjylland-2022.ttl: end to end (best of {runs}) and in-process validate()")
    model = "data/scenarios/nordjylland-2022.ttl"
    end_to_end = best(govgraph("validate", model), runs)
    from govgraph.check import ENGINE_VARIABLE, validate
    from govgraph.load import load

    loaded = load([ROOT / model])
    timings = {}
    for engine in ("compiled", "pyshacl"):
        previous = os.environ.get(ENGINE_VARIABLE)
        os.environ[ENGINE_VARIABLE] = engine
        try:
            validate(loaded)  # warm: rule catalogue read and plans compiled once per process
            spent = []
            for _ in range(runs):
                start = time.process_time()
                validate(loaded)
                spent.append(time.process_time() - start)
        finally:
            if previous is None:
                os.environ.pop(ENGINE_VARIABLE, None)
            else:
                os.environ[ENGINE_VARIABLE] = previous
        timings[engine] = min(spent)
    figures["bundled"] = {"end_to_end": asdict(end_to_end), "in_process_cpu": timings}
    print(f"  govgraph validate: {'FAILED ' + end_to_end.error + ' ' if end_to_end.failed else ''}wall {end_to_end.wall:.3f} s, cpu {end_to_end.cpu:.3f} s, peak "
          f"{end_to_end.peak_mib:.0f} MiB (target < 0.5 s)")
    print(f"  in-process validate() of the loaded model, cpu: compiled {timings['compiled'] * 1000:.1f} ms, "
          f"pySHACL engine {timings['pyshacl'] * 1000:.1f} ms")


def part_compare(figures: dict) -> None:
    print("== govgraph compare of 10 region-size scenarios with findings (bench_compare's generator)")
    from bench_compare import scenario

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(10):
            path = Path(tmp) / f"bench-{i:02d}.ttl"
            path.write_text(scenario(i), encoding="utf-8")
            files.append(str(path))
        run = measure(govgraph("compare", *files, "--baseline", files[0], "--format", "json",
                               "-o", str(Path(tmp) / "comparison.json")))
    figures["compare"] = asdict(run)
    print(f"  {'FAILED ' + run.error + ' ' if run.failed else ''}wall {run.wall:.2f} s, cpu {run.cpu:.2f} s, peak {run.peak_mib:.0f} MiB (target < 3 s)")


def part_diff(figures: dict) -> None:
    print("== govgraph diff of two 1M models (seeds 11 and 12)")
    old, _ = make_model("1m", 11)
    new, _ = make_model("1m", 12)
    run = measure(govgraph("diff", str(old), str(new), "-f", "json", "-o", str(OUT / "diff-1m.json")))
    figures["diff"] = asdict(run)
    print(f"  {'FAILED ' + run.error + ' ' if run.failed else ''}wall {run.wall:.1f} s, cpu {run.cpu:.1f} s, peak {run.peak_mib:.0f} MiB (target < 1536 MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated of 10k, 100k, 1m")
    parser.add_argument("--with-pyshacl-100k", action="store_true", help="bare pyshacl at 100k too (~20 min)")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part (repeatable)")
    parser.add_argument("--runs", type=int, default=5, help="best of N for the bundled scenario")
    parser.add_argument("--budget", type=float, help="seconds one rule may run (GOVGRAPH_MAX_RULE_SECONDS; "
                        "the default 60 s is wall time, which a busy machine stretches)")
    args = parser.parse_args()
    if args.budget:
        GOVGRAPH_ENV["GOVGRAPH_MAX_RULE_SECONDS"] = str(args.budget)
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    parts = args.only or list(PARTS)
    figures: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                     "load_average": os.getloadavg()[0], "cpus": os.cpu_count()}
    figures["budget"] = args.budget
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
          + (f"; rule budget {args.budget:g} s" if args.budget else ""))
    if "scale" in parts:
        part_scale(sizes, figures)
    if "pyshacl" in parts:
        part_pyshacl([s for s in ("10k", "100k") if s == "10k" or args.with_pyshacl_100k], figures)
    if "bundled" in parts:
        part_bundled(args.runs, figures)
    if "compare" in parts:
        part_compare(figures)
    if "diff" in parts and "1m" in sizes:
        part_diff(figures)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_scale.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"figures: {(OUT / 'bench_scale.json').relative_to(ROOT)}")
    sys.exit(1 if wrong(figures) else 0)


def wrong(figures: dict) -> list[str]:
    """What went wrong (a run that failed, findings other than the planted or than bare pySHACL's);
    a target missed is a figure, not a failure."""
    problems = [f"validate {size}" for size, row in figures.get("scale", {}).items()
                if row["code"] not in (0, 1) or not row.get("exact")]
    problems += [f"pyshacl {size}" for size, row in figures.get("pyshacl", {}).items()
                 if not row.get("identical_findings") or not row.get("planted_match")]
    problems += [part for part in ("compare", "diff") if part in figures and figures[part]["code"] not in (0, 1)]
    if "bundled" in figures and figures["bundled"]["end_to_end"]["code"] not in (0, 1):
        problems.append("bundled")
    return problems


if __name__ == "__main__":
    main()
