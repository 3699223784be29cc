"""The findings metric: what ``govgraph validate`` finds in a scenario, per layer and severity.

Kept apart from :mod:`govgraph.metrics` because it runs the check stage
(pySHACL, imported only when the metric runs) where the other metrics only
read the model; :mod:`govgraph.metrics` imports it first, so findings lead
every comparison.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rdflib.namespace import SKOS

from .figures import METRICS, Figure, Metric, Namer, Text, local_name, namer, register
from .model import Organization
from .vocab import LAYER

_SEVERITY_WORDS = {"violation": Text("overtrædelser", "violations"), "warning": Text("advarsler", "warnings"),
                   "info": Text("info", "info")}


@dataclass(frozen=True)
class FindingCounts:
    """Findings of the rules in force: (layer key, layer label, severity, count), layers in their scheme order."""

    counts: tuple[tuple[str, Text, str, int], ...]

    def total(self, severity: str) -> int:
        return sum(n for _, _, s, n in self.counts if s == severity)

    def figures(self, name: Namer) -> Iterator[Figure]:
        for severity, words in _SEVERITY_WORDS.items():
            yield Figure(f"findings.{severity}", words, self.total(severity))
        for key, layer, severity, n in self.counts:
            words = _SEVERITY_WORDS[severity]
            yield Figure(f"findings.{key}.{severity}", Text(f"  {layer.da}: {words.da}", f"  {layer.en}: {words.en}"),
                         n, absent=0)


def _layers(org: Organization) -> dict[str, tuple[str, str, Text]]:
    """English label of each layer concept → (sort key, key, labels), from the layer: scheme."""
    found = {}
    for concept in org.graph.subjects(SKOS.inScheme, LAYER[""]):
        notation = org.graph.value(concept, SKOS.notation)
        labels = namer(org)(concept)
        found[labels.en] = (str(notation or labels.en), local_name(concept), labels)
    return found


@register("findings", da="Fund", en="Findings")
def finding_counts(org: Organization, day: dt.date | None, rules: Sequence[str] | None = None) -> FindingCounts:
    """Findings of :func:`govgraph.validate.validate` on ``day`` (the rules in force then, or ``rules``).

    Counted per severity and per layer (integrity, law, political agreement,
    local decision) and severity. pySHACL is imported only when this runs.
    """
    from .validate import validate

    report = validate(org.model, as_of=day, rules=rules, org=org)
    layers = _layers(org)
    counts: dict[tuple[str, str, str], int] = {}
    texts: dict[str, Text] = {}
    for finding in report.findings:
        if finding.layer in layers:
            order, key, text = layers[finding.layer]
        else:  # a layer outside the layer: scheme, or none: after the known ones, under its own words
            words = finding.layer or "—"
            order, key, text = f"~{words}", "-".join(words.split()) or "none", Text(words, words)
        texts[key] = text
        slot = (order, key, finding.severity.value)
        counts[slot] = counts.get(slot, 0) + 1
    ranks = {"violation": 0, "warning": 1, "info": 2}
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], ranks[item[0][2]]))
    return FindingCounts(tuple((key, texts[key], severity, n) for (_, key, severity), n in ordered))


def with_rules(rules: Sequence[str], metrics: Iterable[Metric] | None = None) -> list[Metric]:
    """The metrics (default :data:`METRICS`) with findings counted against ``rules`` (rule-set names or
    rule files, as ``govgraph validate --rules`` takes them) instead of the rules in force."""
    chosen = list(rules)
    bound = functools.partial(finding_counts, rules=chosen)
    return [Metric(m.key, m.title, bound) if m.compute is finding_counts else m
            for m in (METRICS if metrics is None else metrics)]


__all__ = ["FindingCounts", "finding_counts", "with_rules"]
