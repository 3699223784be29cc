"""Many bodies at once (issue 13, item 5): validate, draw and compare all councils of a region or of
Denmark in one run, reported per body and per region.

Fixtures: the bundled example (data/examples/councils-2027/, two councils in two regions on the bundled
areas dk:omraade-horsens and dk:omraade-fyn), North Jutland's 2027 scenario, and all of Denmark in 2027
generated from the reference data (tests/national.py: one council for each of the 17 bundled
health-council areas, in the four regions of 2027; bundled as data/examples/denmark-2027/).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rdflib import Graph, URIRef

from conftest import DATA, ROOT, SCENARIOS
from national import areas, file_name, write_national

EXAMPLE = DATA / "examples" / "councils-2027"
DENMARK = DATA / "examples" / "denmark-2027"
DK = "https://w3id.org/govgraph/denmark/"
NJ = "https://w3id.org/govgraph/nordjylland/"
BROKEN = frozenset({"kronjylland", "nordsjaelland"})  # one in Region Midtjylland, one in Region Østdanmark
#: The regions of 2027 in report order (by Danish name, Ø last) and their councils.
REGIONS = {"Central Denmark Region": 5, "North Denmark Region": 2, "Region of Southern Denmark": 4,
           "Region East Denmark": 6}


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # relative paths in the output, so the golden files do not depend on the checkout


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    for name in ("denmark.ttl", "nordjylland.ttl"):
        graph.parse(DATA / "reference" / name)
    return graph


@pytest.fixture
def national(tmp_path, reference):
    """17 councils, a file each, two of them without their area's last municipality."""
    return write_national(tmp_path / "councils", reference, BROKEN)


# ------------------------------------------------------------------ regions of bodies


def test_a_body_lies_in_its_areas_region_and_a_merged_region_gives_way_to_its_successor() -> None:
    from govgraph.load import load
    from govgraph.regions import region_of

    graph = load([SCENARIOS / "nordjylland-2027.ttl"]).graph
    day = dt.date(2027, 1, 1)
    region = URIRef(NJ + "region-nordjylland")
    assert region_of(graph, URIRef(NJ + "sundhedsraad-vendsyssel"), day) == region  # its area's gg:region
    assert region_of(graph, URIRef(NJ + "regionsraadet"), day) == region  # org:subOrganizationOf the region
    # A Capital Region cluster: in Region Hovedstaden in 2022, in Region Østdanmark after the merger.
    assert region_of(graph, URIRef(DK + "klynge-byen"), dt.date(2022, 10, 1)) == URIRef(DK + "region-hovedstaden")
    assert region_of(graph, URIRef(DK + "klynge-byen"), day) == URIRef(DK + "region-oestdanmark")


def test_a_region_is_named_by_label_short_name_or_id_and_a_wrong_name_gets_the_closest(reference) -> None:
    from govgraph.errors import UsageError
    from govgraph.regions import resolve_region

    for name in ("Midtjylland", "region midtjylland", "Central Denmark Region", "region-midtjylland"):
        assert resolve_region([reference], name) == URIRef(DK + "region-midtjylland")
    with pytest.raises(UsageError) as error:
        resolve_region([reference], "Midtjyland")
    assert "'Midtjylland'" in str(error.value) and "mente du" in error.value.text("da")


# ------------------------------------------------------------------ validate


