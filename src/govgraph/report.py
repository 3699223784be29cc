"""Findings: what a check says about a model, as frozen, sortable records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from .positions import Location


class Severity(str, Enum):
    """SHACL's three severities, in order of weight."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"violation": 3, "warning": 2, "info": 1}[self.value]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True)
class Finding:
    """One problem found: which rule, how bad, about what, where to fix it, in both languages."""

    rule: str
    severity: Severity
    message: dict[str, str]
    focus: str = ""  # label of the offending node
    body: str = ""  # label of the body it concerns (grouping key)
    location: Location | None = None
    layer: str = ""
    source: str = ""
    focus_iri: str = ""
    path: str = ""
    value: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    def text(self, lang: str = "en") -> str:
        return self.message.get(lang) or next(iter(self.message.values()), "")

    def sort_key(self) -> tuple:
        return (self.body, -self.severity.rank, self.rule, self.focus, self.text("en"), self.path, self.value)


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    checked: int = 0  # number of bodies checked

    @classmethod
    def of(cls, findings: Iterable[Finding], checked: int = 0) -> Report:
        unique = {(f.rule, f.focus_iri, f.path, f.value, f.text("en")): f for f in findings}
        return cls(tuple(sorted(unique.values(), key=Finding.sort_key)), checked)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity.at_least(threshold) for f in self.findings)
