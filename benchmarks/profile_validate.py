"""Where ``govgraph validate`` spends its time: stage by stage, and rule by rule, in one process.

    python benchmarks/profile_validate.py benchmarks/out/model-100k.ttl [--top 10]

Follows the steps ``govgraph validate`` takes (``govgraph.check.check`` and ``run``), timing each
with the process's CPU clock and reading the peak resident memory after it: loading the files
into Oxigraph (bulk load and the usage profile; the vocabulary and reference data are read once per
process), the strict checks as store queries, the outline of the organization, the rule catalogue
and compiled plans, every compiled rule (one after another here; govgraph runs them on two
threads), the findings and the JSON report. A profiler of the whole command is
``python -m cProfile -s cumulative -m govgraph validate MODEL``; imports: ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import os
import json
import resource
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The input caps of govgraph.limits are raised: a generated 1M-triple model is genuine here.
for _name, _value in (("GOVGRAPH_MAX_TRIPLES", "5000000"), ("GOVGRAPH_MAX_BODIES", "100000"),
                      ("GOVGRAPH_MAX_FILE_BYTES", "1000000000")):
    os.environ.setdefault(_name, _value)
sys.path.insert(0, str(ROOT / "src"))

STAGES: list[tuple[str, float, float, float]] = []  # name, cpu seconds, wall seconds, peak MiB after


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def stage(name: str):  # noqa: ANN201
    cpu, wall = time.process_time(), time.perf_counter()
    yield
    STAGES.append((name, time.process_time() - cpu, time.perf_counter() - wall, _peak()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest rules to list")
    parser.add_argument("--skip", action="append", default=[], metavar="RULE-ID",
                        help="leave this rule out of the queries (e.g. one that would run for an hour)")
    parser.add_argument("--pairs", type=Path, help="write the findings' (rule id, focus IRI) pairs here as JSON, "
                        "to compare with a generated model's .planted.json")
    args = parser.parse_args()
    with stage("import govgraph (load, model, check)"):
        import importlib

        load_module = importlib.import_module("govgraph.load")  # the package exports a function of that name
        from govgraph.check import IMPLICIT_SCENARIO, CheckedBody, ValidationReport, plan_of, scope_triples
        from govgraph.check.catalogue import load_catalogue
        from govgraph.check.findings import Scope, findings
        from govgraph.check.runner import Runner, scoped
        from govgraph.model import label, outline
        from govgraph.render import findings as render_findings

    with stage("load: files into Oxigraph (bulk load, profile, body count; context cached)"):
        model = load_module.load([args.model], strict=False)
    with stage("load: strict checks (unknown terms, literals) as store queries"):
        load_module.refuse_problems(model, args.model)
    with stage("model: outline (bodies in scope and their dates)"):
        org = outline(model)
    day = org.date
    with stage("check: rule catalogue and compiled plans"):
        catalogue = load_catalogue([], labels=model.view)
        chosen = catalogue.select(day)
        plans = {r.iri: plan_of(catalogue, r) for r in chosen}
    in_scope = tuple(b.iri for b in org.on(day))
    scenario = org.scenario.iri or IMPLICIT_SCENARIO
    results = []
    per_rule: list[tuple[float, float, str, int]] = []
    with stage("check: compiled rules on Oxigraph, one after another (govgraph runs them on 2 threads)"), \
            scoped(model.store, model.terms, scope_triples(scenario, in_scope, day)) as store:
        runner = Runner(store, model.terms, budget=3600)
        for rule in chosen:
            plan = plans[rule.iri]
            if rule.id in args.skip:
                per_rule.append((0.0, 0.0, f"{rule.id} (skipped)", 0))
                continue
            if not plan.compiled:
                per_rule.append((0.0, 0.0, f"{rule.id} (pySHACL: {plan.reason})", 0))
                continue
            cpu, wall = time.process_time(), time.perf_counter()
            found = runner.run(plan)
            per_rule.append((time.perf_counter() - wall, time.process_time() - cpu, rule.id, len(found)))
            results += found
    with stage("check: findings (labels, messages, positions, scope, jurisdiction)"):
        shapes, owner = catalogue.shapes_graph(chosen)
        scope = Scope(in_force=frozenset(in_scope), scenario=frozenset(b.iri for b in org.bodies))
        found_list = list(findings(model, results, shapes, owner, scope))
    with stage("render: JSON report"):
        checked = [CheckedBody(str(b), label(model.view, b, "da"), label(model.view, b, "en")) for b in in_scope]
        report = ValidationReport.of_validation(found_list, day, chosen, checked)
        render_findings.render_findings_json(report, "en", as_of=day.isoformat(), rules=list(report.rules))
    if args.pairs:
        pairs = sorted([f.rule, f.focus_iri] for f in found_list)
        args.pairs.write_text(json.dumps({"skipped": args.skip, "pairs": pairs}, indent=1) + "\n", encoding="utf-8")
    triples = len(model.store)
    total = sum(s[1] for s in STAGES)
    print(f"{args.model}: {sum(u.count for u in model.usage()):,} triples in the file, {triples:,} in the store; "
          f"{len(org.bodies):,} bodies; "
          f"{len(found_list)} findings; {len(chosen)} rules")
    print(f"{'stage':<78} {'cpu s':>8} {'wall s':>8} {'share':>6} {'peak MiB':>9}")
    for name, cpu, wall, peak in STAGES:
        print(f"{name:<78} {cpu:8.2f} {wall:8.2f} {cpu / total:6.1%} {peak:9.0f}")
    print(f"{'total':<78} {total:8.2f}")
    print("slowest rules (wall s; queries run in a worker thread, so wall is the query's time):")
    for wall, _cpu, rid, n in sorted(per_rule, reverse=True)[: args.top]:
        print(f"  {wall:8.3f}  {rid}  ({n} results)")


if __name__ == "__main__":
    main()
