"""Graph comparison for tests: isomorphism, with the difference printed on failure (rdflib's habit)."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Fail with the triples only in one graph or only in the other."""
    a, b = to_isomorphic(expected), to_isomorphic(actual)
    if a != b:
        _, only_expected, only_actual = graph_diff(a, b)
        pytest.fail("graphs differ\nonly in the expected graph:\n" + only_expected.serialize(format="nt")
                    + "\nonly in the actual graph:\n" + only_actual.serialize(format="nt"))
