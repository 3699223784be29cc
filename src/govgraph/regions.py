"""Which region a body belongs to, and bodies grouped by region.

A secretariat in Region Midtjylland, or an analyst for all of Denmark, reads a run of many bodies
per region. The region of a body is read from the data, in this order:

1. its area (``gg:area``): the area's ``gg:region``, or the area itself when it is a region;
2. the body's line up (``org:subOrganizationOf``, then ``org:reportsTo``) to a region or to a body
   of a region (a committee of the regional council lies in the region);
3. the regions of the municipalities its seats stand for, when they are all of one region;

else it has none. A region that has ended on the day (Region Hovedstaden and Region Sjælland after
31 December 2026) is replaced by its successor through the ``org:ChangeEvent`` that merged it
(Region Østdanmark), so a 2027 body is grouped by the region in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import ORG, RDF

from .errors import UsageError
from .i18n import Text
from .model import Body, label
from .names import matches, names_of
from .vocab import GG

#: How far up org:subOrganizationOf / org:reportsTo a region is looked for (a cycle stops there too).
_MAX_STEPS = 8


def _dates(graph: Graph, node: URIRef) -> tuple[dt.date | None, dt.date | None]:
    def first(prop: URIRef) -> dt.date | None:
        values = sorted(o.value for o in graph.objects(node, prop)
                        if isinstance(o, Literal) and isinstance(o.value, dt.date))
        return values[0] if values else None

    return first(GG.validFrom), first(GG.validUntil)


def successors(graph: Graph, region: Node) -> list[URIRef]:
    """The regions an ``org:ChangeEvent`` made of ``region`` (its ``org:originalOrganization`` →
    ``org:resultingOrganization``), one step, sorted: the one reading of a merger that the region lookups share."""
    return sorted({r for event in graph.subjects(ORG.originalOrganization, region)
                   for r in graph.objects(event, ORG.resultingOrganization)
                   if isinstance(r, URIRef) and (r, RDF.type, GG.Region) in graph}, key=str)


def in_force(graph: Graph, region: URIRef, day: dt.date | None) -> URIRef:
    """``region``, or on a day after it ended, the region a change event made of it (followed to the end)."""
    seen = {region}
    while day is not None:
        _start, end = _dates(graph, region)
        if end is None or day <= end:
            break
        after = successors(graph, region)
        if len(after) != 1 or after[0] in seen:
            break
        region = after[0]
        seen.add(region)
    return region


def holds_region(graph: Graph, region: URIRef, other: Node, day: dt.date | None = None) -> bool:
    """Whether ``other`` (a region a municipality's ``gg:region`` names) is ``region`` or counts as it on
    ``day`` through a merger: Region Hovedstaden's municipalities are Region Østdanmark's on 2027 dates. With
    no day, every merger counts (the region as the data leaves it)."""
    if other == region:
        return True
    return isinstance(other, URIRef) and in_force(graph, other, day or dt.date.max) == region


def _is_region(graph: Graph, node: object) -> bool:
    return isinstance(node, URIRef) and (node, RDF.type, GG.Region) in graph


def _of_node(graph: Graph, node: URIRef) -> URIRef | None:
    """The region of an area or a body: itself, its gg:region, its area's, or one step up."""
    if _is_region(graph, node):
        return node
    for region in sorted(graph.objects(node, GG.region), key=str):
        if _is_region(graph, region):
            return region  # type: ignore[return-value]
    return None


def region_of(graph: Graph, body: Body | URIRef, day: dt.date | None = None) -> URIRef | None:
    """The region a body lies in on ``day`` (see the module's text for the order), or None."""
    iri = body.iri if isinstance(body, Body) else body
    found: URIRef | None = None
    frontier, seen = [iri], {iri}
    for _ in range(_MAX_STEPS):
        step: list[URIRef] = []
        for node in frontier:
            for area in sorted(graph.objects(node, GG.area), key=str):
                if isinstance(area, URIRef):
                    found = found or _of_node(graph, area)
            if found is None:
                found = _of_node(graph, node)
            for prop in (ORG.subOrganizationOf, ORG.reportsTo):
                step += [o for o in sorted(graph.objects(node, prop), key=str)
                         if isinstance(o, URIRef) and o not in seen]
            if found is not None:
                break
        if found is not None or not step:
            break
        seen.update(step)
        frontier = step
    if found is None:
        found = _by_constituencies(graph, iri)
    return in_force(graph, found, day) if found is not None else None


def _by_constituencies(graph: Graph, body: URIRef) -> URIRef | None:
    regions = set()
    for seat in graph.subjects(ORG.postIn, body):
        for node in graph.objects(seat, GG.represents):
            if _is_region(graph, node):
                regions.add(node)
            elif (node, RDF.type, GG.Municipality) in graph:
                regions.update(r for r in graph.objects(node, GG.region) if _is_region(graph, r))
    return next(iter(regions)) if len(regions) == 1 else None  # type: ignore[return-value]


@dataclass(frozen=True)
class RegionName:
    """A region (None: bodies that lie in no region the data knows) and its name in both languages."""

    iri: URIRef | None
    name: Text

    @property
    def key(self) -> tuple[bool, str]:
        """Regions in name order (Danish, as the data's own names), bodies of no region last."""
        return (self.iri is None, self.name.da)


NO_REGION = Text("Uden region", "No region")


def region_name(graph: Graph | None, region: URIRef | None) -> RegionName:
    """A region and its names (``None``: the group of bodies of no region)."""
    if region is None or graph is None:
        return RegionName(None, NO_REGION)
    return RegionName(region, Text(label(graph, region, "da"), label(graph, region, "en")))


def resolve_region(graphs: Iterable[Graph], name: str, day: dt.date | None = None) -> URIRef:
    """The region a user means by ``name`` ("Midtjylland", "Region Midtjylland", "Central Denmark Region",
    ``dk:region-midtjylland``'s local name), looked up in every graph given; a :class:`UsageError` with the
    closest names when none fits, or one listing both when two do."""
    names: dict[URIRef, set[str]] = {}
    for graph in graphs:
        for region in graph.subjects(RDF.type, GG.Region):
            if isinstance(region, URIRef):
                names.setdefault(region, set()).update(names_of(graph, region))
    hits, close = matches(name, names)
    if len(hits) > 1:
        listed = ", ".join(f"<{h}>" for h in hits)
        raise UsageError(f"--region {name!r} names more than one region ({listed}); give the IRI",
                         da=f"--region {name!r} passer på mere end én region ({listed}); angiv IRI'en")
    if not hits:
        listed = " or ".join(repr(c) for c in close)
        raise UsageError(f"--region {name!r} is not a region of the data "
                         f"({'did you mean ' + listed + '?' if close else 'give a region by its name'})",
                         da=f"--region {name!r} er ikke en region i data "
                            f"({'mente du ' + listed.replace(' or ', ' eller ') + '?' if close else 'angiv en region ved navn'})")
    return hits[0]


__all__ = ["NO_REGION", "RegionName", "holds_region", "in_force", "successors", "region_name", "region_of", "resolve_region"]
