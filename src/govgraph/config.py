"""Defaults from a config file and ``GOVGRAPH_*`` environment variables.

Precedence, first that gives a value wins:

1. the command-line option;
2. the environment variable ``GOVGRAPH_<NAME>`` (``GOVGRAPH_LANG``, ``GOVGRAPH_FAIL_ON``, …);
3. the config file: ``govgraph.toml`` in the working folder or the nearest parent that has one, or the
   ``[tool.govgraph]`` table of the nearest ``pyproject.toml`` that has one (``govgraph.toml`` wins
   in a folder holding both);
4. the built-in default.

:func:`setting` answers one setting with where it came from; :func:`settings` all of them
(``govgraph config``). A config file with an unknown key or a bad value is an :class:`ConfigError`
naming the file, the line and the key. Paths in a config file are relative to the file's folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import GovgraphError

CONFIG_FILE = "govgraph.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(GovgraphError):
    """A config file or a ``GOVGRAPH_*`` variable holds an unknown key or a bad value."""


Value = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Spec:
    """One setting: its key in the file, its variable, its default, what it holds."""

    key: str
    env: str
    default: Value
    many: bool  # a list (rule sets, files)
    paths: bool  # values are file names (relative to the config file's folder)
    choices: tuple[str, ...] = ()
    help: str = ""


SPECS: dict[str, Spec] = {spec.key: spec for spec in (
    Spec("lang", "GOVGRAPH_LANG", "en", many=False, paths=False, choices=("da", "en"),
         help="language of the output"),
    Spec("rules", "GOVGRAPH_RULES", (), many=True, paths=False,
         help="rule sets or rule files (validate, compare)"),
    Spec("context", "GOVGRAPH_CONTEXT", (), many=True, paths=True,
         help="reference data of your own, loaded as context"),
    Spec("fail-on", "GOVGRAPH_FAIL_ON", "violation", many=False, paths=False,
         choices=("violation", "warning", "info"), help="severity that makes validate exit 1"),
    Spec("acknowledgements", "GOVGRAPH_ACKNOWLEDGEMENTS", None, many=False, paths=True,
         help="file of acknowledged standing findings (validate)"),
)}


@dataclass(frozen=True)
class Setting:
    """A setting in force: its value and where it came from (``origin``)."""

    name: str
    value: Value
    origin: str


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict[str, object]
    text: str

    def line_of(self, key: str) -> int:
        """The line where ``key`` is set (0 when it cannot be told)."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(self.text.splitlines(), start=1):
            if pattern.match(line):
                return number
        return 0

    def where(self, key: str) -> str:
        line = self.line_of(key)
        return f"{self.path}:{line}" if line else str(self.path)


def find_config(start: Path | None = None) -> ConfigFile | None:
    """The config in force for the folder ``start`` (default: the working folder), or None."""
    folder = (start or Path.cwd()).resolve()
    for place in (folder, *folder.parents):
        own = place / CONFIG_FILE
        if own.is_file():
            text, values = _read_toml(own)
            return ConfigFile(own, values, text)
        project = place / PYPROJECT
        if project.is_file():
            text, values = _read_toml(project)
            tool = values.get("tool")
            table = tool.get("govgraph") if isinstance(tool, dict) else None
            if isinstance(table, dict):
                return ConfigFile(project, table, text)
    return None


def _read_toml(path: Path) -> tuple[str, dict[str, object]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the config file ({err})",
                          da=f"{path}: kan ikke læse konfigurationsfilen ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err}); fix the file or remove it",
                          da=f"{path}: ikke gyldig TOML ({err}); ret filen, eller fjern den") from None


def check_config(config: ConfigFile) -> dict[str, Value]:
    """Every key of ``config`` as a checked value; an unknown key or a bad value raises :class:`ConfigError`."""
    checked: dict[str, Value] = {}
    for key, raw in config.values.items():
        spec = SPECS.get(key)
        if spec is None:
            known = ", ".join(SPECS)
            raise ConfigError(f"{config.where(key)}: unknown key '{key}' (known keys: {known})",
                              da=f"{config.where(key)}: ukendt nøgle '{key}' (kendte nøgler: {known})")
        checked[key] = _value(spec, raw, lambda what, da: ConfigError(
            f"{config.where(key)}: {key} = {raw!r} {what}", da=f"{config.where(key)}: {key} = {raw!r} {da}"),
            base=config.path.parent)
    return checked


def _value(spec: Spec, raw: object, error: Callable[[str, str], ConfigError], base: Path | None) -> Value:
    if spec.many:
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise error("is not a list of names (write e.g. [\"a\", \"b\"])",
                        "er ikke en liste af navne (skriv fx [\"a\", \"b\"])")
        return tuple(_path(i.strip(), base) if spec.paths else i.strip() for i in items)
    if not isinstance(raw, str) or not raw.strip():
        raise error("is not a text value (write it in quotes)", "er ikke en tekstværdi (skriv den i anførselstegn)")
    if spec.choices and raw not in spec.choices:
        allowed = " or ".join(spec.choices)
        raise error(f"is not allowed (use {allowed})", f"er ikke tilladt (brug {' eller '.join(spec.choices)})")
    return _path(raw.strip(), base) if spec.paths else raw.strip()


def _path(name: str, base: Path | None) -> str:
    path = Path(name).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    return str(path)


def _from_env(spec: Spec, environ: dict[str, str] | os._Environ[str]) -> Value:
    raw = environ.get(spec.env, "")
    if not raw.strip():
        return None
    if spec.many:  # rule sets separated by commas; files by the path separator (':' on Linux, ';' on Windows)
        parts = raw.split(os.pathsep if spec.paths else ",")
        raw_value: object = [p for p in (x.strip() for x in parts) if p]
    else:
        raw_value = raw.strip().lower() if spec.choices else raw.strip()  # GOVGRAPH_LANG=DA is da
    return _value(spec, raw_value, lambda what, da: ConfigError(
        f"environment variable {spec.env}={raw!r} {what}", da=f"miljøvariablen {spec.env}={raw!r} {da}"), base=None)


def settings(start: Path | None = None, environ: dict[str, str] | None = None) -> list[Setting]:
    """Every setting without command-line values: from the environment, the config file or the default."""
    return [Setting(name, *setting(name, None, start=start, environ=environ)) for name in SPECS]


def setting(name: str, cli_value: Value = None, *, start: Path | None = None,
            environ: dict[str, str] | None = None) -> tuple[Value, str]:
    """``(value, origin)`` of setting ``name`` (a key of :data:`SPECS`, e.g. ``"lang"``).

    ``cli_value`` is what the command line gave (None or empty: nothing); ``origin`` is
    ``"command line"``, ``"environment GOVGRAPH_…"``, ``"<file>:<line>"`` or ``"default"``.
    """
    spec = SPECS[name]
    if cli_value not in (None, (), [], ""):
        return (tuple(cli_value) if spec.many else cli_value), "command line"  # type: ignore[arg-type]
    env_value = _from_env(spec, os.environ if environ is None else environ)
    if env_value is not None:
        return env_value, f"environment {spec.env}"
    config = find_config(start)
    if config is not None:
        checked = check_config(config)
        if name in checked:
            return checked[name], config.where(name)
    if name == "lang":  # then the locale: a value starting with "da" means Danish
        from .language import locale_lang

        found = locale_lang(os.environ if environ is None else environ)
        if found is not None:
            return found
    return spec.default, "default"


__all__ = ["ConfigError", "ConfigFile", "SPECS", "Setting", "Spec", "check_config", "find_config", "setting", "settings"]
