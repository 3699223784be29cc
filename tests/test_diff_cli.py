"""``govgraph diff``: golden outputs, minute 001's facts, escaping, determinism, bad input, atomic writes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, SCENARIOS

OLD, NEW = FIXTURES / "diff" / "old.ttl", FIXTURES / "diff" / "new.ttl"
Y2021, Y2022, Y2027 = (SCENARIOS / f"nordjylland-{y}.ttl" for y in (2021, 2022, 2027))
MINUTE = FIXTURES / "diff" / "minute-001.txt"  # a copy of seeds/001_04e44ef94b1fdbcd.txt
FACTS = FIXTURES / "diff" / "minute-001-facts.txt"


def ok(result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


# ---- goldens

def test_markdown_2021_2022_golden(run, golden):
    golden(ok(run("diff", Y2021, Y2022, "-f", "markdown", "--lang", "da")), "diff/nordjylland-2021-2022.da.md")


def test_markdown_by_kind_golden(run, golden):
    golden(ok(run("diff", Y2021, Y2022, "-f", "markdown", "--lang", "da", "--by-kind")),
           "diff/nordjylland-2021-2022.by-kind.da.md")
    golden(ok(run("diff", Y2021, Y2022, "-f", "markdown", "--lang", "en", "--by-kind")),
           "diff/nordjylland-2021-2022.by-kind.en.md")


def test_text_and_json_golden(run, golden):
    golden(ok(run("diff", Y2021, Y2022)), "diff/nordjylland-2021-2022.en.txt")
    golden(ok(run("diff", Y2022, Y2027, "--lang", "da")), "diff/nordjylland-2022-2027.da.txt")
    golden(ok(run("diff", OLD, NEW)), "diff/fixture.en.txt")
    golden(ok(run("diff", OLD, NEW, "-f", "json")), "diff/fixture.en.json")
    golden(ok(run("diff", Y2021, Y2022, "-f", "json")), "diff/nordjylland-2021-2022.en.json")


def test_diagram_golden(run, golden, tmp_path):
    for name, args in (("fixture.en", (OLD, NEW)), ("nordjylland-2021-2022.da", (Y2021, Y2022, "--lang", "da"))):
        for suffix in ("dot", "svg"):
            out = tmp_path / f"{name}.{suffix}"
            ok(run("diff", *args, "-o", out))
            golden(out.read_bytes(), f"diff/{name}.{suffix}")


# ---- minute 001, fact by fact

def _cells(markdown: str) -> list[tuple[list[str], list[str]]]:
    """Table rows as (old cell lines, new cell lines)."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| Nuværende") and not line.startswith("|---"):
            old, new = line[2:-2].split(" | ")
            rows.append((old.split("<br>"), new.split("<br>")))
    return rows


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|•", " ", text)).strip().casefold()


