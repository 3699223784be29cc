"""Rules bind where they were decided: North Jutland's local decisions do not bind another region."""

from __future__ import annotations

from conftest import FIXTURES
from govgraph import load
from govgraph.rules import load_catalogue
from govgraph.validate import validate

OTHER = FIXTURES / "other-region"


def _rules(report) -> list[str]:
    return sorted(f.rule for f in report.findings)


def test_local_decisions_carry_north_jutland_as_jurisdiction() -> None:
    catalogue = load_catalogue()
    by_set = {r.rule_set: r.jurisdiction for r in catalogue.rules}
    assert str(by_set["dk-2022-local"]).endswith("/region-nordjylland")
    assert str(by_set["dk-2021"]).endswith("/region-nordjylland")
    assert by_set["dk-2022-law"] is None and by_set["dk-2022-agreement"] is None and by_set["core"] is None


def test_another_regions_cluster_is_held_to_law_and_agreement_not_to_north_jutlands_parity(run) -> None:
    model = load([OTHER / "klynge-horsens-2022.ttl"], context=[OTHER / "midtjylland.ttl"])
    report = validate(model)
    # 4 regional against 2 mayors: North Jutland's parity would fire, but it binds North Jutland only.
    assert "DK22-LOC-PARITY" not in _rules(report)
    assert _rules(report) == ["DK22-AGR-PHC-PATIENT-INVOLVEMENT", "DK22-AGR-PHC-REGIONAL"]
    result = run("validate", OTHER / "klynge-horsens-2022.ttl", "--context", OTHER / "midtjylland.ttl")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_the_same_composition_in_north_jutland_breaks_parity() -> None:
    # Without the jurisdiction check the rule would fire here too: prove it does fire on a NJ cluster.
    report = validate(load([FIXTURES / "rules" / "DK22-LOC-PARITY" / "fires.ttl"]))
    assert "DK22-LOC-PARITY" in _rules(report)


def test_context_files_are_not_part_of_the_model(run) -> None:
    result = run("info", OTHER / "klynge-horsens-2022.ttl", "--context", OTHER / "midtjylland.ttl")
    assert result.exit_code == 0
    assert "Political Health Cluster Horsens" in result.stdout
    assert "Horsens Municipality 1" in result.stdout  # labels come from the context file
    assert "Totals: bodies 1," in result.stdout


def test_the_law_asks_for_the_regions_own_psychiatry_not_north_jutlands() -> None:
    model = load([OTHER / "adm-klynge-horsens-2022.ttl"], context=[OTHER / "midtjylland.ttl"])
    assert _rules(validate(model)) == []


def test_without_a_psychiatry_seat_the_law_rule_fires_in_another_region_too(tmp_path) -> None:
    text = (OTHER / "adm-klynge-horsens-2022.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "no-psychiatry.ttl"
    broken.write_text(text.replace("gg:represents rm:psykiatrien", "gg:represents rm:hospitalsenhed-midt"),
                      encoding="utf-8")
    report = validate(load([broken], context=[OTHER / "midtjylland.ttl"]))
    assert _rules(report) == ["DK22-LAW-AHC-PSYCHIATRY"]
