"""YAML proposals: JSON-LD written as YAML, with govgraph's context built in.

A YAML proposal is a JSON-LD document. When it has no ``@context`` (or in
front of the one it has) govgraph supplies :data:`CONTEXT`: every prefix of
:mod:`govgraph.vocab`, ``@base`` in the ``nj:`` namespace (so ``pk-midt`` means
``nj:pk-midt``), ``id``/``type``/``graph`` for ``@id``/``@type``/``@graph``, and
one short key per property, named after the property::

    graph:
      - id: pk-midt
        type: dkh:PoliticalHealthCluster
        label: {da: Politisk Sundhedsklynge Midt, en: Political Health Cluster Midt}
        level: level:Political
        validFrom: 2022-10-01
      - id: pk-midt-aalborg
        type: gg:Seat
        postIn: pk-midt
        role: role:Mayor
        represents: aalborg

Values that are things are ids (prefixed names, or local names in ``nj:``), not
labels: JSON-LD has no lookup by label. Any other JSON-LD (full IRIs, ``@value``
objects, nested nodes) is accepted as JSON-LD says. Remote contexts are refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDFS, TIME, XSD

from ..errors import InputError
from ..load import Parsed
from ..positions import Location, SourceMap
from ..vocab import GG, NJ, PREFIXES
from .resolve import CellError, Resolver

_IDS = {"postIn": ORG.postIn, "organization": ORG.organization, "member": ORG.member, "role": ORG.role,
        "reportsTo": ORG.reportsTo, "memberDuring": ORG.memberDuring,
        "originalOrganization": ORG.originalOrganization, "resultingOrganization": ORG.resultingOrganization,
        "side": GG.side, "represents": GG.represents, "office": GG.office, "appointedBy": GG.appointedBy,
        "approvedBy": GG.approvedBy, "requiresQualification": GG.requiresQualification, "seat": GG.seat,
        "level": GG.level, "area": GG.area, "hasTask": GG.hasTask, "advises": GG.advises, "status": GG.status,
        "topBody": GG.topBody, "includesBody": GG.includesBody, "source": DCTERMS.source,
        "hasBeginning": TIME.hasBeginning, "hasEnd": TIME.hasEnd}
_TYPED = {"validFrom": (GG.validFrom, XSD.date), "validUntil": (GG.validUntil, XSD.date),
          "effectiveDate": (GG.effectiveDate, XSD.date), "attestedOn": (GG.attestedOn, XSD.date),
          "date": (DCTERMS.date, XSD.date), "inXSDDate": (TIME.inXSDDate, XSD.date),
          "meetingsPerYear": (GG.meetingsPerYear, XSD.integer), "votingRight": (GG.votingRight, XSD.boolean),
          "adHoc": (GG.adHoc, XSD.boolean), "present": (GG.present, XSD.boolean)}

#: The context govgraph puts in front of every YAML proposal.
CONTEXT: dict[str, Any] = {
    **{prefix: str(ns) for prefix, ns in PREFIXES.items()},
    "@base": str(NJ),
    "id": "@id", "type": "@type", "graph": "@graph",
    "label": {"@id": str(RDFS.label), "@container": "@language"},
    "comment": {"@id": str(RDFS.comment), "@container": "@language"},
    "name": {"@id": str(FOAF.name)},
    **{key: {"@id": str(prop), "@type": "@id"} for key, prop in _IDS.items()},
    **{key: {"@id": str(prop), "@type": str(dtype)} for key, (prop, dtype) in _TYPED.items()},
}


def _plain(value: Any) -> Any:
    """YAML values as JSON values: dates (which YAML reads unquoted) become ISO text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _expand(value: Any, key: str = "") -> Any:
    """Prefixed names in id-valued keys as full IRIs.

    Some prefixes (role:, side:, level:, office:, status:) share their name with a
    property key, and JSON-LD 1.1 then no longer reads them as prefixes; expanding
    them here keeps ``role: role:Mayor`` meaning what it says.
    """
    if isinstance(value, dict):
        return {k: _expand(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, key) for v in value]
    if isinstance(value, str) and (key in _IDS or key in ("id", "@id", "type", "@type")):
        prefix, sep, local = value.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            return str(PREFIXES[prefix]) + local
    return value


