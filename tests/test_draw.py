"""``govgraph draw``: golden DOT and text, real graphviz renders, escaping, determinism, scope, errors."""

from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SCENARIOS

DRAW = FIXTURES / "draw"
LINES = DRAW / "lines.ttl"
SVG = "{http://www.w3.org/2000/svg}"
ERAS = ("2021", "2022", "2027")


def svg_titles(data: bytes) -> dict[str, str]:
    """Element id → <title> text of every node, edge and cluster group of an SVG."""
    root = ET.fromstring(data)
    titles = {}
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if group.get("class") in {"node", "edge", "cluster", "graph"} and title is not None:
            titles[group.get("id")] = title.text or ""
    return titles


def svg_texts(data: bytes) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(data).iter(f"{SVG}text")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ------------------------------------------------------------------ golden


@pytest.mark.parametrize("era", ERAS)
def test_dot_of_the_three_eras(run, golden, era):
    result = run("draw", SCENARIOS / f"nordjylland-{era}.ttl", "--format", "dot")
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, f"draw/nordjylland-{era}.dot")


@pytest.mark.parametrize("detail", ["seats", "members"])
def test_dot_with_seats_and_members(run, golden, detail):
    result = run("draw", SCENARIOS / "nordjylland-2021.ttl", "--format", "dot", "--detail", detail, "--lang", "da")
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, f"draw/nordjylland-2021-{detail}.da.dot")


def test_text_listing(run, golden):
    result = run("draw", LINES, "--format", "text", "--lang", "da")
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, "draw/lines.da.txt")


def test_text_listing_of_2022(run, golden):
    result = run("draw", SCENARIOS / "nordjylland-2022.ttl")  # no -o: text on the terminal
    assert result.exit_code == 0, result.stderr
    golden(result.stdout, "draw/nordjylland-2022.txt")


# ------------------------------------------------------------------- content


def test_members_view_names_holders_and_vacancies(run):
    dot = run("draw", LINES, "-f", "dot", "--detail", "members").stdout
    assert "Anna Eksempel" in dot
    assert "○ not recorded" in dot
    assert "other recorded members: Bo Fraværende (absent)" in dot


def test_holders_follow_the_date(run):
    now = run("draw", LINES, "-f", "dot", "--detail", "members").stdout
    then = run("draw", LINES, "-f", "dot", "--detail", "members", "--as-of", "2022-06-01").stdout
    assert "Dorte Nu" in now and "Carl Før" not in now
    assert "Carl Før" in then and "Dorte Nu" not in then


def test_summary_marks_observers_ad_hoc_and_no_holder(run):
    dot = run("draw", LINES, "-f", "dot").stdout
    assert "observers: municipality 1" in dot
    assert "ad hoc: general practice 1" in dot
    # Totals count permanent seats, as `info` and `diff` do; the ad-hoc seat is the line above.
    assert "3 seats, ○ 2 without a recorded holder" in dot
    assert "chair: Anna Eksempel" in dot


def test_two_lines_advice_and_outside_body(run):
    text = run("draw", LINES, "-f", "dot").stdout
    edges = [line.strip() for line in text.splitlines() if "->" in line and "invis" not in line]
    # Steering Group North reports to both the committee and the board: two solid lines, drawn from the superior.
    steering = [e for e in edges if e.split(" -> ")[1].startswith("n_steering_")]
    assert len(steering) == 2 and all("dir=back" in e for e in steering)
    assert sorted(e.split(" -> ")[0].rsplit("_", 1)[0] for e in steering) == ["n_board", "n_committee"]
    advice = [e for e in edges if "style=dashed" in e]
    assert len(advice) == 1 and advice[0].startswith("n_forum_") and "constraint=false" in advice[0]
    assert "Regional Council<BR/>" in text and "outside the model" in text


def test_levels_are_ranked_and_areas_clustered(run):
    dot = run("draw", LINES, "-f", "dot").stdout
    assert "subgraph cluster_klynge_nord_" in dot
    # political → administrative → operational boundaries
    assert "level_1_2 [" in dot and "level_2_3 [" in dot


# ---------------------------------------------------------------- real dot


