"""Turn what a person types in a cell into an IRI, and back.

A cell may hold a label in Danish or English ("borgmester", "mayor", "Aalborg",
"Klynge Midt"), a local name ("Mayor", "aalborg", "pk-midt"), a prefixed name
("role:Mayor", "nj:aalborg"), a full IRI in angle brackets or a blank node
("_:b1"). What a column accepts is its *domain*: the concepts of one SKOS
scheme, the body types, the bodies, the parties a seat can represent, … The
candidates of a domain come from a graph: the vocabulary and reference data
plus what the workbook itself defines.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS
from rdflib.term import Node

from ..errors import InputError
from ..model import subclasses
from ..vocab import GG, NJ, PREFIXES, SRC
from .schema import DOMAINS, SCHEMES

_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*)?:([^\s<>\"]*)$")
_LOCAL = re.compile(r"^[A-Za-z0-9_][\w.\-]*$")
#: Domains whose values are free ids: anything well formed is accepted.
FREE = {"person", "any"}
_PARTY_CLASSES = (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
                  ORG.OrganizationalCollaboration, GG.Area, GG.Body)


class CellError(Exception):
    """A cell value that cannot be understood: ``what`` is wrong, ``hint`` what is allowed;
    ``da_what`` and ``da_hint`` the same in Danish (the reader passes all four on to :class:`InputError`)."""

    def __init__(self, what: str, hint: str = "", da_what: str = "", da_hint: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.hint = hint
        self.da_what = da_what
        self.da_hint = da_hint

    def at(self, where: str) -> InputError:
        """The same complaint as an input error at a cell (``where``: file, sheet, row, column)."""
        return InputError(where, self.what, self.hint, self.da_what, self.da_hint)


#: Danish nouns of the domains that are neuter ("ét organ"); the others take "én".
_NEUTER_DA = {"body", "level", "office"}


def _one_da(domain: str) -> str:
    """'én rolle', 'ét organ': one thing of ``domain`` in Danish."""
    return ("ét " if domain in _NEUTER_DA else "én ") + DOMAINS[domain][1]


def norm(text: str) -> str:
    """Compare names case- and space-insensitively."""
    return " ".join(text.casefold().split())


@dataclass
class Resolver:
    """Names of the things in a graph, by domain, for reading and writing cells."""

    graph: Graph
    lang: str = "en"
    prefixes: dict[str, str] = field(default_factory=lambda: {k: str(v) for k, v in PREFIXES.items()})
    blank: dict[str, BNode] = field(default_factory=dict)

    def __post_init__(self) -> None:
        g = self.graph
        body_types = {c for c in subclasses(g, GG.Body) if isinstance(c, URIRef)}
        party_types: set[URIRef] = set()
        for cls in _PARTY_CLASSES:
            party_types |= {c for c in subclasses(g, cls) if isinstance(c, URIRef)}
        self.members: dict[str, set[Node]] = {name: set() for name in DOMAINS}
        for name, scheme in SCHEMES.items():
            self.members[name] = {s for s in g.subjects(SKOS.inScheme, scheme)}
        self.members["body-type"] = set(body_types)
        self.members["body"] = {s for t in body_types for s in g.subjects(RDF.type, t)}
        self.members["party"] = {s for t in party_types for s in g.subjects(RDF.type, t)}
        self.members["seat"] = set(g.subjects(RDF.type, GG.Seat))
        self.members["person"] = set(g.subjects(RDF.type, FOAF.Person))
        self.members["source"] = set(g.subjects(RDF.type, DCTERMS.BibliographicResource)) | {
            s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(SRC))}
        self._names: dict[str, dict[str, set[Node]]] = {}

    # ------------------------------------------------------------ names
    def names_of(self, node: Node) -> set[str]:
        """Every name a person may type for ``node``: labels, short labels, local name."""
        g = self.graph
        names: set[str] = set()
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for value in g.objects(node, prop):
                names.add(norm(str(value)))
                # "Aalborg Kommune" is also "Aalborg": drop the name of the thing's class.
                for cls in g.objects(node, RDF.type):
                    for word in g.objects(cls, RDFS.label):
                        text, suffix = norm(str(value)), " " + norm(str(word))
                        if text.endswith(suffix) and len(text) > len(suffix):
                            names.add(text[: -len(suffix)])
        if isinstance(node, URIRef):
            names.add(norm(local_name(node)))
        return names

    def _index(self, domain: str) -> dict[str, set[Node]]:
        if domain not in self._names:
            index: dict[str, set[Node]] = {}
            for node in self.members[domain]:
                for name in self.names_of(node):
                    index.setdefault(name, set()).add(node)
            self._names[domain] = index
        return self._names[domain]

    def label(self, node: Node, lang: str | None = None) -> str:
        """The label shown for a concept in ``lang`` (prefLabel or label), else ''."""
        want = lang or self.lang
        for prop in (SKOS.prefLabel, RDFS.label):
            values = sorted(str(v) for v in self.graph.objects(node, prop) if getattr(v, "language", None) == want)
            if values:
                return values[0]
        return ""

    def allowed(self, domain: str, typed: str = "", limit: int = 12, lang: str | None = None) -> str:
        """'allowed: …' for a message: the closest names first, then the others, at most ``limit``.

        ``lang="da"``: the same in Danish ('mulige værdier: …'), the names by their Danish labels.
        """
        da = lang == "da"
        show = {n: self.label(n, lang) or self.short(n) for n in self.members[domain]}
        shown = sorted(set(show.values()), key=norm)
        if not shown:
            return ""
        # Close matches among every name (both languages, short forms, ids) come first.
        index = self._index(domain)
        close_names = difflib.get_close_matches(norm(typed), sorted(index), n=3, cutoff=0.6) if typed else []
        close = list(close_names)  # as the user would type them, e.g. "borgmester" for "borgmster"
        near = {show[n] for name in close_names for n in index[name]}
        ordered = close + [s for s in shown if s not in near and norm(s) not in close]
        text = ", ".join(ordered[:limit])
        if len(ordered) > limit:
            text += f", … ({len(ordered)} i alt, se arket \"Lister\")" if da else \
                f", … ({len(ordered)} in all, see the sheet Lists)"
        return f"mulige værdier: {text}" if da else f"allowed: {text}"

    # ------------------------------------------------------------ reading
    def term(self, text: str) -> Node | None:
        """An explicit id: a blank node, an IRI in <…>, a full http(s) IRI or a known prefixed name."""
        if text.startswith("_:") and _LOCAL.match(text[2:]):
            return self.blank.setdefault(text[2:], BNode())
        if text.startswith("<") and text.endswith(">") and " " not in text:
            return URIRef(text[1:-1])
        if re.match(r"^https?://\S+$", text):
            return URIRef(text)
        match = _PREFIXED.match(text)
        if match and (match.group(1) or "") in self.prefixes:
            return URIRef(self.prefixes[match.group(1) or ""] + match.group(2))
        return None

    def new_id(self, text: str) -> Node:
        """The id of a row: an explicit id, or a local name in the nj: namespace."""
        node = self.term(text)
        if node is not None:
            return node
        if _LOCAL.match(text):
            return NJ[text]
        raise CellError(f"{text!r} is not an id",
                        "write a short name of letters, digits and '-', e.g. pk-midt, or a prefixed name such as nj:pk-midt",
                        f"{text!r} er ikke et id",
                        "skriv et kort navn af bogstaver, tal og '-', fx pk-midt, eller et navn med præfiks som nj:pk-midt")

    def resolve(self, text: str, domain: str, must_exist: bool = False) -> Node:
        """The thing a cell names in ``domain``, or a :class:`CellError` saying what is allowed."""
        noun = DOMAINS[domain][0 if self.lang != "da" else 1]
        node = self.term(text)
        closed = domain not in FREE and (must_exist or domain in SCHEMES or domain == "body-type")
        if node is None:
            found = self._index(domain).get(norm(text), set()) if domain not in FREE else set()
            if len(found) > 1:
                ids = ", ".join(sorted(self.short(n) for n in found))
                raise CellError(f"{text!r} names more than one {noun}", f"write one of the ids: {ids}",
                                f"{text!r} kan betyde mere end {_one_da(domain)}", f"skriv et af disse id'er: {ids}")
            if found:
                return next(iter(found))
            if closed or not _LOCAL.match(text):
                raise self._unknown(domain, noun, text)
            node = NJ[text]
        if closed and node not in self.members[domain] and not isinstance(node, BNode):
            raise self._unknown(domain, noun, text)
        return node

    def _unknown(self, domain: str, noun: str, text: str) -> CellError:
        return CellError(f"unknown {noun} {text!r}", self.allowed(domain, text),
                         f"ukendt {DOMAINS[domain][1]} {text!r}", self.allowed(domain, text, lang="da"))

    # ------------------------------------------------------------ writing
    def short(self, node: Node) -> str:
        """The shortest id text for a node: local name in nj:, else prefixed name, else <IRI>."""
        if isinstance(node, BNode):
            label = next((k for k, v in sorted(self.blank.items()) if v == node), str(node))
            return f"_:{label}"
        iri = str(node)
        if iri.startswith(str(NJ)) and _LOCAL.match(iri[len(str(NJ)):]):
            return iri[len(str(NJ)):]
        best = ""
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and len(ns) > len(best) and _local_ok(iri[len(ns):]):
                best = ns
                chosen = f"{prefix}:{iri[len(ns):]}"
        return chosen if best else f"<{iri}>"


def _local_ok(local: str) -> bool:
    return local == "" or bool(re.match(r"^[\w][\w.\-]*$", local)) and not local.endswith(".")


def local_name(node: URIRef) -> str:
    text = str(node)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            return text.rstrip(sep).rsplit(sep, 1)[-1]
    return text