def test_every_fact_of_minute_001_table_is_in_the_generated_table(run):
    markdown = ok(run("diff", Y2021, Y2022, "-f", "markdown", "--lang", "da", "--by-kind"))
    rows = _cells(markdown)
    minute = _normal(MINUTE.read_text(encoding="utf-8"))
    facts = [line.split(" | ") for line in FACTS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(facts) >= 45
    missing = []
    for side, body, said, expected in facts:
        assert _normal(said) in minute, f"the minute does not say: {said}"
        cell = next(r[0] if side == "old" else r[1] for r in rows
                    if any(body in line for line in (r[0] if side == "old" else r[1])[:1]))
        if expected.startswith("NOT "):
            found = not any(expected[4:] in line for line in cell)
        elif expected.startswith("• "):
            found = expected in cell  # a task: the whole bullet
        else:
            found = any(expected in line for line in cell)
        if not found:
            missing.append(f"{side} {body}: {said!r} → expected {expected!r}")
    assert not missing, "\n".join(missing)


def test_2022_to_2027_table_shows_two_health_councils(run):
    markdown = ok(run("diff", Y2022, Y2027, "-f", "markdown", "--lang", "da"))
    rows = _cells(markdown)
    councils = {r[1][0] for r in rows if "Sundhedsråd" in r[1][0]}
    assert councils == {"**Sundhedsråd Vendsyssel**", "**Sundhedsråd Limfjorden**"}
    limfjorden = next(r[0] for r in rows if "Limfjorden" in r[1][0])
    assert any("Sundhedssamarbejdsudvalget" in line for line in limfjorden)
    assert any("Politisk Sundhedsklynge Midt, Politisk Sundhedsklynge Syd, Politisk Sundhedsklynge Vest" in line
               for line in limfjorden)


def test_transition_report_lists_the_2022_gaps(run):
    text = ok(run("diff", Y2021, Y2022, "--lang", "da"))
    section = text[text.index("Overgang"):]
    assert "2022-07-01 – 2022-07-31 (31 dage)" in section
    assert "2022-07-01 – 2022-09-30 (92 dage)" in section
    july = section[section.index("2022-07-31"):section.index("2022-09-30")]
    assert "udarbejde sundhedsaftalen (Sundhedskoordinationsudvalget)" in july
    assert "lokale sundhedspolitiske problemstillinger (Politisk Klynge Midt" in section


# ---- properties of the outputs

def test_same_model_prints_no_changes(run):
    text = ok(run("diff", Y2022, Y2022))
    assert "no changes" in text and "unchanged: 9" in text
    data = json.loads(ok(run("diff", Y2022, Y2022, "-f", "json")))
    assert data["empty"] is True and data["gaps"] == []


def test_svg_escapes_labels_and_is_deterministic(run, tmp_path):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    ok(run("diff", OLD, NEW, "-o", first))
    ok(run("diff", OLD, NEW, "-o", second))
    assert first.read_bytes() == second.read_bytes()
    svg = first.read_text(encoding="utf-8")
    ET.fromstring(svg)  # well-formed XML although a label holds < " > &
    assert "Group C &lt;&quot;quoted&quot;&gt; &amp; co" in svg
    assert 'aria-label="Old and new organization: Old structure → New structure"' in svg
    for word in ("[ABOLISHED]", "[ADDED]", "[RENAMED]", "[CHANGED, RENAMED]", "Legend"):
        assert word in svg  # the change is in the text too, not only in colour


def test_markdown_escapes_labels(run):
    markdown = ok(run("diff", OLD, NEW, "-f", "markdown"))
    assert "Group C &lt;\"quoted\"&gt; &amp; co" in markdown
    assert "Forum D" in markdown and "Forum Delta" in markdown


def test_png_and_html(run, tmp_path):
    png = tmp_path / "d.png"
    ok(run("diff", OLD, NEW, "-o", png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = tmp_path / "d.html"
    ok(run("diff", Y2021, Y2022, "-o", page, "--lang", "da"))
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "<table>" in text
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', text)  # no external resources
    assert text.count("<tr class=") == 12


# ---- bad input: one line, exit 2, nothing written

@pytest.mark.parametrize("args, words", [
    ((OLD, FIXTURES / "diff" / "missing.ttl"), "missing.ttl: no such file"),
    ((OLD, FIXTURES / "diff" / "bad-date.ttl"), "bad-date.ttl:"),
    ((OLD, NEW, "--as-of-old", "2022-02-30"), "--as-of-old"),
    ((OLD, NEW, "-o", "out.docx"), "cannot write a '.docx' file"),
    ((OLD, NEW, "-o", "out.svg", "-f", "json"), "--format is json"),
])
def test_bad_input_one_line_exit_2(run, args, words):
    result = run("diff", *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr


def test_failed_run_leaves_the_old_output(run, tmp_path):
    out = tmp_path / "diff.md"
    out.write_text("previous", encoding="utf-8")
    result = run("diff", OLD, FIXTURES / "diff" / "bad-date.ttl", "-o", out)
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["diff.md"]  # no temporary file left behind
    ok(run("diff", OLD, NEW, "-o", out))
    assert out.read_text(encoding="utf-8").startswith("# Old and new organization")


def test_a_model_in_several_files(run):
    text = ok(run("diff", OLD, NEW, "--also-new", FIXTURES / "diff" / "new-extra.ttl"))
    assert "added: (none) → Forum G" in text
    assert "added: (none) → Forum G" not in ok(run("diff", OLD, NEW))


def test_as_of_dates_read_each_model_on_its_day(run):
    # On 15 August 2022 only Committee A2, Forum D/Delta, E and F of the new structure are in force.
    text = ok(run("diff", OLD, NEW, "--as-of-old", "2022-06-30", "--as-of-new", "2022-08-15"))
    assert "abolished: Forum B → (none)" in text
    assert "Forum B1" not in text
    markdown = ok(run("diff", OLD, NEW, "--as-of-new", "2022-08-15", "-f", "markdown"))
    assert "Forum B2" not in markdown


def test_missing_graphviz_says_how_to_install(run, tmp_path, monkeypatch):
    import govgraph.render.chart.engine as engine

    monkeypatch.setattr(engine.shutil, "which", lambda name: None)
    out = tmp_path / "d.svg"
    result = run("diff", OLD, NEW, "-o", out)
    assert result.exit_code == 2 and "apt-get install graphviz" in result.stderr
    assert not out.exists()
    assert ok(run("diff", OLD, NEW, "-o", tmp_path / "d.dot")).strip() == ""  # DOT needs no graphviz
