"""Where a node is written: rdflib keeps no positions, so we find them ourselves.

Each reader returns a :class:`SourceMap` next to its graph. For Turtle and
N-Triples the text is scanned once for IRIs and prefixed names; a node's place
is the first line where it stands as a subject (at the start of a statement),
else the first line it appears on. Spreadsheet readers fill the map with
sheet/row/column locations instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
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


class ScannedLater(SourceMap):
    """A :class:`SourceMap` of a Turtle text that is scanned (:func:`scan_text`) on first use: most
    parsed files (rule files, vocabularies) are never asked where a node is."""

    def __init__(self, path: Path, text: str, graph: Graph | None) -> None:  # noqa: D107 - no dataclass init
        self._source: tuple[Path, str, Graph | None] | None = (path, text, graph)
        self._scanned: SourceMap | None = None

    def _map(self) -> SourceMap:
        if self._scanned is None:
            assert self._source is not None
            self._scanned = scan_text(*self._source)
            self._source = None
        return self._scanned

    @property  # type: ignore[override]
    def places(self) -> dict[Node, Location]:
        return self._map().places

    @property  # type: ignore[override]
    def cells(self) -> dict[tuple[Node, Node], Location]:
        return self._map().cells


_PREFIX_DECL = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_BASE_DECL = re.compile(r"(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE)
_TOKEN = re.compile(r"<([^<>\s\"]*)>|(?<![\w:/#\"])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:((?:[\w-]|\.(?=[\w-]))*)")


def scan_text(path: Path, text: str, graph: Graph | None) -> SourceMap:
    """Positions of the graph's subjects (and first mentions of other IRIs) in Turtle/N-Triples text;
    without a graph, the first token of each statement is taken for its subject."""
    prefixes, base = _declarations(text)
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)} if graph is not None else None
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
        if _is_directive(stripped):
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
            if not in_statement and (subjects is None or node in subjects) and not line[: match.start()].strip():
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


def _declarations(text: str) -> tuple[dict[str, str], str]:
    """The prefixes (prefix → namespace) and the base IRI a Turtle text declares."""
    base = _BASE_DECL.search(text)
    return {m.group(1) or "": m.group(2) for m in _PREFIX_DECL.finditer(text)}, base.group(1) if base else ""


def _is_directive(stripped: str) -> bool:
    """Whether a (stripped, non-empty) line declares a prefix or the base, and names no node."""
    return stripped[0] in "@pPbB" and stripped.lower().startswith(("@prefix", "prefix", "@base", "base"))


def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, longest first, written as a trie
    (``ex:(?:a(?:-b)?|c)``): Python's engine then compares a few characters at each place of the
    text instead of trying every word in turn (hundreds of nodes in a 40 MB file: 6 s → 0.3 s)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def written(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + written(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a word ends here and longer ones go on: the longer first (greedy ?)
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return written(tree)


class TextPlaces:
    """The places of chosen nodes in a Turtle or N-Triples text, found on demand.

    :func:`scan_text` reads every token of a file: 5 s for a million triples, for the handful of
    nodes a run's findings name. This finds the same places (the first line where the node stands
    as a subject at the start of a statement, else the first line it appears on) with one search
    for all the spellings of the nodes asked for (``<iri>``, ``prefix:local``): half a second.
    ``tests/test_text_places.py`` holds the two to the same answers on every bundled file."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.found: dict[URIRef, Location | None] = {}
        self.complete = False  # the whole text was read: every node it names is in ``found``
        self._lines: list[int] | None = None  # offsets where lines start

    #: Up to this many characters, or past this many spellings, the whole text is read once
    #: (:func:`scan_text`): a search for thousands of spellings at once is slower than reading it all.
    WHOLE_TEXT = 200_000
    MANY_SPELLINGS = 1000

    def find(self, nodes: list[URIRef] | set[URIRef]) -> dict[URIRef, Location | None]:
        """The places of ``nodes`` (None for a node the text does not mention)."""
        missing = sorted({n for n in nodes if n not in self.found}, key=str)
        if missing and not self.complete:
            if len(self.text) <= self.WHOLE_TEXT or len(missing) > self.MANY_SPELLINGS:
                self._scan_all()
            else:
                self._search(missing)
        return {n: self.found.get(n) for n in nodes}

    @cached_property
    def _declared(self) -> tuple[dict[str, str], str]:
        return _declarations(self.text)

    @property
    def prefixes(self) -> dict[str, str]:
        return self._declared[0]

    @property
    def base(self) -> str:
        return self._declared[1]

    def _scan_all(self) -> None:
        for node, where in scan_text(self.path, self.text, None).places.items():
            self.found[node] = where  # type: ignore[index]
        self.complete = True

    def _spellings(self, node: URIRef) -> list[str]:
        iri = str(node)
        out = [f"<{iri}>"]
        if self.base and iri.startswith(self.base):
            out.append(f"<{iri[len(self.base):]}>")
        for prefix, namespace in self.prefixes.items():
            if namespace and iri.startswith(namespace):
                local = iri[len(namespace):]
                if re.fullmatch(r"(?:[\w-]|\.(?=[\w-]))*", local):
                    out.append(f"{prefix}:{local}")
        return out

    def _search(self, nodes: list[URIRef]) -> None:
        spelled: dict[str, URIRef] = {}
        for node in nodes:
            self.found[node] = None
            for spelling in self._spellings(node):
                spelled.setdefault(spelling, node)
        # The trie tries the longer spelling first, so that ex:a-b is not taken for ex:a. Plain
        # strings (a lookaround per spelling makes the search ten times slower): _is_token then keeps
        # the matches that are tokens as scan_text reads them (not inside another name, IRI or comment).
        pattern = re.compile(_trie(sorted(spelled)))
        first_any: dict[URIRef, int] = {}
        first_subject: dict[URIRef, int] = {}
        for match in pattern.finditer(self.text):
            node = spelled[match.group(0)]
            if node in first_subject:
                continue
            lineno = self._line_of(match.start())
            if not self._is_token(lineno, match):
                continue
            first_any.setdefault(node, lineno)
            if self._starts_statement(lineno, match.start()):
                first_subject[node] = lineno
        name = str(self.path)
        for node, lineno in first_any.items():
            self.found[node] = Location(name, first_subject.get(node, lineno))

    # -------------------------------------------------------------- lines, as scan_text reads them

    def _line_of(self, offset: int) -> int:
        if self._lines is None:
            self._lines = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._lines, offset)

    def _line(self, lineno: int) -> str:
        assert self._lines is not None
        start = self._lines[lineno - 1]
        end = self._lines[lineno] - 1 if lineno < len(self._lines) else len(self.text)
        raw = self.text[start:end]
        return _strip_comment(raw) if "#" in raw else raw

    def _tokens(self, line: str) -> list[re.Match[str]]:
        """The tokens of a line that name a node, as scan_text reads them."""
        return [m for m in _TOKEN.finditer(line) if _resolve(m, self.prefixes, self.base) is not None]

    def _is_token(self, lineno: int, match: re.Match[str]) -> bool:
        """Whether scan_text reads this very match as a token of its line (not part of a longer one,
        not inside a comment, not on a prefix line)."""
        assert self._lines is not None
        line = self._line(lineno)
        stripped = line.strip()
        if stripped and _is_directive(stripped):
            return False
        column = match.start() - self._lines[lineno - 1]
        return any(m.start() == column and m.group(0) == match.group(0) for m in _TOKEN.finditer(line))

    def _starts_statement(self, lineno: int, offset: int) -> bool:
        """Whether the match is the first token of a statement: nothing before it on its line, and no
        token since the last line that ended a statement with '.'."""
        assert self._lines is not None
        if self._line(lineno)[: offset - self._lines[lineno - 1]].strip():
            return False
        for before in range(lineno - 1, 0, -1):
            line = self._line(before)
            stripped = line.strip()
            if not stripped:
                continue
            if _is_directive(stripped):
                continue
            if stripped.endswith("."):
                return True
            if self._tokens(line):
                return False
        return True


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
