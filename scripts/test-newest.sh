#!/usr/bin/env bash
# The engine-equality tests against the newest pySHACL, rdflib and pyoxigraph on PyPI, whatever
# pyproject.toml pins: run before widening a pin. Uses its own virtual environment (.venv-newest).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-newest
.venv-newest/bin/python -m pip install -q --upgrade pip
.venv-newest/bin/python -m pip install -q --no-deps -e .
.venv-newest/bin/python -m pip install -q --upgrade pyshacl rdflib pyoxigraph networkx typer graphviz openpyxl PyYAML \
    pytest hypothesis
.venv-newest/bin/python -m pip list 2>/dev/null | grep -iE '^(pyshacl|rdflib|pyoxigraph) '
.venv-newest/bin/python -m pytest -q tests/test_engine_equality.py tests/test_rule_fixtures.py tests/test_rule_standard.py "$@"
