"""Keep a diff to the bodies a proposal is about: ``diff --focus BODY|AREA``.

A one-cluster proposal diffed against a whole era would list every other body of the era as
abolished. ``focused`` keeps the pairs with a body named by ``name`` (a label in either language,
an IRI or a local name) or of an area so named (a cluster, a council area), on either side, and the
transition gaps of those pairs.
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
    changes = tuple(c for c in result.changes if set(c.old) & olds or set(c.new) & news)
    gaps = tuple(g for g in result.gaps if set(g.old) & olds or set(g.new) & news)
    return replace(result, changes=changes, gaps=gaps)