def test_validate_a_folder_groups_the_findings_per_region_and_body(run, national) -> None:
    files, made = national
    result = run("validate", files[0].parent, "--format", "json")
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    expected: dict[str, list[int]] = {}
    for ident, region, _members in made:
        counts = expected.setdefault(region, [0, 0])
        counts[0] += 1
        counts[1] += ident in BROKEN
    assert {r["region_iri"]: [r["bodies"], r["counts"]["violation"]] for r in document["regions"]} == expected
    assert [r["region"] for r in document["regions"]] == list(REGIONS)  # by Danish name: Ø last
    assert [r["bodies"] for r in document["regions"]] == list(REGIONS.values())
    assert document["bodies_checked"] == len(made) == 17 and len(document["models"]) == 17
    files = {file_name(i, r): i for i, r, _ in made}
    broken = {files[b["model"].rsplit("/", 1)[-1]] for b in document["bodies"] if b["counts"]["violation"]}
    assert broken == BROKEN
    assert {(f["rule"], f["region"]) for f in document["findings"]} == {
        ("DK27-HC-MUNICIPALITIES", "Central Denmark Region"), ("DK27-HC-MUNICIPALITIES", "Region East Denmark")}


def test_one_national_file_is_grouped_by_region_as_well(run, tmp_path, reference) -> None:
    files, made = write_national(tmp_path, reference, BROKEN, one_file=True)
    result = run("validate", files[0])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    names = list(REGIONS)
    assert [line for line in lines if line in names] == names  # one heading each, in order
    table = {line.rsplit(None, 4)[0]: line.split()[-4:] for line in lines if line.endswith(("0", "1")) and "  " in line
             and not line.startswith(" ")}
    assert table["Region East Denmark"] == ["6", "1", "0", "0"] and table["All"] == ["17", "2", "0", "0"]
    assert table["North Denmark Region"] == ["2", "0", "0", "0"]
    assert lines[-1] == "17 bodies checked, 2 violations, 0 warnings, 0 info"


def test_region_keeps_one_regions_bodies_and_follows_the_merger(run, national) -> None:
    files, _made = national
    folder = files[0].parent
    south = run("validate", folder, "--region", "Syddanmark", "-f", "json")
    assert south.exit_code == 0  # the broken councils lie in other regions
    assert {b["region"] for b in json.loads(south.stdout)["bodies"]} == {"Region of Southern Denmark"}
    # The Capital Region ended on 31 December 2026: on 2027 dates it means Region Østdanmark.
    east = json.loads(run("validate", folder, "--region", "Hovedstaden", "-f", "json").stdout)
    assert east["bodies_checked"] == 6 and {r["region"] for r in east["regions"]} == {"Region East Denmark"}


def test_several_files_with_each_and_the_exit_code_follows_fail_on(run) -> None:
    both = ("validate", "--each", SCENARIOS / "nordjylland-2027.ttl", EXAMPLE / "midtjylland-horsens.ttl")
    assert run(*both).exit_code == 0
    assert run("validate", EXAMPLE).exit_code == 1  # Funen leaves out Ærø
    assert run("validate", EXAMPLE, "--region", "Midtjylland").exit_code == 0


def test_without_each_two_scenarios_are_still_one_model_and_refused(run) -> None:
    result = run("validate", SCENARIOS / "nordjylland-2022.ttl", SCENARIOS / "nordjylland-2027.ttl")
    assert result.exit_code == 2 and "more than one scenario" in result.stderr


@pytest.mark.parametrize("fmt,lang,ext", [("text", "en", "txt"), ("text", "da", "txt"), ("json", "en", "json"),
                                          ("markdown", "da", "md")])
def test_validate_many_output_matches_its_golden_file(run, golden, fmt, lang, ext) -> None:
    result = run("validate", "--each", "data/scenarios/nordjylland-2027.ttl", "data/examples/councils-2027",
                 "--format", fmt, "--lang", lang)
    assert result.exit_code == 1, result.stderr
    golden(result.stdout, f"many/validate.{lang}.{ext}")


