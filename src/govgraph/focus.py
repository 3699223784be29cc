"""Keep a diff to the bodies a proposal is about: ``diff --focus BODY|AREA``.

A one-cluster proposal diffed against a whole era would list every other body of the era as
abolished. ``focused`` keeps the pairs with a body named by ``name`` (a label in either language,
an IRI or a local name) or of an area so named (a cluster, a council area), on either side, and the
transition gaps of those pairs; ``within_areas`` does the same for the areas of
``proposal_areas`` (every body of a one-cluster proposal lies in its cluster), which the report uses
when no focus is given.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from .diff import Diff
from .errors import UsageError
from .model import Organization


def _names(org: Organization, node: URIRef) -> set[str]:
    names = {str(node), org.label(node, "da"), org.label(node, "en"),
             str(node).rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]}
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        names.update(str(o) for o in org.graph.objects(node, prop) if isinstance(o, Literal))
    return names


def bodies_named(org: Organization, name: str) -> set[URIRef]:
    """The bodies of ``org`` that ``name`` names, or whose area it names."""
    wanted = name.strip().casefold()
    found = set()
    for body in org.bodies:
        if wanted in {n.casefold() for n in _names(org, body.iri)}:
            found.add(body.iri)
        elif body.area is not None and wanted in {n.casefold() for n in _names(org, body.area)}:
            found.add(body.iri)
    return found


def proposal_areas(new: Organization) -> tuple[URIRef, ...]:
    """The area a proposal is about when every one of its bodies lies in that one area (a one-cluster
    proposal); else () — a region-wide model is compared whole."""
    areas = {b.area for b in new.bodies}
    if len(areas) != 1 or None in areas:
        return ()
    return tuple(a for a in areas if a is not None)


def within_areas(result: Diff, old: Organization, new: Organization, areas: tuple[URIRef, ...]) -> Diff:
    """Only the pairs (and gaps) with a body of one of ``areas`` on either side."""
    olds = {b.iri for b in old.bodies if b.area in areas}
    news = {b.iri for b in new.bodies if b.area in areas}
    return _keep(result, olds, news)


def _keep(result: Diff, olds: set[URIRef], news: set[URIRef]) -> Diff:
    changes = tuple(c for c in result.changes if set(c.old) & olds or set(c.new) & news)
    gaps = tuple(g for g in result.gaps if set(g.old) & olds or set(g.new) & news)
    return replace(result, changes=changes, gaps=gaps)


def focused(result: Diff, old: Organization, new: Organization, name: str) -> Diff:
    """Only the pairs (and transition gaps) about the body or area ``name``; :class:`UsageError` if it names none."""
    olds, news = bodies_named(old, name), bodies_named(new, name)
    if not olds and not news:
        every = sorted({org.label(b.iri, lang) for org in (old, new) for b in org.bodies for lang in ("da", "en")}
                       | {org.label(b.area, lang) for org in (old, new) for b in org.bodies if b.area is not None
                          for lang in ("da", "en")})
        close = difflib.get_close_matches(name, every, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(map(repr, close))}?" if close else "give a body's or an area's name"
        hint_da = f"mente du {' eller '.join(map(repr, close))}?" if close else "angiv et organs eller områdes navn"
        raise UsageError(f"--focus {name!r} names no body or area of either model ({hint})",
                         da=f"--focus {name!r} er hverken et organ eller et område i nogen af modellerne ({hint_da})")
    return _keep(result, olds, news)
