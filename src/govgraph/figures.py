"""Figures and the metric registry: what a metric returns and how it is registered.

A metric is one function ``(org: Organization, day: date | None) -> value``.
The value is a plain value (int, float, str, bool or None: one row in a
comparison) or a frozen record with a ``figures(name)`` method that yields
:class:`Figure` rows (``name(node)`` gives a node's :class:`Text` label), and
optionally ``versus(baseline_value, name)`` for rows that only make sense
against a baseline. The metrics themselves are in :mod:`govgraph.metrics`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rdflib.term import Node

from .i18n import Text
from .model import Organization

Value = int | float | str | bool | None


@dataclass(frozen=True)
class Figure:
    """One row of a comparison: a stable key, its label and one scenario's value."""

    key: str
    label: Text
    value: Value
    #: The value for a scenario that yields no such figure (0 for a count per side; None = not applicable).
    absent: Value = None


Namer = Callable[[Node | None], Text]


@dataclass(frozen=True)
class Metric:
    """A registered metric: key, title and the function computing its value."""

    key: str
    title: Text
    compute: Callable[[Organization, dt.date | None], Any]

    def figures(self, value: Any, name: Namer, baseline: Any = None) -> tuple[Figure, ...]:
        """The rows a value gives: a record's own figures, or one row for a plain value.

        With the baseline's value of the same metric, a record may add figures
        that only make sense against it, from its ``versus(baseline, name)``.
        """
        if not hasattr(value, "figures"):
            return (Figure(self.key, self.title, value),)
        rows = list(value.figures(name))
        if baseline is not None and hasattr(value, "versus"):
            rows.extend(value.versus(baseline, name))
        return tuple(rows)


#: The metrics a comparison shows, in order. Append to add your own.
METRICS: list[Metric] = []


def register(key: str, *, da: str, en: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: add a metric function to :data:`METRICS` under ``key`` (which must be new)."""

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        if any(m.key == key for m in METRICS):
            raise ValueError(f"a metric named {key!r} is already registered")
        METRICS.append(Metric(key, Text(da, en), function))
        return function

    return wrap


def namer(org: Organization) -> Namer:
    """Labels of nodes in both languages, from the organization's graph."""
    return lambda node: Text(org.label(node, "da"), org.label(node, "en"))


def local_name(node: Node | None) -> str:
    """The last segment of an IRI, used in stable figure keys."""
    if node is None:
        return "none"
    return str(node).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def balance(key: str, holds: Text, fails: Text, sides: Text, rows: Iterable[Any], name: Namer,
            other: Callable[[Any], int]) -> Iterable[Figure]:
    """The figures of a balance a rule asks of some bodies (parity, a regional majority): how many
    hold it, how many do not, and per body its regional seats against ``other(row)`` with ✓ or ✗.
    ``rows`` have ``body``, ``regional`` and ``holds``."""
    rows = list(rows)
    yield Figure(f"{key}.holds", holds, sum(1 for b in rows if b.holds))
    yield Figure(f"{key}.fails", fails, sum(1 for b in rows if not b.holds))
    for b in rows:
        label = name(b.body)
        yield Figure(f"{key}.{local_name(b.body)}", Text(f"  {label.da} ({sides.da})", f"  {label.en} ({sides.en})"),
                     f"{b.regional} : {other(b)} {'✓' if b.holds else '✗'}")


def measure(org: Organization, day: dt.date | None = None,
            metrics: Iterable[Metric] | None = None) -> tuple[tuple[Metric, Any], ...]:
    """Every metric's value for one organization; ``day`` defaults to the scenario's effective date."""
    day = day or org.date
    return tuple((m, m.compute(org, day)) for m in (METRICS if metrics is None else metrics))


__all__ = ["Figure", "Metric", "METRICS", "Namer", "Text", "Value", "balance", "local_name", "measure", "namer", "register"]
