"""Where a node is written: rdflib keeps no positions, so we find them ourselves.

Each reader returns a :class:`SourceMap` next to its graph. For Turtle and
N-Triples the text is scanned once for IRIs and prefixed names; a node's place
is the first line where it stands as a subject (at the start of a statement),
else the first line it appears on. Spreadsheet readers fill the map with
sheet/row/column locations instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from .errors import danish_place


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file: a line, or a sheet cell description."""

    file: str
    line: int = 0
    detail: str = ""

    def __str__(self) -> str:
        if self.detail:
            return f"{self.file}: {self.detail}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file

    def text(self, lang: str = "en") -> str:
        """As :meth:`__str__`, with a spreadsheet place in the reader's language (ark, række, kolonne)."""
        if lang != "da" or not self.detail:
            return str(self)
        return f"{self.file}: {danish_place(self.detail)}"


@dataclass
class SourceMap:
    """Node → where it is defined, across all loaded files."""

    places: dict[Node, Location] = field(default_factory=dict)
    #: (node, property) → the cell that gives the node that property (spreadsheets only).
    cells: dict[tuple[Node, Node], Location] = field(default_factory=dict)

    def add(self, node: Node, location: Location, *, overwrite: bool = False) -> None:
        if overwrite or node not in self.places:
            self.places[node] = location

    def add_cell(self, node: Node, prop: Node, location: Location) -> None:
        self.cells.setdefault((node, prop), location)

    def update(self, other: SourceMap) -> None:
        for node, loc in other.places.items():
            self.add(node, loc)
        for key, loc in other.cells.items():
            self.cells.setdefault(key, loc)

    def locate(self, node: Node, graph: Graph | None = None) -> Location | None:
        """The node's place; a blank node borrows the place of a subject that refers to it."""
        if node in self.places:
            return self.places[node]
        if isinstance(node, BNode) and graph is not None:
            seen: set[Node] = {node}
            frontier = [node]
            while frontier:
                current = frontier.pop()
                for subject in sorted(graph.subjects(None, current), key=str):
                    if subject in self.places:
                        return self.places[subject]
                    if isinstance(subject, BNode) and subject not in seen:
                        seen.add(subject)
                        frontier.append(subject)
        return None


_PREFIX_DECL = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_BASE_DECL = re.compile(r"(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE)
_TOKEN = re.compile(r"<([^<>\s\"]*)>|(?<![\w:/#\"])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:((?:[\w-]|\.(?=[\w-]))*)")


def scan_text(path: Path, text: str, graph: Graph) -> SourceMap:
    """Positions of the graph's subjects (and first mentions of other IRIs) in Turtle/N-Triples text."""
    prefixes = {m.group(1) or "": m.group(2) for m in _PREFIX_DECL.finditer(text)}
    base_match = _BASE_DECL.search(text)
    base = base_match.group(1) if base_match else ""
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    first_subject: dict[URIRef, int] = {}
    first_any: dict[URIRef, int] = {}
    # The same names recur on thousands of lines (org:postIn, gg:side, …): resolve each spelling once.
    # The prefixes are those of the whole text, so a spelling always resolves to the same IRI.
    resolved: dict[str, URIRef | None] = {}
    in_statement = False  # whether the current statement already has a subject
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw) if "#" in raw else raw  # most lines have no '#' at all
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] in "@pPbB" and stripped.lower().startswith(("@prefix", "prefix", "@base", "base")):
            continue
        for match in _TOKEN.finditer(line):
            spelling = match.group(0)
            node = resolved.get(spelling, _UNSEEN)
            if node is _UNSEEN:
                iri = _resolve(match, prefixes, base)
                node = resolved[spelling] = URIRef(iri) if iri is not None else None
            if node is None:
                continue
            if node not in first_any:
                first_any[node] = lineno
            if not in_statement and node in subjects and not line[: match.start()].strip():
                first_subject.setdefault(node, lineno)
            in_statement = True
        if stripped.endswith("."):
            in_statement = False
    result = SourceMap()
    name = str(path)
    for node, lineno in first_any.items():
        result.add(node, Location(name, first_subject.get(node, lineno)))
    for node, lineno in first_subject.items():
        result.add(node, Location(name, lineno), overwrite=True)
    return result


_UNSEEN = object()


def _strip_comment(line: str) -> str:
    # A '#' outside IRIs and strings starts a comment. Good enough for locating.
    in_iri = in_str = False
    for i, ch in enumerate(line):
        if ch == "<" and not in_str:
            in_iri = True
        elif ch == ">" and in_iri:
            in_iri = False
        elif ch == '"' and not in_iri:
            in_str = not in_str
        elif ch == "#" and not in_iri and not in_str:
            return line[:i]
    return line


def _resolve(match: re.Match[str], prefixes: dict[str, str], base: str) -> str | None:
    if match.group(1) is not None:
        iri = match.group(1)
        if base and not re.match(r"^[A-Za-z][\w+.-]*:", iri):
            return base + iri
        return iri
    prefix = match.group(2) or ""
    if prefix == "_" or prefix not in prefixes:
        return None
    return prefixes[prefix] + match.group(3)
