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

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDFS, TIME, XSD

from .. import limits
from ..errors import InputError
from ..load import Parsed
from ..wellformed import refuse_bad_ids, refuse_remote
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


def _id_lines(tree: Any, found: dict[str, int]) -> None:
    """The line of every ``id:`` / ``@id:`` in the YAML node tree (first one wins; a node shared
    through an alias is visited once)."""
    import yaml

    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value in ("id", "@id") and isinstance(value, yaml.ScalarNode):
                    found.setdefault(value.value, key.start_mark.line + 1)
            stack.extend(value for _, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _compose(path: Path, text: str) -> tuple[Any, Any]:
    """The YAML node tree and the document it gives, within the caps of :mod:`govgraph.limits`:
    aliases (billion laughs), nesting depth and the values once aliases are expanded; an alias to
    a node that contains it (``&a [*a]``) is refused. Dates stay text: JSON-LD types them, and a
    date that does not exist (2022-02-30) becomes a clear load error instead of a crash."""
    loader = _Loader(text)
    loader.path = path
    try:
        tree = loader.get_single_node()
        if tree is not None:
            _check_expanded_size(path, tree)
        return tree, (loader.construct_document(tree) if tree is not None else None)
    finally:
        loader.dispose()


def _check_expanded_size(path: Path, tree: Any) -> None:
    import yaml

    cap = limits.current().nodes
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:  # depth is bounded by the depth cap, so recursion is safe
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(v) for v in node.value)
        if total > cap:
            raise limits.exceeded(f"{path}:{node.start_mark.line + 1}", "nodes")
        sizes[id(node)] = total
        return total

    size(tree)


def _loader_class() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        """PyYAML's safe loader that counts aliases and depth while composing, and reads dates as text."""

        path = Path(".")

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.caps = limits.current()
            self.alias_count, self.depth = 0, 0
            self.open_anchors: list[str] = []

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            where = f"{self.path}:{event.start_mark.line + 1}"
            if isinstance(event, yaml.AliasEvent):
                self.alias_count += 1
                if self.alias_count > self.caps.yaml_aliases:
                    raise limits.exceeded(where, "yaml_aliases")
                if event.anchor in self.open_anchors:
                    raise InputError(where, f"the alias *{event.anchor} refers to a node that contains it",
                                     "copy the values instead of an endless alias",
                                     da_what=f"aliasset *{event.anchor} henviser til en knude, der indeholder det",
                                     da_hint="gentag værdierne i stedet for et uendeligt alias")
                return super().compose_node(parent, index)
            self.depth += 1
            if self.depth > self.caps.depth:
                raise limits.exceeded(where, "depth")
            self.open_anchors.append(event.anchor)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1
                self.open_anchors.pop()

    Loader.yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return Loader


class _LazyLoader:
    """The loader class, built on first use so that loading Turtle never imports PyYAML."""

    cls: type | None = None

    def __call__(self, text: str) -> Any:
        if self.cls is None:
            type(self).cls = _loader_class()
        return self.cls(text)  # type: ignore[misc]


_Loader = _LazyLoader()


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

    from ..load import _decode, _read_bytes

    text = _decode(path, _read_bytes(path))
    try:
        tree, document = _compose(path, text)
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
    refuse_remote(path, document, "leave @context out (govgraph's is built in) or put it inline",
                  "udelad @context (govgraphs egen er indbygget), eller skriv konteksten direkte i filen")
    # Names (e.g. "Randers Kommune") are resolved to ids first; then what is left must be a well-formed id.
    document = _resolve_names(path, text, document, extra)
    refuse_bad_ids(path, text, document, frozenset({"id", "@id", "type", "@type", *_IDS}))
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