def _id_lines(node: Any, found: dict[str, int]) -> None:
    """The line of every ``id:`` / ``@id:`` in the YAML node tree (first one wins)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in ("id", "@id") and isinstance(value, yaml.ScalarNode):
                found.setdefault(value.value, key.start_mark.line + 1)
            _id_lines(value, found)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _id_lines(item, found)


_SCHEMES = ("http:", "https:", "urn:", "mailto:", "tag:", "file:")


def _check_prefixes(path: Path, text: str, graph: Graph) -> None:
    """An IRI like ``rol:Mayor`` is a prefixed name with a typo in the prefix, not an IRI: say so."""
    for node in sorted({n for t in graph for n in t if isinstance(n, URIRef)}, key=str):
        iri = str(node)
        if not iri.startswith(_SCHEMES):
            prefix = iri.split(":", 1)[0]
            line = next((n for n, line in enumerate(text.splitlines(), start=1) if iri in line), 0)
            known = ", ".join(sorted(PREFIXES))
            raise InputError(f"{path}:{line}" if line else path, f"unknown prefix {prefix!r} in {iri!r}",
                             f"known prefixes: {known}",
                             da_what=f"ukendt præfiks {prefix!r} i {iri!r}", da_hint=f"kendte præfikser: {known}")


def read_yaml(path: Path, extra: Sequence[Path] = ()) -> Parsed:
    """A YAML proposal → its triples and the line of every node with an id.

    A reference written as a bare name (``represents: Aarhus``, ``role: borgmester``) that the document does
    not define resolves, like a workbook cell, against the vocabulary, the reference data and the ``extra``
    (``--context``) files: by label in Danish or English, by a common spelling or by local name."""
    import yaml

    from ..load import _decode, _read_bytes, _remote_contexts

    text = _decode(path, _read_bytes(path))
    try:
        document = yaml.safe_load(text)
        tree = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(where, f"YAML syntax error: {problem}", "check the indentation and the ':' after each key",
                         da_what=f"fejl i YAML-syntaksen: {problem}",
                         da_hint="tjek indrykningen og ':' efter hver nøgle") from None
    if isinstance(document, list):
        document = {"graph": document}
    if not isinstance(document, dict):
        raise InputError(path, "a YAML proposal is a mapping with a 'graph' list (or a list of things)",
                         "see README.md, section Spreadsheets",
                         da_what="et YAML-forslag har nøglen 'graph' med en liste af ting (eller er selv sådan en liste)",
                         da_hint="se README.md, afsnittet Spreadsheets")
    document = _expand(_plain(document))
    remote = _remote_contexts(document)
    if remote:
        raise InputError(path, f"remote JSON-LD context {remote[0]!r} refused: govgraph never fetches from the network",
                         "leave @context out (govgraph's is built in) or put it inline",
                         da_what=f"ekstern JSON-LD-kontekst {remote[0]!r} afvist: govgraph henter aldrig noget fra nettet",
                         da_hint="udelad @context (govgraphs egen er indbygget), eller skriv konteksten direkte i filen")
    document = _resolve_names(path, text, document, extra)
    own = document.pop("@context", None)
    document["@context"] = [CONTEXT, own] if own else CONTEXT
    graph = Graph()
    try:
        graph.parse(data=json.dumps(document), format="json-ld", base=str(NJ))
    except Exception as err:  # rdflib's JSON-LD parser raises many kinds
        raise InputError(path, f"cannot read as JSON-LD: {err}", da_what=f"kan ikke læses som JSON-LD: {err}") from None
    _check_prefixes(path, text, graph)
    lines: dict[str, int] = {}
    _id_lines(tree, lines)
    places = SourceMap()
    resolver = Resolver(Graph())
    for text_id, line in lines.items():
        try:
            node = resolver.new_id(text_id)
        except Exception:
            continue
        if isinstance(node, URIRef):
            places.add(node, Location(str(path), line))
    return Parsed(graph, places)


#: The domain (as in the workbook's columns) of each id-valued key whose value may be a name.
_NAMED: dict[str, tuple[str, bool]] = {
    "represents": ("party", True), "appointedBy": ("party", False), "approvedBy": ("party", False),
    "area": ("party", False), "postIn": ("body", True), "organization": ("body", True),
    "topBody": ("body", True), "includesBody": ("body", False), "reportsTo": ("body", False),
    "advises": ("body", False), "originalOrganization": ("body", False),
    "resultingOrganization": ("body", False), "role": ("role", True), "side": ("side", True),
    "level": ("level", True), "office": ("office", True), "status": ("status", True),
    "hasTask": ("task", True), "requiresQualification": ("qualification", True), "source": ("source", False),
}


_PREFIXED_NAME = re.compile(r"^[A-Za-z][\w.-]*:\S*$")


def _own_ids(node: Any, found: set[str]) -> None:
    """Every id the document itself gives (``id:`` / ``@id:``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("id", "@id") and isinstance(value, str):
                found.add(value)
            _own_ids(value, found)
    elif isinstance(node, list):
        for item in node:
            _own_ids(item, found)


def _resolve_names(path: Path, text: str, document: Any, extra: Sequence[Path]) -> Any:
    """Bare names in id-valued keys (``represents: Randers``, ``role: borgmester``) that the document does not
    define as ids → full IRIs of the things they name, before JSON-LD reads them (it would drop a name with a
    space). A prefixed name or IRI is left as it is."""
    from .read import context_graph

    own: set[str] = set()
    _own_ids(document, own)
    state: dict[str, Resolver] = {}

    def resolver() -> Resolver:
        if "r" not in state:
            state["r"] = Resolver(context_graph(extra))
        return state["r"]

    def one(key: str, value: str) -> str:
        if value in own or value.startswith(_SCHEMES) or value.startswith("_:"):
            return value
        if _PREFIXED_NAME.match(value):
            return value  # a prefixed name: a known prefix, or a typo _check_prefixes reports
        domain, must_exist = _NAMED[key]
        try:
            node = resolver().resolve(value, domain, must_exist=must_exist)
        except CellError as err:
            line = next((n for n, row in enumerate(text.splitlines(), start=1)
                         if row.strip().startswith(f"{key}:") and value in row), 0)
            raise err.at(f"{path}:{line}" if line else str(path)) from None
        return str(node)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in _NAMED and isinstance(value, str):
                    out[key] = one(key, value)
                elif key in _NAMED and isinstance(value, list):
                    out[key] = [one(key, v) if isinstance(v, str) else walk(v) for v in value]
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(document)
