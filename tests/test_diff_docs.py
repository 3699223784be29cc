"""The diff examples in docs/ are what the command gives today (regenerate: scripts/make-diff-docs.sh)."""

from __future__ import annotations

from conftest import ROOT, SCENARIOS


def test_docs_diff_examples_are_current(run, tmp_path):
    old, new = SCENARIOS / "nordjylland-2021.ttl", SCENARIOS / "nordjylland-2022.ttl"
    for name, extra in (("diff-2021-2022.md", ("--by-kind",)), ("diff-2021-2022.svg", ())):
        out = tmp_path / name
        result = run("diff", old, new, *extra, "--lang", "da", "-o", out)
        assert result.exit_code == 0, result.stderr
        assert out.read_bytes() == (ROOT / "docs" / name).read_bytes(), f"docs/{name} is stale: run scripts/make-diff-docs.sh"
