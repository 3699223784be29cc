"""The prepared-query cache changes no result: a query read back from disk answers as a fresh one."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from govgraph import load
from govgraph import sparql_speed
from govgraph.validate import validate

ENGINE = FIXTURES / "engine"


def test_findings_are_the_same_with_a_cold_and_a_warm_disk_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sparql_speed, "_MEMORY", {})
    rules = [str(ENGINE / "shapes" / "engine-rules.ttl")]
    cold = validate(load([ENGINE / "models" / "proposal.ttl"]), rules=rules)
    cached = sorted(sparql_speed.cache_dir().glob("*.pickle"))
    assert len(cached) >= 2  # the parity constraint and the component's validator
    monkeypatch.setattr(sparql_speed, "_MEMORY", {})
    parsed = []
    monkeypatch.setattr(sparql_speed, "prepareQuery", lambda text: parsed.append(text))
    warm = validate(load([ENGINE / "models" / "proposal.ttl"]), rules=rules)
    assert parsed == []  # everything came from the disk cache
    assert warm == cold


def test_prefix_order_does_not_change_the_key() -> None:
    a = "PREFIX b: <urn:b>\nPREFIX a: <urn:a>\nSELECT * WHERE { ?s a:p ?o }"
    b = "PREFIX a: <urn:a>\nPREFIX b: <urn:b>\nSELECT * WHERE { ?s a:p ?o }"
    assert sparql_speed.normalized(a) == sparql_speed.normalized(b)
    twice = "PREFIX a: <urn:x>\nPREFIX a: <urn:a>\nSELECT * WHERE { ?s a:p ?o }"
    assert sparql_speed.normalized(twice) == twice


def test_real_rules_give_the_same_findings_from_the_disk_cache(tmp_path, monkeypatch) -> None:
    from conftest import SCENARIOS

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sparql_speed, "_MEMORY", {})
    cold = validate(load([SCENARIOS / "nordjylland-2022.ttl"]))
    monkeypatch.setattr(sparql_speed, "_MEMORY", {})
    monkeypatch.setattr(sparql_speed, "prepareQuery", lambda text: pytest.fail(f"parsed again: {text[:80]}"))
    warm = validate(load([SCENARIOS / "nordjylland-2022.ttl"]))
    assert cold.findings and warm == cold
