"""Every command has help text and a section in the README (sqlite-utils' habit)."""

from __future__ import annotations

import pytest
import typer.main

from conftest import ROOT
from govgraph.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"info", "lint"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_readme_section(run, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 20, f"{name} has no help text"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"govgraph {name}" in readme, f"README.md has no example of 'govgraph {name}'"
    assert f"### `govgraph {name}" in readme, f"README.md has no section '### `govgraph {name} …`'"


def test_every_long_option_is_in_the_readme() -> None:
    """Options a user can give (help and completion aside) are named in the README, so none is undocumented."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    internal = {"--help", "--install-completion", "--show-completion", "--reference"}
    group = typer.main.get_command(app)
    params = [p for command in [group, *group.commands.values()] for p in command.params]  # type: ignore[attr-defined]
    names = {opt for p in params for opt in (*p.opts, *p.secondary_opts) if opt.startswith("--")} - internal
    assert sorted(n for n in names if n not in readme) == []