def test_one_bad_file_among_many_stops_the_run_on_one_line_and_writes_nothing(run, national, tmp_path) -> None:
    files, _made = national
    files[4].write_text(files[4].read_text(encoding="utf-8").replace("gg:votingRight true .", "gg:votingRight tru .", 1),
                        encoding="utf-8")
    out = tmp_path / "report.json"
    result = run("validate", files[0].parent, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and str(files[4]) in result.stderr and "Traceback" not in result.stderr
    charts = tmp_path / "charts"
    assert run("draw", files[0].parent, "--per-area", "-o", charts).exit_code == 2
    assert not charts.exists()


def test_a_folder_without_model_files_and_an_unknown_region_are_usage_errors(run, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    empty = run("validate", tmp_path, "--lang", "da")
    assert empty.exit_code == 2 and "er en mappe uden modelfiler" in empty.stderr
    wrong = run("validate", EXAMPLE, "--region", "Sydanmark")
    assert wrong.exit_code == 2 and "did you mean 'Syddanmark'" in wrong.stderr


# ------------------------------------------------------------------ draw


def test_draw_per_area_writes_one_chart_per_area_and_an_index(run, golden, tmp_path) -> None:
    out = tmp_path / "charts"
    result = run("draw", "--each", "data/scenarios/nordjylland-2027.ttl", "data/examples/councils-2027",
                 "--per-area", "-o", out, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "index.md", "midtjylland-horsens--omraade-horsens.svg",
        "nordjylland-2027--no-area.svg", "nordjylland-2027--omraade-limfjorden.svg",
        "nordjylland-2027--omraade-vendsyssel.svg", "syddanmark-fyn--omraade-fyn.svg"]
    golden((out / "index.md").read_text(encoding="utf-8"), "many/draw-index.da.md")
    golden((out / "syddanmark-fyn--omraade-fyn.svg").read_bytes(), "many/draw-fyn.da.svg")
    again = tmp_path / "again"
    run("draw", "--each", "data/scenarios/nordjylland-2027.ttl", "data/examples/councils-2027",
        "--per-area", "-o", again, "--lang", "da")
    assert all((again / p.name).read_bytes() == p.read_bytes() for p in out.iterdir())  # byte-identical


def test_draw_per_area_of_one_region_and_in_text(run, national, tmp_path) -> None:
    files, made = national
    out = tmp_path / "midt"
    result = run("draw", files[0].parent, "--per-area", "--region", "Midtjylland",
                 "-f", "text", "-o", out)
    assert result.exit_code == 0, result.stderr
    midt = sorted(f"{file_name(i, r)[:-4]}--omraade-{i}.txt" for i, r, _ in made if r.endswith("midtjylland"))
    assert len(midt) == 5 and sorted(p.name for p in out.iterdir()) == sorted(["index.md", *midt])
    assert "Aarhus health council (generated)" in (out / midt[0]).read_text(encoding="utf-8")
    every = tmp_path / "denmark"
    assert run("draw", files[0].parent, "--per-area", "-f", "text", "-o", every).exit_code == 0
    assert len(list(every.glob("*.txt"))) == 17  # one chart per council area of 2027
    index = (every / "index.md").read_text(encoding="utf-8")
    assert index.count("| Region East Denmark |") == 6 and index.count("| North Denmark Region |") == 2


def test_draw_per_area_refuses_a_file_an_input_folder_and_a_missing_per_area(run, tmp_path) -> None:
    refused = run("draw", EXAMPLE, "--per-area", "-o", tmp_path / "chart.svg")
    assert refused.exit_code == 2 and "-o FOLDER" in refused.stderr
    into_input = run("draw", EXAMPLE, "--per-area", "-o", EXAMPLE)
    assert into_input.exit_code == 2 and "input" in into_input.stderr
    assert sorted(p.name for p in EXAMPLE.iterdir()) == ["midtjylland-horsens.ttl", "syddanmark-fyn.ttl"]
    without = run("draw", EXAMPLE, "-o", tmp_path / "x.svg", "--lang", "da")
    assert without.exit_code == 2 and "tilføj --per-area" in without.stderr


# ------------------------------------------------------------------ compare


def test_compare_by_body_matches_its_golden_file(run, golden) -> None:
    for fmt, lang, ext in (("text", "en", "txt"), ("markdown", "da", "md"), ("csv", "da", "csv")):
        result = run("compare", "--by-body", "data/scenarios/nordjylland-2027.ttl", "data/examples/councils-2027",
                     "--format", fmt, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        golden(result.stdout, f"many/compare-by-body.{lang}.{ext}")


def test_compare_by_body_gives_the_figures_the_rules_in_force_ask_of_each_body(run, national) -> None:
    files, made = national
    result = run("compare", "--by-body", files[0].parent, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    rows = {b["iri"]: b for b in document["bodies"]}
    for ident, region, members in made:
        row = rows[f"https://example.org/denmark-2027/sundhedsraad-{ident}"]
        assert row["region_iri"] == region
        seats = len(members) - (ident in BROKEN)
        assert row["voting"] == {"region": len(members) + 1, "municipality": seats, "other": 0}
        assert row["regional_majority"] == {"part": len(members) + 1, "whole": len(members) + 1 + seats, "holds": True}
        assert row["municipalities_with_seat"]["part"] == seats and row["parity"] is None  # no parity rule in 2027
        assert row["findings"]["violation"] == (ident in BROKEN)
    assert [r["bodies"] for r in document["regions"]] == list(REGIONS.values())
    assert all(r["regional_majority"]["part"] == r["bodies"] for r in document["regions"])


def test_compare_by_body_on_2022_asks_parity_of_north_jutlands_clusters_only(run) -> None:
    result = run("compare", "--by-body", SCENARIOS / "nordjylland-2022.ttl",
                 "tests/fixtures/other-region/klynge-horsens-2022.ttl",
                 "--context", "tests/fixtures/other-region/midtjylland.ttl", "-f", "json", "--no-findings")
    assert result.exit_code == 0, result.stderr
    rows = {b["body"]: b for b in json.loads(result.stdout)["bodies"]}
    assert rows["Political Health Cluster Midt"]["parity"] == {"part": 2, "whole": 2, "holds": True}
    assert rows["Political Health Cluster Horsens"]["parity"] is None  # North Jutland's decision binds there only
    assert rows["Political Health Cluster Horsens"]["region"] == "Central Denmark Region"
    assert all(b["findings"] is None and b["regional_majority"] is None for b in rows.values())


def test_compare_a_folder_needs_by_body(run) -> None:
    result = run("compare", EXAMPLE)
    assert result.exit_code == 2 and "--by-body" in result.stderr


def test_the_generated_set_has_a_council_for_each_of_the_17_bundled_areas(reference) -> None:
    made = areas(reference)
    assert len(made) == 17 and len({r for _, r, _ in made}) == 4  # the four regions of 2027
    members = [m for _, _, ms in made for m in ms]
    assert len(members) == len(set(members)) == 96  # Middelfart and Billund lie in no bundled area
    assert {DK + "middelfart", DK + "billund"} & set(members) == set()


def test_the_bundled_denmark_example_is_the_generated_set(tmp_path, reference) -> None:
    """data/examples/denmark-2027/ is what tests/national.py writes (UPDATE_GOLDEN=1 rewrites it)."""
    import os

    files, _made = write_national(tmp_path / "denmark-2027", reference)
    if os.environ.get("UPDATE_GOLDEN"):
        write_national(DENMARK, reference)
    assert sorted(p.name for p in DENMARK.iterdir()) == sorted(p.name for p in files)
    assert all((DENMARK / p.name).read_bytes() == p.read_bytes() for p in files)


def test_the_machine_formats_hold_every_models_findings_at_their_own_file(run) -> None:
    sarif = json.loads(run("validate", EXAMPLE, "-f", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["DK27-HC-MUNICIPALITIES"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("syddanmark-fyn.ttl")
    junit = run("validate", EXAMPLE, "-f", "junit").stdout
    assert "Health Council Horsens (example)" in junit and "Health Council Funen (example)" in junit