def test_svg_and_png_are_real_pictures(run, tmp_path):
    svg_path, png_path = tmp_path / "chart.svg", tmp_path / "chart.png"
    scenario = SCENARIOS / "nordjylland-2022.ttl"
    assert run("draw", scenario, "-o", svg_path).exit_code == 0
    assert run("draw", scenario, "-o", png_path).exit_code == 0
    svg = svg_path.read_bytes()
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-label") == "North Jutland health clusters 2022–2026 — actual, as of 1 October 2022"
    width_pt, height_pt = (float(root.get(a).removesuffix("pt")) for a in ("width", "height"))
    assert 600 < width_pt < 4000 and 200 < height_pt < 2000 and width_pt > height_pt
    titles = svg_titles(svg)
    bodies = [t for i, t in titles.items() if i.startswith("n_")]
    assert len(bodies) == 9 and "Health Cooperation Committee" in bodies
    assert titles["chart"].startswith("North Jutland health clusters 2022–2026")
    assert "Political Health Cluster Vest reports to Health Cooperation Committee" in titles.values()
    assert "Generated by graphviz" not in svg.decode()
    width, height = png_size(png_path.read_bytes())
    # 150 dpi: the PNG is about 150/72 times the SVG's size in points.
    assert width == pytest.approx(width_pt * 150 / 72, rel=0.05)
    assert height == pytest.approx(height_pt * 150 / 72, rel=0.05)


def test_pdf_is_a_pdf(run, tmp_path):
    out = tmp_path / "chart.pdf"
    assert run("draw", LINES, "-o", out).exit_code == 0
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    # cairo 1.16 writes the time of the run; the chart carries a fixed date so reruns give the same bytes.
    assert b"/CreationDate (D:19700101000000" in pdf


def test_markup_in_labels_is_drawn_as_text(run, tmp_path):
    out = tmp_path / "escape.svg"
    result = run("draw", DRAW / "escaping.ttl", "-o", out, "--detail", "members")
    assert result.exit_code == 0, result.stderr
    svg = out.read_bytes()
    root = ET.fromstring(svg)  # well-formed XML despite the labels
    assert not [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] in {"script", "img", "b", "i"}]
    assert b"<script" not in svg and b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in svg
    texts = svg_texts(svg)
    assert "<script>alert(1)</script> & Co" in texts
    assert "Back\\slash \\N \"quote\" 'single' <i>x</i>" in texts  # backslash escapes are not expanded
    assert "<img src=x onerror=alert(2)> Jensen & Søn" in texts
    assert "<script>alert(1)</script> & Co" in svg_titles(svg).values()
    dot = run("draw", DRAW / "escaping.ttl", "-f", "dot").stdout
    assert "<script>" not in dot and "&lt;script&gt;" in dot


@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "pdf", "text"])
def test_same_model_same_bytes(run, tmp_path, fmt):
    first, second = tmp_path / "a", tmp_path / "b"
    scenario = SCENARIOS / "nordjylland-2021.ttl"
    assert run("draw", scenario, "-f", fmt, "-o", first, "--detail", "members").exit_code == 0
    assert run("draw", scenario, "-f", fmt, "-o", second, "--detail", "members").exit_code == 0
    assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 0


