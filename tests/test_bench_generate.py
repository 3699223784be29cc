"""The scale benchmark's generator (benchmarks/generate.py): the same seed gives the same bytes, the
model without planted breaks gives no finding at all, and with them validate reports exactly the
planted (rule id, body) pairs — so a rule or engine change that shifts them shows here first."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from govgraph.load import load
from govgraph.validate import validate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate  # noqa: E402

SMALL = 4_000  # triples: two regions and North Jutland's three clusters


def _write(tmp_path: Path, share: float) -> tuple[Path, dict]:
    text, summary = generate.generate(SMALL, seed=3, share=share)
    path = tmp_path / "model.ttl"
    path.write_text(text, encoding="utf-8")
    return path, summary


def test_same_seed_same_bytes() -> None:
    assert generate.generate(SMALL, seed=3)[0] == generate.generate(SMALL, seed=3)[0]
    assert generate.generate(SMALL, seed=3)[0] != generate.generate(SMALL, seed=4)[0]


def test_without_plants_nothing_is_found(tmp_path: Path) -> None:
    path, summary = _write(tmp_path, share=0)
    report = validate(load([path]))
    assert summary["planted"] == []
    assert report.checked == summary["bodies"]
    assert [(f.rule, f.focus_iri) for f in report.findings] == []


@pytest.mark.parametrize("seed", [3, 5])
def test_validate_finds_exactly_the_planted(tmp_path: Path, seed: int) -> None:
    text, summary = generate.generate(SMALL, seed=seed)
    path = tmp_path / "model.ttl"
    path.write_text(text, encoding="utf-8")
    report = validate(load([path]))
    planted = sorted((p["rule"], p["body"]) for p in summary["planted"])
    assert {p["kind"] for p in summary["planted"]} == set(generate.KINDS)
    assert sorted((f.rule, f.focus_iri) for f in report.findings) == planted


def test_sidecar_is_written_beside_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "m.ttl"
    monkeypatch.setattr(sys, "argv", ["generate.py", "--triples", str(SMALL), "-o", str(out)])
    generate.main()
    summary = json.loads(generate.sidecar(out).read_text(encoding="utf-8"))
    assert summary["triples"] == len(load([out], reference=False).user)
    assert summary["broken_bodies"] == len({p["body"] for p in summary["planted"]})
