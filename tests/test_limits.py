"""The caps of govgraph.limits: defaults, the GOVGRAPH_MAX_* variables, a library override, and the
line a cap gives (which cap, how to raise it, in English and Danish)."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import FIXTURES
from govgraph import limits
from govgraph.errors import UsageError
from govgraph.limits import Limits, LimitError


def test_every_cap_has_a_variable_and_words() -> None:
    for cap in dataclasses.fields(Limits):
        error = limits.exceeded("f.ttl", cap.name)
        assert f"limit {cap.name}" in str(error) and limits.env_name(cap.name) in str(error)
        assert f"grænsen {cap.name}" in error.text("da")
    assert {c.name for c in dataclasses.fields(Limits)} >= {
        "file_bytes", "zip_bytes", "rows", "cells", "yaml_aliases", "depth", "literal_chars", "rule_seconds"}


def test_environment_overrides_and_bad_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_MAX_ROWS", "50_000")
    monkeypatch.setenv("GOVGRAPH_MAX_RULE_SECONDS", "2.5")
    assert limits.current().rows == 50_000 and limits.current().rule_seconds == 2.5
    monkeypatch.setenv("GOVGRAPH_MAX_ROWS", "0")
    with pytest.raises(UsageError, match="rows must be a positive number"):
        limits.current()
    monkeypatch.setenv("GOVGRAPH_MAX_ROWS", "lots")
    with pytest.raises(UsageError, match="GOVGRAPH_MAX_ROWS='lots' is not a number"):
        limits.current()


def test_a_library_caller_sets_its_own_caps() -> None:
    from govgraph.load import load

    with limits.using(Limits(triples=5)):
        with pytest.raises(LimitError) as caught:
            load([FIXTURES / "load" / "ok.ttl"])
    assert caught.value.cap == "triples" and "more than 5 statements" in str(caught.value)
    assert limits.current() == Limits.from_environment()
    load([FIXTURES / "load" / "ok.ttl"])  # the defaults are back


def test_a_limit_error_survives_a_worker() -> None:
    import pickle

    error = limits.exceeded("a.xlsx: sheet Seats, row 9", "rows")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is LimitError and str(again) == str(error) and again.cap == "rows"

