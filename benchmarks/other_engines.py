"""Run every rule fixture on independent SHACL engines and compare their results with pySHACL's.

    python benchmarks/other_engines.py [--engine NAME ...] [--rule ID ...] [--models] [--format text|markdown]
                                       [--keep DIR] [--shapes-dir DIR] [--no-controls]

Install the engines with ``pip install -e '.[engines]'`` (pyshifty, pyshacl-turbo; pyrudof is run
too when installed with ``pip install pyrudof``); an engine that is not installed is named and left
out. For each rule and each of its fixtures (``tests/fixtures/rules/<ID>/fires.ttl`` and
``passes.ttl``) every engine gets exactly what govgraph hands pySHACL: one data graph (vocabulary +
reference data + the fixture + the scope triples ``?scenario gg:includesBody ?body`` for the bodies
in force and the checked day as ``gg:effectiveDate``), written as N-Triples, and the shapes graph of
that one rule (``catalogue.shapes_graph([rule])``, i.e. the rule plus every constraint component),
written as Turtle. Both are handed to the engine as files, the way its command line would read them.

Compared with pySHACL (``govgraph.check.run(..., engine="pyshacl")``), per fixture:

- fires: whether the engine reports any result, as pySHACL does (a fires.ttl must fire);
- focus/shape: the set of (focus node, source shape) pairs;
- results: the full SHACL result key (source shape, focus, component, severity, value, path).

The verdict is ``agree`` when fires and focus/shape agree (``agree*`` when the full keys differ
too — the detail column says how), ``disagree`` otherwise, and ``refused`` when the engine cannot
run the rule (the detail column has its error text). Then the controls: shapes files in
``tests/fixtures/other-engines/`` written in non-standard forms pySHACL accepts (``BIND … AS ?value``
after a nested SELECT projecting ``$value``; ``$value`` read in a SELECT validator), which an engine
that follows the spec must refuse or answer differently — they show the comparison can tell.
``--models`` also compares the bundled scenarios and examples (``data/scenarios``, ``data/examples``),
each with the rules in force on its date. Exit 0 when every engine agrees on every rule fixture (and
model), 1 when any disagrees or refuses, 2 when no engine is installed.

Not part of the default test suite; ``pytest -m slow tests/test_other_engines.py`` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import SH  # noqa: E402

from govgraph import load  # noqa: E402
from govgraph.check import IMPLICIT_SCENARIO, Catalogue, Rule, load_catalogue, run, scope_triples  # noqa: E402
from govgraph.check.reference import results_of, run_pyshacl  # noqa: E402
from govgraph.model import organization  # noqa: E402
from govgraph.vocab import GG  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
#: The day a fixture is checked on when it names no gg:effectiveDate (as in tests/test_engine_equality.py).
DEFAULT_DAY = dt.date(2022, 10, 1)

Key = tuple[str, str, str, str, str, str]


class EngineRefused(Exception):
    """The engine could not run the shapes; the text is its own error (first line)."""


# ------------------------------------------------------------------ the engines


@dataclass(frozen=True)
class Engine:
    """An external SHACL engine: its PyPI distribution, the module it is imported as, and how to run it."""

    name: str
    distribution: str
    module: str
    validate: Callable[[Path, Path], Graph]
    install: str = "pip install -e '.[engines]'"

    def installed(self) -> bool:
        try:
            __import__(self.module)
        except ImportError:
            return False
        return True

    @property
    def version(self) -> str:
        return importlib.metadata.version(self.distribution)


def _pyshifty(data: Path, shapes: Path) -> Graph:
    """pyshifty (shifty, Rust): SHACL-AF rules applied as pySHACL's ``advanced`` does; a construct it
    does not support is an error (``on_unsupported="error"``), not a silent pass; its diagnostics
    (a constraint that could not execute) are refusals too."""
    import shifty

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _conforms, report, _text = shifty.validate(data, shapes, infer=True, on_unsupported="error")
        except Exception as error:  # noqa: BLE001 - the engine's own exception types; its text is the reason
            raise EngineRefused(_first_line(error)) from None
    problems = [str(w.message) for w in caught if issubclass(w.category, shifty.ShaclDiagnosticWarning)]
    if problems:
        raise EngineRefused(_first_line(problems[0]))
    return report


def _pyshacl_turbo(data: Path, shapes: Path) -> Graph:
    """pyshacl-turbo (Rust, pySHACL's Python API): the options govgraph gives pySHACL."""
    import pyshacl_turbo

    try:
        _conforms, report, _text = pyshacl_turbo.validate(
            str(data), shacl_graph=str(shapes), data_graph_format="nt", shacl_graph_format="turtle",
            inference="none", advanced=True, allow_warnings=True, allow_infos=True, do_owl_imports=False)
    except Exception as error:  # noqa: BLE001 - as above
        raise EngineRefused(_first_line(error)) from None
    if not isinstance(report, Graph):  # like pySHACL, it returns its ValidationFailure instead of raising it
        raise EngineRefused(_first_line(report))
    return report


def _pyrudof(data: Path, shapes: Path) -> Graph:
    """pyrudof (rudof, Rust): its native SHACL engine, inputs read strictly, results as a Turtle report."""
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    try:
        rudof.read_data(str(data), format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
        rudof.read_shacl(str(shapes), reader_mode=pyrudof.ReaderMode.Strict)
        rudof.validate_shacl()
        report = rudof.serialize_shacl_validation_results(format=pyrudof.ResultShaclValidationFormat.Turtle)
    except pyrudof.RudofError as error:
        raise EngineRefused(_first_line(error)) from None
    return Graph().parse(data=report, format="turtle")


#: pyshifty and pyshacl-turbo are the extra ``engines``; pyrudof runs when installed (``pip install
#: pyrudof``) and is not in the extra: it passes every rule written with a SPARQL-based constraint
#: component without a word (see README "Other SHACL engines").
ENGINES = (
    Engine("pyshifty", "pyshifty", "shifty", _pyshifty),
    Engine("pyshacl-turbo", "pyshacl-turbo", "pyshacl_turbo", _pyshacl_turbo),
    Engine("pyrudof", "pyrudof", "pyrudof", _pyrudof, install="pip install pyrudof"),
)


def from_components(keys: Iterable[Key]) -> bool:
    """Whether any of these results comes from a SPARQL-based constraint component (one not in ``sh:``)."""
    return any(k[2] and not k[2].startswith(str(SH)) for k in keys)


def _first_line(error: object) -> str:
    """The engine's error, first line; when it lists several problems ("a; [error] b; [error] c", in
    no fixed order), the first of them sorted and how many more, so the output is the same every run."""
    lines = str(getattr(error, "message", "") or error).strip().splitlines()
    line = lines[0] if lines else type(error).__name__
    head, sep, rest = line.partition("[error] ")
    if not sep:
        return line
    problems = sorted(p.strip().rstrip(";").strip() for p in rest.split("; [error] "))
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{head}[error] {problems[0]}{more}"


# ------------------------------------------------------------------ one fixture, as pySHACL sees it


@dataclass(frozen=True)
class Case:
    """One rule fixture (or control) written out as an external engine reads it, with pySHACL's results."""

    name: str  # RULE-ID/fires, RULE-ID/passes, control/NAME
    data: Path
    shapes: Path
    reference: frozenset[Key]


def prepare(catalogue: Catalogue, rule: Rule | None, fixture: Path, folder: Path) -> Case:
    """Write the data graph (N-Triples) and the shapes graph of ``rule`` (Turtle; ``None``: of every rule in
    force on the model's date) into ``folder``, with pySHACL's results as govgraph gets them
    (``govgraph.check.run(..., engine="pyshacl")``)."""
    model = load([fixture])
    org = organization(model)
    day = org.date or DEFAULT_DAY
    bodies = tuple(b.iri for b in org.on(day))
    scenario = org.scenario.iri or IMPLICIT_SCENARIO
    chosen = [rule] if rule is not None else list(catalogue.select(day, []))
    reference = frozenset(r.key() for r in run(model, catalogue, chosen, scenario, bodies, day, engine="pyshacl"))
    # The same data graph govgraph.check.run hands pySHACL: the checked day replaces the scenario's own date.
    data = Graph()
    data += model.graph
    for old in list(data.objects(scenario, GG.effectiveDate)):
        if old != Literal(day):
            data.remove((scenario, GG.effectiveDate, old))
    for triple in scope_triples(scenario, bodies, day):
        data.add(triple)
    name = f"{rule.id}/{fixture.stem}" if rule is not None else f"model/{fixture.stem}"
    return _written(name, data, catalogue.shapes_graph(chosen)[0], reference, folder)


def _written(name: str, data: Graph, shapes: Graph, reference: frozenset[Key], folder: Path) -> Case:
    folder.mkdir(parents=True, exist_ok=True)
    stem = name.replace("/", ".")
    data_path, shapes_path = folder / f"{stem}.data.nt", folder / f"{stem}.shapes.ttl"
    data.serialize(data_path, format="nt", encoding="utf-8")
    shapes.serialize(shapes_path, format="turtle", encoding="utf-8")
    return Case(name, data_path, shapes_path, reference)


#: Non-standard forms pySHACL accepts, each a shapes file of its own, run on one rule fixture: an engine
#: that follows the spec refuses them or finds other results. They show the comparison can tell.
CONTROLS = {name: ROOT / "tests" / "fixtures" / "other-engines" / f"{name}.ttl"
            for name in ("bind-as-value", "select-value")}
CONTROL_DATA = FIXTURES / "DK22-LOC-PARITY" / "fires.ttl"


def prepare_control(name: str, shapes_file: Path, folder: Path) -> Case:
    """A control: its shapes file on :data:`CONTROL_DATA` (the model as loaded: vocabulary, reference data,
    fixture), with pySHACL's results (run directly on the file, not through govgraph's catalogue)."""
    data = load([CONTROL_DATA]).graph
    shapes = Graph().parse(shapes_file, format="turtle")
    reference = frozenset(r.key() for r in run_pyshacl(data, shapes, ()))
    return _written(f"control/{name}", data, shapes, reference, folder)


# ------------------------------------------------------------------ comparison


@dataclass(frozen=True)
class Outcome:
    """What one engine gave on one fixture, beside pySHACL."""

    engine: str
    case: str
    reference: frozenset[Key]
    found: frozenset[Key] | None  # None: the engine refused
    reason: str = ""
    seconds: float = 0.0  # the engine's call, reading the two files included

    @property
    def refused(self) -> bool:
        return self.found is None

    @property
    def fires_agree(self) -> bool:
        return self.found is not None and bool(self.found) == bool(self.reference)

    @property
    def focus_shape_agree(self) -> bool:
        return self.found is not None and _focus_shape(self.found) == _focus_shape(self.reference)

    @property
    def results_agree(self) -> bool:
        return self.found is not None and self.found == self.reference

    @property
    def agree(self) -> bool:
        """Fires as pySHACL does, on the same (focus node, source shape) pairs."""
        return self.fires_agree and self.focus_shape_agree

    @property
    def verdict(self) -> str:
        if self.refused:
            return "refused"
        if not self.agree:
            return "disagree"
        return "agree" if self.results_agree else "agree*"

    @property
    def detail(self) -> str:
        if self.found is None:
            return self.reason
        if self.results_agree:
            return ""
        only_engine, only_reference = sorted(self.found - self.reference), sorted(self.reference - self.found)
        parts = []
        if only_engine:
            parts.append(f"only {self.engine}: {_describe(only_engine)}")
        if only_reference:
            parts.append(f"only pySHACL: {_describe(only_reference)}")
        return "; ".join(parts)


def _focus_shape(keys: Iterable[Key]) -> frozenset[tuple[str, str]]:
    return frozenset((k[1], k[0]) for k in keys)


def _short(text: str) -> str:
    """An IRI's local name; a literal's lexical form (``"3 : 2"``)."""
    if text.startswith('"'):
        return text[:text.rindex('"') + 1]
    return text.rstrip(">").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _describe(keys: Sequence[Key]) -> str:
    """A few keys, short: focus (shape, component, value, path)."""
    shown = []
    for shape, focus, component, _severity, value, path in keys[:3]:
        parts = [_short(shape), _short(component)]
        if value:
            parts.append(f"value {_short(value)}")
        if path:  # "path": a complex path (Result.key names no blank node)
            parts.append(f"path {_short(path) if path != 'path' else '(complex)'}")
        shown.append(f"{_short(focus)} ({', '.join(parts)})")
    return ", ".join(shown) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")


def compare(engine: Engine, case: Case) -> Outcome:
    """Run ``engine`` on one prepared fixture and set its results beside pySHACL's."""
    start = time.perf_counter()
    try:
        report = engine.validate(case.data, case.shapes)
    except EngineRefused as refused:
        return Outcome(engine.name, case.name, case.reference, None, str(refused), time.perf_counter() - start)
    seconds = time.perf_counter() - start
    shapes = Graph().parse(case.shapes, format="turtle")
    found = frozenset(r.key() for r in results_of(report, shapes))
    return Outcome(engine.name, case.name, case.reference, found, seconds=seconds)


def fixtures(rule_ids: Sequence[str] = ()) -> list[Path]:
    """Every rule fixture (or those of ``rule_ids``), sorted by rule and fixture."""
    found = sorted(FIXTURES.glob("*/*.ttl"))
    return [p for p in found if not rule_ids or p.parent.name in rule_ids]


#: The bundled scenarios and examples, each checked against every rule in force on its date (``--models``).
MODELS = sorted((ROOT / "data" / "scenarios").glob("*.ttl")) + sorted((ROOT / "data" / "examples").glob("*.ttl"))


def compare_all(engines: Sequence[Engine], paths: Sequence[Path], folder: Path,
                catalogue: Catalogue | None = None, *, models: bool = False) -> list[Outcome]:
    """Every engine on every rule fixture in ``paths`` with its rule (``models``: on every model with the
    rules in force on its date); the files are written under ``folder``."""
    catalogue = catalogue or load_catalogue()
    outcomes = []
    for path in paths:
        case = prepare(catalogue, None if models else catalogue.get(path.parent.name), path, folder)
        outcomes += [compare(engine, case) for engine in engines]
    return outcomes


def run_controls(engines: Sequence[Engine], folder: Path) -> list[Outcome]:
    """Every engine on every control (see :data:`CONTROLS`)."""
    outcomes = []
    for name, shapes_file in CONTROLS.items():
        case = prepare_control(name, shapes_file, folder)
        outcomes += [compare(engine, case) for engine in engines]
    return outcomes


# ------------------------------------------------------------------ output


def table(outcomes: Sequence[Outcome], markdown: bool = False) -> str:
    """One row per engine × case: fixture (or model), engine, result counts, verdict, detail."""
    header = ("fixture", "engine", "pySHACL", "engine results", "verdict", "detail")
    rows = [(o.case, o.engine, str(len(o.reference)), "-" if o.found is None else str(len(o.found)), o.verdict,
             o.detail) for o in outcomes]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
                     for row in [header, *rows]).rstrip()


def summary(outcomes: Sequence[Outcome], *, models: bool = False) -> str:
    """Per engine: fixtures and rules agreeing (``models``: models agreeing), and what does not (with why)."""
    lines = []
    for engine in sorted({o.engine for o in outcomes}):
        mine = [o for o in outcomes if o.engine == engine]
        what = "models" if models else "fixtures"
        line = (f"{engine}: {sum(o.agree for o in mine)}/{len(mine)} {what} agree by focus/shape and firing "
                f"({sum(o.results_agree for o in mine)}/{len(mine)} on every result field)")
        groups = {o.case.split("/")[-1] if models else o.case.split("/")[0] for o in mine}
        bad = sorted({o.case.split("/")[-1] if models else o.case.split("/")[0] for o in mine if not o.agree})
        if not models:
            line += f"; {len(groups) - len(bad)}/{len(groups)} rules agree on both their fixtures"
        lines.append(f"{line}; {sum(o.seconds for o in mine):.1f} s in the engine")
        for group in bad:
            why = sorted({(f"{o.case.split('/')[1]}: " if not models else "") + o.verdict
                          + (f" ({o.detail})" if o.detail else "")
                          for o in mine if o.case.split("/")[-1 if models else 0] == group and not o.agree})
            lines.append(f"  {group}: " + "; ".join(why))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=[e.name for e in ENGINES],
                        help="engine to run (repeatable; default: every installed one)")
    parser.add_argument("--rule", action="append", default=[], help="rule id (repeatable; default: every rule)")
    parser.add_argument("--models", action="store_true",
                        help="also compare the bundled scenarios and examples, with the rules in force on their date")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("--keep", type=Path, help="write the data and shapes files here (default: a temp folder)")
    parser.add_argument("--shapes-dir", type=Path,
                        help="a rules folder in place of the bundled shapes/ (e.g. an older version of it)")
    parser.add_argument("--no-controls", action="store_true", help="leave out the non-standard controls")
    args = parser.parse_args(argv)
    wanted = [e for e in ENGINES if not args.engine or e.name in args.engine]
    engines = [e for e in wanted if e.installed()]
    import pyshacl

    print(f"reference: pySHACL {pyshacl.__version__}")
    for engine in wanted:
        print(f"{engine.name}: " + (f"{engine.version}" if engine in engines else
                                    f"not installed ({engine.install}); left out"))
    if not engines:
        return 2
    catalogue = load_catalogue(shapes_dir=args.shapes_dir)
    ids = {r.id for r in catalogue.rules}
    paths = [p for p in fixtures(args.rule) if p.parent.name in ids]
    with tempfile.TemporaryDirectory(prefix="govgraph-engines-") as temp:
        folder = args.keep or Path(temp)
        outcomes = compare_all(engines, paths, folder, catalogue)
        on_models = compare_all(engines, MODELS, folder, catalogue, models=True) if args.models else []
        controls = [] if args.no_controls else run_controls(engines, folder)
    markdown = args.format == "markdown"
    print()
    print(table(outcomes, markdown))
    print()
    print(summary(outcomes))
    if on_models:
        print()
        print("Bundled models, with the rules in force on their date")
        print(table(on_models, markdown))
        print()
        print(summary(on_models, models=True))
    if controls:
        print()
        print("Controls: non-standard forms pySHACL accepts; an engine that follows the spec refuses them or differs")
        print(table(controls, markdown))
    return 0 if all(o.agree for o in [*outcomes, *on_models]) else 1


if __name__ == "__main__":
    sys.exit(main())
