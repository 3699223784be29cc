"""Independent SHACL engines from PyPI give pySHACL's results (``-m slow``).

Runs ``benchmarks/other_engines.py`` in-process: each installed engine (pyshifty, pyshacl-turbo:
``pip install -e '.[engines]'``; pyrudof when installed) gets the data graph and shapes graph
govgraph hands pySHACL and must give the same SHACL results (source shape, focus, component,
severity, value, path): on every rule fixture with its rule, and on every bundled scenario and
example with the rules in force on its date. An engine that is not installed is skipped with the
command that installs it. The controls (non-standard forms pySHACL accepts) show that the
comparison tells a refusal or a different reading apart from agreement.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("other_engines", ROOT / "benchmarks" / "other_engines.py")
assert _SPEC is not None and _SPEC.loader is not None
other_engines = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = other_engines  # dataclasses look their module up by name
_SPEC.loader.exec_module(other_engines)

FIXTURES = other_engines.fixtures()
ENGINES = [pytest.param(e, id=e.name, marks=pytest.mark.skipif(
    not e.installed(), reason=f"{e.distribution} is not installed ({e.install})"))
    for e in other_engines.ENGINES]

pytestmark = pytest.mark.slow

#: Engines known not to run part of SHACL: their fires fixtures of such rules are xfail (strict, so a
#: release that closes the gap is noticed).
KNOWN_GAPS = {
    "pyrudof": "pyrudof 0.3.35 passes every rule written with a SPARQL-based constraint component "
               "without a word (no result, no diagnostic)",
}

_CASES: dict[str, object] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("other-engines")


def _case(path: Path, folder: Path, *, model: bool = False):  # noqa: ANN202 - other_engines.Case
    """pySHACL runs once per fixture or model, whichever engines are compared with it."""
    if str(path) not in _CASES:
        catalogue = _CASES.setdefault("catalogue", other_engines.load_catalogue())
        rule = None if model else catalogue.get(path.parent.name)
        _CASES[str(path)] = other_engines.prepare(catalogue, rule, path, folder)
    return _CASES[str(path)]


def _known_gap(engine, case, request) -> None:  # noqa: ANN001
    """Strict xfail where pySHACL's results come from a SPARQL-based component an engine is known to skip."""
    if engine.name in KNOWN_GAPS and other_engines.from_components(case.reference):
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[engine.name], strict=True))


def test_every_rule_has_both_fixtures() -> None:
    rules = {p.parent.name for p in FIXTURES}
    assert rules and {f"{r}/{s}" for r in rules for s in ("fires", "passes")} == \
        {f"{p.parent.name}/{p.stem}" for p in FIXTURES}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_rule_fixture_gives_pyshacls_results(engine, path: Path, folder: Path, request) -> None:  # noqa: ANN001
    case = _case(path, folder)
    _known_gap(engine, case, request)
    outcome = other_engines.compare(engine, case)
    assert outcome.verdict == "agree", f"{outcome.verdict}: {outcome.detail}"
    if path.stem == "fires":
        assert outcome.found, "a fires.ttl gives a result on the engine too"
    else:
        assert not outcome.found, "a passes.ttl gives no result on the engine either"


MODELS = other_engines.MODELS


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_bundled_model_gives_pyshacls_results(engine, path: Path, folder: Path, request) -> None:  # noqa: ANN001
    """Every bundled scenario and example with the rules in force on its date."""
    case = _case(path, folder, model=True)
    _known_gap(engine, case, request)
    outcome = other_engines.compare(engine, case)
    assert outcome.verdict == "agree", f"{outcome.verdict}: {outcome.detail}"


@pytest.mark.parametrize("engine", ENGINES)
def test_bind_as_a_prebound_variable_is_refused(engine, folder: Path) -> None:  # noqa: ANN001
    """``BIND (… AS ?value)`` after a nested SELECT projecting $value: pySHACL runs it, the spec forbids it."""
    case = other_engines.prepare_control("bind-as-value", other_engines.CONTROLS["bind-as-value"], folder)
    outcome = other_engines.compare(engine, case)
    assert case.reference, "pySHACL runs the control and it fires"
    assert not outcome.agree
    if engine.name not in KNOWN_GAPS:  # an engine that runs components at all must refuse this one
        assert outcome.refused and "expected" in outcome.reason


@pytest.mark.parametrize("engine", ENGINES)
def test_value_read_in_a_select_validator_means_something_else(engine, folder: Path) -> None:  # noqa: ANN001
    """$value in a SELECT validator: pySHACL pre-binds it to each value node, the spec does not."""
    case = other_engines.prepare_control("select-value", other_engines.CONTROLS["select-value"], folder)
    outcome = other_engines.compare(engine, case)
    assert len(case.reference) == 3, "pySHACL reports the three seats without a vote"
    assert outcome.verdict == "disagree" and outcome.found == frozenset()
