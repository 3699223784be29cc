"""Lint checks of areas (health clusters, health-council areas) in the user's files.

A council area must list only municipalities of its own region, and no
municipality may lie in two council areas in force on the same day. Both are
lint problems at the area's ``file:line``: the model is ill-formed before any
rule can judge a body that serves the area. A municipality of a region that a
change event merges into another (Hovedstaden and Sjælland into Region
Østdanmark, 2027) lies in the resulting region too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rdflib import Graph, Literal
from rdflib.namespace import ORG, RDF
from rdflib.term import Node

from .load import Model
from .model import label, subclasses
from .regions import successors
from .report import Finding, Severity
from .vocab import DKH, GG

_MESSAGES = {
    "area-region": ("Området {area} har {municipality} som part, men kommunen ligger i {other}, ikke i {region}.",
                    "The area {area} lists {municipality}, which lies in {other}, not in {region}.",
                    "fjern kommunen fra området, eller ret områdets gg:region",
                    "remove the municipality from the area, or correct the area's gg:region"),
    "area-overlap": ("{municipality} ligger i to sundhedsrådsområder på samme tid: {area} og {other}.",
                     "{municipality} lies in two health-council areas in force at the same time: {area} and {other}.",
                     "en kommune hører til ét sundhedsråd; fjern den fra det ene område, eller giv områderne datoer, der ikke overlapper",
                     "a municipality belongs to one health council; remove it from one area, or give the areas dates that do not overlap"),
}

_FAR_PAST, _FAR_FUTURE = dt.date.min, dt.date.max


def _date(graph: Graph, node: Node, prop: Node, default: dt.date) -> dt.date:
    for value in graph.objects(node, prop):
        if isinstance(value, Literal) and isinstance(value.toPython(), dt.date):
            return value.toPython()
    return default


def _span(graph: Graph, node: Node) -> tuple[dt.date, dt.date]:
    return _date(graph, node, GG.validFrom, _FAR_PAST), _date(graph, node, GG.validUntil, _FAR_FUTURE)


def _with_successors(graph: Graph, regions: set[Node]) -> set[Node]:
    """``regions`` and every region a change event (org:originalOrganization →
    org:resultingOrganization) turns them into, transitively."""
    found, todo = set(regions), list(regions)
    while todo:
        for successor in successors(graph, todo.pop()):
            if successor not in found:
                found.add(successor)
                todo.append(successor)
    return found


def _finding(model: Model, rule: str, node: Node, **nodes: Node) -> Finding:
    """A finding at ``node``'s place; ``nodes`` are named in each language by their labels."""
    da, en, da_hint, en_hint = _MESSAGES[rule]
    g = model.graph
    da_values = {k: label(g, v, "da") for k, v in nodes.items()}
    en_values = {k: label(g, v, "en") for k, v in nodes.items()}
    return Finding(rule=f"lint:{rule}", severity=Severity.VIOLATION,
                   message={"da": f"{da.format(**da_values)} ({da_hint})", "en": f"{en.format(**en_values)} ({en_hint})"},
                   focus=en_values["area"], location=model.locate(node, ORG.hasMember),
                   layer="integrity", focus_iri=str(node))


def area_findings(model: Model) -> Iterator[Finding]:
    """Council areas and clusters of the user's files that list a municipality of another region,
    and municipalities in two council areas in force at once."""
    g, user = model.graph, model.user
    area_classes = subclasses(g, GG.Area)
    council_classes = subclasses(g, DKH.HealthCouncilArea)
    municipality_classes = subclasses(g, GG.Municipality)
    mine = sorted({s for s, o in user.subject_objects(RDF.type) if o in area_classes}, key=str)
    for area in mine:
        regions = set(g.objects(area, GG.region))
        for member in sorted(g.objects(area, ORG.hasMember), key=str):
            if not any(t in municipality_classes for t in g.objects(member, RDF.type)):
                continue
            theirs = set(g.objects(member, GG.region))
            if regions and theirs and not regions & _with_successors(g, theirs):
                yield _finding(model, "area-region", area, area=area, municipality=member,
                               other=sorted(theirs, key=str)[0], region=sorted(regions, key=str)[0])
    councils = sorted({s for s, o in g.subject_objects(RDF.type) if o in council_classes}, key=str)
    mine_councils = [a for a in mine if a in councils]
    for area in mine_councils:
        start, end = _span(g, area)
        for other in councils:
            if other == area or (other in mine_councils and str(other) < str(area)):
                continue  # each pair of the user's own areas once
            o_start, o_end = _span(g, other)
            if o_start > end or start > o_end:
                continue
            shared = set(g.objects(area, ORG.hasMember)) & set(g.objects(other, ORG.hasMember))
            for member in sorted(shared, key=str):
                if any(t in municipality_classes for t in g.objects(member, RDF.type)):
                    yield _finding(model, "area-overlap", area, area=area, other=other, municipality=member)
