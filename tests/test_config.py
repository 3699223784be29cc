"""Defaults from govgraph.toml, [tool.govgraph] in pyproject.toml and GOVGRAPH_* variables, and 'govgraph config'.

Precedence: command line > environment > config file > built-in default.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES
from govgraph.config import ConfigError, find_config, setting, settings

CONFIG = FIXTURES / "config"
PARITY = DATA / "examples" / "klynge-midt-2022-parity.ttl"
VARIABLES = ("GOVGRAPH_LANG", "GOVGRAPH_RULES", "GOVGRAPH_CONTEXT", "GOVGRAPH_FAIL_ON", "GOVGRAPH_ACKNOWLEDGEMENTS")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def nested(tmp_path: Path, monkeypatch) -> Path:
    """A working folder two levels below a copy of the good govgraph.toml (found in a parent)."""
    shutil.copy(CONFIG / "good" / "govgraph.toml", tmp_path / "govgraph.toml")
    folder = tmp_path / "proposals" / "2022"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    return tmp_path


def test_defaults_without_a_config(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):  # no locale either: the built-in default speaks
        monkeypatch.delenv(name, raising=False)
    assert find_config(tmp_path) is None
    assert {s.name: (s.value, s.origin) for s in settings()} == {
        "lang": ("en", "default"), "rules": ((), "default"), "context": ((), "default"),
        "fail-on": ("violation", "default"), "acknowledgements": (None, "default")}


def test_govgraph_toml_in_a_parent_folder(nested: Path) -> None:
    config = nested / "govgraph.toml"
    assert setting("lang") == ("da", f"{config}:2")
    assert setting("fail-on") == ("warning", f"{config}:3")
    assert setting("rules") == (("dk-2022-law", "dk-2022-local"), f"{config}:4")
    # paths in the file are relative to the file's folder
    assert setting("context")[0] == (str(nested / "../../other-region/midtjylland.ttl"),)


def test_precedence_command_line_then_environment_then_file(nested: Path, monkeypatch) -> None:
    monkeypatch.setenv("GOVGRAPH_LANG", "en")
    assert setting("lang") == ("en", "environment GOVGRAPH_LANG")
    assert setting("lang", "da") == ("da", "command line")
    monkeypatch.setenv("GOVGRAPH_RULES", "core, dk-2027")
    assert setting("rules") == (("core", "dk-2027"), "environment GOVGRAPH_RULES")


def test_pyproject_tool_table(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(CONFIG / "pyproject" / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    assert setting("lang") == ("da", f"{tmp_path / 'pyproject.toml'}:6")
    assert setting("fail-on")[0] == "info"
    (tmp_path / "govgraph.toml").write_text('lang = "en"\n', encoding="utf-8")  # govgraph.toml wins beside it
    assert setting("lang") == ("en", f"{tmp_path / 'govgraph.toml'}:1")


def test_config_command_shows_values_and_origins(run, nested: Path, monkeypatch) -> None:
    monkeypatch.setenv("GOVGRAPH_FAIL_ON", "info")
    text = run("config")
    assert text.exit_code == 0
    assert f"config file: {nested / 'govgraph.toml'}" in text.stdout
    assert f"lang              da    ({nested / 'govgraph.toml'}:2; GOVGRAPH_LANG)" in text.stdout
    assert "fail-on           info    (environment GOVGRAPH_FAIL_ON; GOVGRAPH_FAIL_ON)" in text.stdout
    data = json.loads(run("config", "--format", "json").stdout)
    assert data["settings"]["rules"] == {"value": ["dk-2022-law", "dk-2022-local"],
                                         "origin": f"{nested / 'govgraph.toml'}:4", "environment": "GOVGRAPH_RULES"}


def test_commands_take_their_defaults_from_the_config(run, monkeypatch) -> None:
    """lang da, fail-on warning, the rule sets and the acknowledgements come from tests/fixtures/config/good."""
    monkeypatch.chdir(CONFIG / "good")
    result = run("validate", PARITY)
    assert result.exit_code == 0  # the one violation is acknowledged by the configured file
    assert "Accepterede fund (tæller ikke som fejl):" in result.stdout and "[DK22-LOC-PARITY]" in result.stdout
    assert "organer kontrolleret" in result.stdout
    report = json.loads(run("validate", PARITY, "--format", "json").stdout)
    assert sorted({r.split("-")[1] for r in report["rules"]}) == ["LAW", "LOC"]  # only the two rule sets chosen
    english = run("validate", PARITY, "--lang", "en")
    assert "bodies checked" in english.stdout  # the command line wins


def test_environment_gives_defaults_too(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVGRAPH_LANG", "da")
    assert "organer kontrolleret" in run("validate", PARITY).stdout
    warned = DATA / "scenarios" / "nordjylland-2022.ttl"  # warnings, no violation
    assert run("validate", warned).exit_code == 0
    monkeypatch.setenv("GOVGRAPH_FAIL_ON", "warning")
    assert run("validate", warned).exit_code == 1
    assert run("validate", warned, "--fail-on", "violation").exit_code == 0  # the command line wins


@pytest.mark.parametrize(("folder", "words"), [
    ("bad-key", ["govgraph.toml:2", "unknown key 'fail_on'", "fail-on"]),
    ("bad-value", ["govgraph.toml:2", "fail-on = 'sometimes'", "violation or warning or info"]),
])
def test_a_bad_config_file_is_one_line_and_exit_2(run, monkeypatch, folder: str, words: list[str]) -> None:
    monkeypatch.chdir(CONFIG / folder)
    for args in (("validate", PARITY), ("config",), ("info", PARITY)):
        result = run(*args)
        assert result.exit_code == 2 and result.stdout == "", args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("govgraph: ") and "Traceback" not in result.stderr
        assert all(w in lines[0] for w in words), lines[0]
    danish = run("validate", PARITY, "--lang", "da").stderr
    assert ("ukendt nøgle 'fail_on'" if folder == "bad-key" else "er ikke tilladt (brug violation") in danish


def test_a_bad_variable_is_one_line_and_exit_2(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVGRAPH_FAIL_ON", "sometimes")
    result = run("validate", PARITY)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "GOVGRAPH_FAIL_ON='sometimes'" in result.stderr
    with pytest.raises(ConfigError, match="GOVGRAPH_FAIL_ON"):
        setting("fail-on")


def test_invalid_toml_names_the_file(run, tmp_path, monkeypatch) -> None:
    (tmp_path / "govgraph.toml").write_text('lang = "da\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("config")
    assert result.exit_code == 2 and "govgraph.toml: not valid TOML" in result.stderr
