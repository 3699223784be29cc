"""The language a run speaks without --lang: GOVGRAPH_LANG, else the config file, else the locale, else English."""

from __future__ import annotations

import pytest

from govgraph.language import default_lang

from conftest import DATA


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "da_DK.UTF-8"}, "da"),
    ({"LANG": "en_GB.UTF-8", "LC_ALL": "da_DK.UTF-8"}, "da"),  # LC_ALL wins over LANG
    ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "da_DK.UTF-8", "GOVGRAPH_LANG": "en"}, "en"),  # the variable wins over the locale
    ({"LANG": "C", "GOVGRAPH_LANG": "DA"}, "da"),
])
def test_default_language(env, expected):
    assert default_lang(env) == expected


def test_the_config_file_comes_before_the_locale(monkeypatch, tmp_path):
    (tmp_path / "govgraph.toml").write_text('lang = "da"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert default_lang({"LANG": "en_US.UTF-8"}) == "da"
    assert default_lang({"LANG": "en_US.UTF-8", "GOVGRAPH_LANG": "en"}) == "en"


def test_commands_speak_the_locale_unless_told(run, monkeypatch):
    example = DATA / "examples" / "klynge-midt-2022-parity.ttl"
    assert "bodies checked" in run("validate", example).stdout
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert "organer kontrolleret" in run("validate", example).stdout
    assert "bodies checked" in run("validate", example, "--lang", "en").stdout
    monkeypatch.setenv("GOVGRAPH_LANG", "en")
    assert "bodies checked" in run("validate", example).stdout


def test_errors_follow_the_default_language(run, monkeypatch, tmp_path):
    monkeypatch.setenv("GOVGRAPH_LANG", "da")
    result = run("report", DATA / "examples" / "klynge-midt-2022-ok.ttl", "-o", tmp_path)
    assert result.exit_code == 2 and "er en mappe" in result.stderr
