"""``govgraph config`` (the defaults in force and where each comes from) and ``govgraph verify`` (test your rules)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from ..errors import GovgraphError
from . import LANG_OPTION, NO_COLOR_OPTION, Lang, app, fail
from .terminal import colour_wanted, progress


class ConfigFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("config")
def config_command(
    fmt: ConfigFormat = typer.Option(ConfigFormat.text, "--format", "-f", metavar="text|json", help="text or json."),
) -> None:
    """Show the defaults in force (language, rule sets, context files, fail-on, acknowledgements) and where each
    comes from: an environment variable GOVGRAPH_*, the config file (govgraph.toml, or [tool.govgraph] in
    pyproject.toml, in this folder or a parent) or the built-in default. An option on the command line wins over all.

    Example: govgraph config
    """
    from ..config import SPECS, find_config, settings

    try:
        found = settings()
        config = find_config()
    except GovgraphError as error:
        fail(error)
        return
    if fmt is ConfigFormat.json:
        typer.echo(json.dumps({
            "config_file": str(config.path) if config else None,
            "settings": {s.name: {"value": list(s.value) if isinstance(s.value, tuple) else s.value,
                                  "origin": s.origin, "environment": SPECS[s.name].env} for s in found},
        }, ensure_ascii=False, indent=2, sort_keys=True))
        return
    typer.echo(f"config file: {config.path if config else '(none: govgraph.toml or [tool.govgraph] in pyproject.toml)'}")
    width = max(len(s.name) for s in found)
    for s in found:
        value = ", ".join(s.value) if isinstance(s.value, tuple) else s.value
        typer.echo(f"{s.name:<{width}}  {value if value not in (None, '') else '-'}    ({s.origin}; {SPECS[s.name].env})")


@app.command()
def verify(
    rule_files: list[Path] = typer.Argument(..., metavar="RULES", help="Your rule files (.ttl)."),
    fixtures: Path = typer.Option(Path("tests/fixtures/rules"), "--fixtures", metavar="FOLDER",
                                  help="The folder holding RULE-ID/fires.ttl and RULE-ID/passes.ttl for each rule."),
    lang: Lang = LANG_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Test your own rules: each rule must give a finding on its fires.ttl and none on its passes.ttl
    (the layout of tests/fixtures/rules/). Prints expected versus actual findings for each failure;
    exit 0 all pass, 1 any failure, 2 bad input.

    Example: govgraph verify my-rules.ttl --fixtures my-fixtures
    """
    from ..render.verify import render_verify_text
    from ..verify import verify as run_verify

    try:
        with progress("Verifying rules…" if lang is Lang.en else "Afprøver regler…"):
            results = list(run_verify(rule_files, fixtures))
    except GovgraphError as error:
        fail(error, lang)
        return
    text = render_verify_text(results, lang.value)
    colour = colour_wanted(no_color=no_color)
    if colour:
        text = "\n".join(typer.style(line, fg="red") if line.startswith(("FAIL", "FEJL")) else line
                         for line in text.split("\n"))
    typer.echo(text, nl=False, color=True if colour else None)
    raise typer.Exit(0 if all(r.passed for r in results) else 1)