def test_same_bytes_across_processes():
    """Set iteration order changes with PYTHONHASHSEED; nothing of it may reach the chart."""
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run([sys.executable, "-m", "govgraph", "draw", str(SCENARIOS / "nordjylland-2021.ttl"),
                               "-f", "dot", "--detail", "members"], capture_output=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


# -------------------------------------------------------------- scope


def drawn_bodies(run, *args: object) -> list[str]:
    """The labels of the bodies a chart draws, read from its text listing."""
    result = run("draw", *args, "-f", "text")
    assert result.exit_code == 0, result.stderr
    return sorted(line.strip().split(" — ")[0] for line in result.stdout.splitlines()[2:]
                  if " — " in line and not line.strip().startswith(("○", "●", "- -")))


def test_as_of_defaults_to_the_scenario_date(run):
    assert drawn_bodies(run, LINES) == ["Committee North", "Operations Forum North", "Steering Group North",
                                        "The Board"]
    assert "Old Forum" in drawn_bodies(run, LINES, "--as-of", "2022-06-01")
    assert "Future Group" in drawn_bodies(run, LINES, "--as-of", "2024-06-01")
    assert "Old Forum" not in drawn_bodies(run, LINES, "--as-of", "2024-06-01")


def test_as_of_drops_seats_not_in_force(run):
    then = run("draw", LINES, "-f", "dot", "--as-of", "2022-06-01", "--detail", "seats").stdout
    now = run("draw", LINES, "-f", "dot", "--detail", "seats").stdout
    assert "Læsø Municipality" in then and "4 seats, ○ 3 without a recorded holder" in then
    assert "Læsø Municipality" not in now and "3 seats, ○ 2 without a recorded holder" in now


@pytest.mark.parametrize("focus", ["Operations Forum North", "driftsforum nord", "forum",
                                   "https://example.org/draw/forum"])
def test_focus_by_label_local_name_or_iri(run, focus):
    assert drawn_bodies(run, LINES, "--focus", focus, "--depth", "1") == [
        "Committee North", "Operations Forum North", "Steering Group North"]


def test_focus_depth(run):
    assert drawn_bodies(run, LINES, "--focus", "forum", "--depth", "0") == ["Operations Forum North"]
    two = drawn_bodies(run, LINES, "--focus", "forum", "--depth", "2")
    assert "The Board" in two
    dot = run("draw", LINES, "-f", "dot", "--focus", "forum", "--depth", "2").stdout
    assert "Regional Council" not in dot and "focus: Operations Forum North, 2 steps" in dot


@pytest.mark.parametrize("args, words", [
    (["--focus", "Operations Forum Nort"], "did you mean 'Operations Forum North'"),
    (["--focus", "old-forum"], "not in force on 2023-03-01"),
    (["--depth", "2"], "--depth needs --focus"),
    (["--focus", "forum", "--depth", "-1"], "negative"),
    (["--as-of", "2023-02-30"], "is not a date"),
    (["-o", "chart.bmp"], "cannot write a '.bmp' file"),
    (["-f", "png"], "give -o FILE"),
])
def test_usage_errors_exit_2(run, args, words):
    result = run("draw", LINES, *args)
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_no_body_in_force(run):
    result = run("draw", SCENARIOS / "nordjylland-2022.ttl", "--as-of", "2020-01-01", "-f", "dot")
    assert result.exit_code == 2 and "no body of the model is in force on 2020-01-01" in result.stderr


def test_no_bodies_at_all(run):
    result = run("draw", DRAW / "no-bodies.ttl", "-f", "dot")
    assert result.exit_code == 2 and "the model has no bodies to draw" in result.stderr


def test_bad_input_exit_2_nothing_written(run, tmp_path):
    out = tmp_path / "chart.svg"
    result = run("draw", DRAW / "bad-syntax.ttl", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith("govgraph: ") and "bad-syntax.ttl:4" in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_failed_draw_keeps_the_old_file(run, tmp_path):
    out = tmp_path / "chart.svg"
    out.write_text("old chart")
    assert run("draw", LINES, "-o", out, "--focus", "nobody").exit_code == 2
    assert out.read_text() == "old chart" and list(tmp_path.iterdir()) == [out]


def test_output_folder_missing(run, tmp_path):
    result = run("draw", LINES, "-o", tmp_path / "no" / "chart.svg")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_interrupted_write_leaves_nothing(monkeypatch, tmp_path):
    from govgraph import outfile

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outfile.os, "replace", broken)
    out = tmp_path / "chart.svg"
    with pytest.raises(Exception, match="No space left"):
        outfile.write_atomic(out, b"<svg/>")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------- graphviz missing


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_missing_dot_one_line_exit_2(run, no_dot, tmp_path):
    out = tmp_path / "chart.svg"
    result = run("draw", LINES, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == ("govgraph: the graphviz program 'dot' is not installed: apt-get install graphviz "
                             "(Debian/Ubuntu) or see https://graphviz.org/download/\n")
    assert not out.exists()


def test_graphviz_failure_is_one_line(run, monkeypatch, tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\necho 'Error: <stdin>: syntax error in line 1' >&2\nexit 1\n")
    (fake / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    out = tmp_path / "chart.png"
    result = run("draw", LINES, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr == ("govgraph: graphviz 'dot' could not draw the chart: "
                             "Error: <stdin>: syntax error in line 1\n")


def test_dot_and_text_need_no_graphviz(run, no_dot):
    assert run("draw", LINES, "-f", "dot").exit_code == 0
    assert run("draw", LINES, "-f", "text").exit_code == 0


def test_no_temp_files_left_behind(run, tmp_path):
    out = tmp_path / "chart.dot"
    assert run("draw", LINES, "-o", out).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["chart.dot"]
    assert out.read_text().startswith("digraph govgraph {")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of a temporary file


def test_draw_is_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "govgraph draw" in readme and "docs/nordjylland-2022.svg" in readme


def test_reporting_cycle_and_missing_level(run, tmp_path):
    result = run("draw", DRAW / "cycle.ttl", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "Committee A — committee, political",
        "  seats: 0",
        "    Committee B — committee, level not given",
        "      seats: 0",
        "        Committee A (see above)",
    ]
    out = tmp_path / "cycle.svg"
    assert run("draw", DRAW / "cycle.ttl", "-o", out).exit_code == 0
    assert sorted(t for i, t in svg_titles(out.read_bytes()).items() if i.startswith("e_")) == [
        "Committee A reports to Committee B", "Committee B reports to Committee A"]
