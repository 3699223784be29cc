"""Standing findings: warnings a steering group has accepted, so they stop failing a check.

An acknowledgements file is TOML, one ``[[acknowledgement]]`` table per standing finding::

    [[acknowledgement]]
    rule = "DK22-AGR-CC-REGION-MEMBERS"   # the rule id
    body = "Sundhedssamarbejdsudvalget"  # the body: label (da or en), local name or IRI
    reason = "4 regional members for parity, decided by Kontaktudvalget 8 April 2022"
    who = "Kontaktudvalget"
    until = 2026-12-31                    # or "31.12.2026"; the last day it holds
    since = 2022-04-08                    # optional: the day it was given

A finding of ``rule`` on ``body`` is then *acknowledged*: listed, not counted as a failure.
After ``until`` (judged against today's date) the acknowledgement has expired and the finding
fails again, with a note saying so. A missing ``rule``, ``body``, ``reason``, ``who`` or ``until``,
an unknown key, a date that is no date, or an ``until`` before ``since`` (a date already past when
it was given) is an :class:`~govgraph.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .dates import read_day
from .errors import InputError
from typing import TYPE_CHECKING

from .report import Finding

if TYPE_CHECKING:  # the public result type of govgraph.validate; not imported at run time
    from .validate import ValidationReport

REQUIRED = ("rule", "body", "reason", "who", "until")
OPTIONAL = ("since",)
TABLE = "acknowledgement"


@dataclass(frozen=True)
class Acknowledgement:
    """One accepted standing finding, with where it is written (``file:line``)."""

    rule: str
    body: str
    reason: str
    who: str
    until: dt.date
    since: dt.date | None = None
    where: str = ""

    def names(self, report: ValidationReport) -> frozenset[str]:
        """The labels of the body this names: its IRI, local name or either label matches a body checked."""
        wanted = self.body.strip()
        names = {wanted}
        for body in report.bodies:
            local = body.iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            if wanted in (body.iri, local, body.da, body.en):
                names |= {body.da, body.en}
        return frozenset(names)


@dataclass(frozen=True)
class Acknowledged:
    """A finding an acknowledgement covers; ``expired``: the acknowledgement ran out and the finding fails again."""

    finding: Finding
    by: Acknowledgement
    expired: bool


def read_acknowledgements(path: Path) -> tuple[Acknowledgement, ...]:
    """The acknowledgements of a TOML file, each checked (see the module's docstring)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read the acknowledgements file ({getattr(err, 'strerror', None) or err})",
                         "check the path given to --acknowledgements",
                         f"kan ikke læse filen med accepterede fund ({getattr(err, 'strerror', None) or err})",
                         "tjek stien givet til --acknowledgements") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(path, f"not valid TOML ({err})", "fix the file",
                         f"ikke gyldig TOML ({err})", "ret filen") from None
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == f"[[{TABLE}]]"]
    extra = sorted(set(document) - {TABLE})
    if extra:
        raise InputError(path, f"unknown table or key '{extra[0]}'", f"write each entry as [[{TABLE}]]",
                         f"ukendt tabel eller nøgle '{extra[0]}'", f"skriv hver post som [[{TABLE}]]")
    entries = document.get(TABLE, [])
    if not isinstance(entries, list):
        raise InputError(path, f"'{TABLE}' must be a list of tables", f"write each entry as [[{TABLE}]]",
                         f"'{TABLE}' skal være en liste af tabeller", f"skriv hver post som [[{TABLE}]]")
    return tuple(_entry(entry, f"{path}:{starts[n]}" if n < len(starts) else str(path), n + 1)
                 for n, entry in enumerate(entries))


def _entry(entry: dict[str, object], where: str, number: int) -> Acknowledgement:
    def bad(what: str, hint: str, da_what: str, da_hint: str) -> InputError:
        return InputError(where, f"acknowledgement {number}: {what}", hint,
                          f"accept {number}: {da_what}", da_hint)

    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        keys = ", ".join((*REQUIRED, *OPTIONAL))
        raise bad(f"unknown key '{unknown[0]}'", f"known keys: {keys}",
                  f"ukendt nøgle '{unknown[0]}'", f"kendte nøgler: {keys}")
    for key in REQUIRED:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise bad(f"no {key}", f'add {key} = "…"', f"mangler {key}", f'tilføj {key} = "…"')
    texts = {}
    for key in ("rule", "body", "reason", "who"):
        if not isinstance(entry[key], str):
            raise bad(f"{key} must be text", "write it in quotes", f"{key} skal være tekst", "skriv den i anførselstegn")
        texts[key] = str(entry[key]).strip()
    until = _day(entry["until"], "until", bad)
    since = _day(entry["since"], "since", bad) if "since" in entry else None
    if since is not None and until < since:
        raise bad(f"until {until.isoformat()} is a past date: before since {since.isoformat()}",
                  "give the last day the acknowledgement holds",
                  f"until {until.isoformat()} er en dato i fortiden: før since {since.isoformat()}",
                  "angiv den sidste dag, accepten gælder")
    return Acknowledgement(until=until, since=since, where=where, **texts)


def _day(value: object, key: str, bad) -> dt.date:  # noqa: ANN001 - the entry's error factory
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    day = read_day(value) if isinstance(value, str) else None
    if day is None:
        raise bad(f"{key} = {value!r} is not a date", "write 2026-12-31 or \"31.12.2026\"",
                  f"{key} = {value!r} er ikke en dato", "skriv 2026-12-31 eller \"31.12.2026\"")
    return day


def acknowledge(report: ValidationReport, acknowledgements: Sequence[Acknowledgement],
                today: dt.date) -> tuple[ValidationReport, tuple[Acknowledged, ...]]:
    """``report`` without the findings an acknowledgement in force on ``today`` covers, and what was covered.

    A finding whose acknowledgement has expired stays in the report (it fails again) and is listed
    with ``expired=True``; one covered by an acknowledgement in force leaves the report.
    """
    kept: list[Finding] = []
    covered: list[Acknowledged] = []
    named = [(ack, ack.names(report)) for ack in acknowledgements]
    for finding in report.findings:
        bodies = {finding.body, dict(finding.extra).get("body.da", "")} - {""}
        matches = [ack for ack, names in named if ack.rule == finding.rule and bodies & names]
        active = [ack for ack in matches if ack.until >= today]
        if active:
            covered.append(Acknowledged(finding, active[0], expired=False))
            continue
        kept.append(finding)
        if matches:
            covered.append(Acknowledged(finding, max(matches, key=lambda a: a.until), expired=True))
    return dataclasses.replace(report, findings=tuple(kept)), tuple(covered)


__all__ = ["Acknowledged", "Acknowledgement", "acknowledge", "read_acknowledgements"]
