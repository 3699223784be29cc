"""What a chart shows: the bodies in force on a day, their lines, and an optional focus.

In: an :class:`~govgraph.model.Organization`, a day, an optional focus body and depth.
Out: a :class:`Scope` — sorted bodies, reporting and advisory lines between them,
and the bodies outside the model that a line points at (e.g. the regional council
from the reference data). Nothing here knows about graphviz.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ...errors import UsageError
from ...model import Body, Organization, subclasses
from ...names import matches, names_of
from ...vocab import GG

REPORTS = "reports"
ADVISES = "advises"


@dataclass(frozen=True, order=True)
class Line:
    """A line from ``source`` to ``target``: ``source`` reports to or advises ``target``."""

    source: URIRef
    target: URIRef
    kind: str  # REPORTS or ADVISES


@dataclass(frozen=True)
class Scope:
    """The part of an organization one chart draws."""

    org: Organization
    day: dt.date | None
    bodies: tuple[Body, ...]
    outside: tuple[URIRef, ...]
    lines: tuple[Line, ...]
    focus: URIRef | None = None
    depth: int | None = None

    def parents(self, iri: URIRef, kind: str = REPORTS) -> tuple[URIRef, ...]:
        return tuple(line.target for line in self.lines if line.source == iri and line.kind == kind)

    def children(self, iri: URIRef, kind: str = REPORTS) -> tuple[URIRef, ...]:
        return tuple(line.source for line in self.lines if line.target == iri and line.kind == kind)


def _in_force_outside(org: Organization, iri: URIRef, day: dt.date | None, body_classes: set[URIRef]) -> bool:
    """A node outside the scenario that a line points at: drawn when it is a body in force on the day."""
    graph = org.graph
    if not any(t in body_classes for t in graph.objects(iri, RDF.type)):
        return False
    if day is None:
        return True
    start = next((o.value for o in graph.objects(iri, GG.validFrom) if isinstance(o, Literal)), None)
    end = next((o.value for o in graph.objects(iri, GG.validUntil) if isinstance(o, Literal)), None)
    return (start is None or start <= day) and (end is None or day <= end)



def scope(org: Organization, day: dt.date | None = None, focus: str | None = None,
          depth: int | None = None) -> Scope:
    """The bodies in force on ``day`` (default: the scenario's date; all bodies when neither is known).

    ``focus`` (a label in either language, an IRI or an IRI's local name) with
    ``depth`` keeps the bodies within ``depth`` steps of it along reporting and
    advisory lines, in either direction. Raises :class:`UsageError` when no body
    is in force or the focus body is unknown.
    """
    day = day or org.date
    bodies = org.on(day)
    if not bodies:
        if not org.bodies:
            raise UsageError("the model has no bodies to draw (a body is typed with a gg:Body class such as "
                             "gg:Committee, or listed with gg:includesBody)",
                             da="modellen har ingen organer at tegne (et organ har en gg:Body-klasse som "
                                "gg:Committee, eller står i gg:includesBody)")
        spans = sorted(f"{b.valid_from or '…'} – {b.valid_until or '…'}" for b in org.bodies)
        raise UsageError(f"no body of the model is in force on {day} (the model's bodies run "
                         f"{', '.join(dict.fromkeys(spans))}); choose another --as-of",
                         da=f"intet organ i modellen gælder {day} (modellens organer gælder "
                            f"{', '.join(dict.fromkeys(spans))}); vælg en anden --as-of")
    known = {b.iri for b in org.bodies}
    body_classes = subclasses(org.graph, GG.Body)
    drawn = {b.iri for b in bodies}
    lines: set[Line] = set()
    outside: set[URIRef] = set()
    for body in bodies:
        for kind, targets in ((REPORTS, body.reports_to), (ADVISES, body.advises)):
            for target in targets:
                if target in drawn:
                    lines.add(Line(body.iri, target, kind))
                elif target not in known and _in_force_outside(org, target, day, body_classes):
                    outside.add(target)
                    lines.add(Line(body.iri, target, kind))
    result = Scope(org, day, tuple(bodies), tuple(sorted(outside, key=str)), tuple(sorted(lines)))
    if focus is None:
        if depth is not None:
            raise UsageError("--depth needs --focus BODY (the body to count the steps from)",
                             da="--depth kræver --focus ORGAN (det organ, skridtene tælles fra)")
        return result
    return _around(result, resolve(org, focus, day), 1 if depth is None else depth)


def _around(full: Scope, centre: URIRef, depth: int) -> Scope:
    if depth < 0:
        raise UsageError(f"--depth {depth} is negative; give 0 (the body alone) or more steps",
                         da=f"--depth {depth} er negativ; angiv 0 (organet alene) eller flere skridt")
    import networkx as nx  # only a focused chart needs it; importing it costs 0.1 s

    graph = nx.Graph()
    graph.add_nodes_from(str(b.iri) for b in full.bodies)
    graph.add_nodes_from(str(o) for o in full.outside)
    graph.add_edges_from((str(line.source), str(line.target)) for line in full.lines)
    keep = {URIRef(n) for n in nx.ego_graph(graph, str(centre), radius=depth, undirected=True)}
    return Scope(full.org, full.day,
                 tuple(b for b in full.bodies if b.iri in keep),
                 tuple(o for o in full.outside if o in keep),
                 tuple(line for line in full.lines if line.source in keep and line.target in keep),
                 focus=centre, depth=depth)


def resolve(org: Organization, name: str, day: dt.date | None) -> URIRef:
    """The body a user means by ``name``; a :class:`UsageError` with suggestions when none or several match."""
    names = {b.iri: names_of(org.graph, b.iri, (org.label(b.iri, "da"), org.label(b.iri, "en"))) for b in org.bodies}
    hits, close = matches(name, names)
    if len(hits) > 1:
        listed = "; ".join(f"{org.label(h)} <{h}>" for h in hits)
        raise UsageError(f"--focus {name!r} names more than one body ({listed}); give the IRI",
                         da=f"--focus {name!r} passer på mere end ét organ ({listed}); angiv IRI'en")
    if not hits:
        hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else \
            "give a body's label, IRI or local name (govgraph info lists them)"
        hint_da = f"mente du {' eller '.join(repr(c) for c in close)}?" if close else \
            "angiv et organs betegnelse, IRI eller lokale navn (govgraph info viser dem)"
        raise UsageError(f"--focus {name!r} is not a body of the model ({hint})",
                         da=f"--focus {name!r} er ikke et organ i modellen ({hint_da})")
    iri = hits[0]
    body = org.by_iri[iri]
    if not body.valid_on(day):
        raise UsageError(f"--focus {name!r}: {org.label(iri)} is not in force on {day} "
                         f"(in force {body.valid_from or '…'} – {body.valid_until or '…'}); choose another --as-of",
                         da=f"--focus {name!r}: {org.label(iri, 'da')} gælder ikke {day} "
                            f"(gælder {body.valid_from or '…'} – {body.valid_until or '…'}); vælg en anden --as-of")
    return iri


def by_area(full: Scope) -> list[tuple[URIRef | None, Scope]]:
    """``full`` split into one part per area (cluster, council area: a ``gg:Area``) and one for the bodies
    of no area (None, last), each with the lines among its own bodies; areas in the order of their IRIs."""
    area_classes = subclasses(full.org.graph, GG.Area)
    groups: dict[URIRef | None, list[URIRef]] = {}
    for b in full.bodies:
        is_area = b.area is not None and any(t in area_classes for t in full.org.graph.objects(b.area, RDF.type))
        groups.setdefault(b.area if is_area else None, []).append(b.iri)
    parts = []
    for area in sorted(groups, key=lambda a: (a is None, str(a or ""))):
        keep = set(groups[area])
        parts.append((area, Scope(full.org, full.day, tuple(b for b in full.bodies if b.iri in keep), (),
                                  tuple(line for line in full.lines if line.source in keep and line.target in keep))))
    return parts

