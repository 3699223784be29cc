"""Load stage: files → one rdflib graph, with the place of every node.

A model is the user's files (a scenario or proposal) on top of the bundled
vocabulary (``ontology/``) and, by default, the reference data (``data/reference``).
Nothing is fetched: ``owl:imports`` are never followed, remote JSON-LD contexts
are refused, and the process refuses network connections while it runs.

Readers are registered by file suffix (:data:`READERS`); other stages (the
spreadsheet importer) add their own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from . import limits, netguard, outfile, resources
from .errors import InputError
from .positions import Location, ScannedLater, SourceMap, TextPlaces
from .problems import Problem, bad_literals, declared_terms, unknown_terms
from .store import CONTEXT, StoreView, Terms, Usage, file_graph, profile, quads
from .vocab import GG, PREFIXES
from .wellformed import check_json_depth, check_parsed, refuse_bad_ids, refuse_remote


@dataclass(frozen=True)
class Parsed:
    """What a reader returns: the triples of one file and where their nodes are written."""

    graph: Graph
    places: SourceMap


Reader = Callable[[Path], Parsed]


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(path, "the file is empty", "write at least one statement, or leave the file out",
                         "filen er tom", "skriv mindst ét udsagn, eller udelad filen")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}", "the file is not UTF-8 text",
                         "save it with the encoding UTF-8, e.g. Save as… → Encoding: UTF-8",
                         "filen er ikke UTF-8-tekst", "gem den med tegnsættet UTF-8, fx Gem som… → Kodning: UTF-8") from None


def _read_bytes(path: Path) -> bytes:
    """The bytes of an input file, refused past the file-size cap before they are read."""
    try:
        with path.open("rb") as handle:
            limits.check(path, "file_bytes", os.fstat(handle.fileno()).st_size)
            return handle.read()
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})", "",
                         f"kan ikke læse filen ({err.strerror or err})") from None


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for each ill-typed literal; govgraph reports those itself (bad_literals)."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _first_bad_ntriples_line(text: str) -> int:
    for lineno, line in enumerate(text.splitlines(), start=1):
        try:
            Graph().parse(data=line + "\n", format="nt")
        except Exception:
            return lineno
    return 0


def _parse_with_oxigraph(text: str, fmt: str, base: str, path: Path | None = None) -> Graph | None:
    """The text parsed by Oxigraph's Turtle/N-Triples parser (tens of times faster than rdflib's) into
    an rdflib graph; SyntaxError when Oxigraph rejects it; None when it holds a term rdflib has no
    twin for (an RDF 1.2 triple term).

    Two terms come out normalized, as RDF 1.1 has them: a language tag in lower case (``@DA`` is
    ``@da``, so Danish labels are found), and ``"x"^^xsd:string`` as the plain ``"x"`` (the same
    literal; pySHACL's ``sh:datatype xsd:string`` accepts it)."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
    parser = ox.parse(text.encode("utf-8"), format=formats[fmt], base_iri=base)
    try:
        quads = list(parser)  # a SyntaxError is the caller's to report
    except MemoryError as err:
        # Oxigraph's token buffer stops at 16 MiB: one literal or IRI that long, past any literal cap.
        if "buffer maximal size" in str(err):
            raise limits.exceeded(path or base, "literal_chars") from None
        raise
    if path is not None:  # before the (slower) copy into rdflib
        limits.check(path, "triples", len(quads))
    graph = Graph()
    blanks: dict[str, BNode] = {}
    literals: dict[tuple[str, str | None, str | None], Literal] = {}

    def term(node: object) -> Node:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):  # one fresh rdflib blank node per label and file, as rdflib's parser
            blank = blanks.get(node.value)
            if blank is None:
                blank = blanks[node.value] = BNode()
            return blank
        if isinstance(node, ox.Literal):
            key = (node.value, node.language, node.datatype.value)
            known = literals.get(key)
            if known is None:
                datatype = None if node.language or key[2] == _XSD_STRING else URIRef(key[2])
                known = literals[key] = Literal(node.value, lang=node.language, datatype=datatype)
            return known
        raise TypeError(type(node).__name__)

    try:
        with _quiet_rdflib():
            graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in quads)
    except TypeError:
        return None
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


_XSD_STRING = str(XSD.string)


def _parse_rdf_text(path: Path, fmt: str) -> Parsed:
    """Oxigraph decides whether the file is valid; rdflib only words the message when it refuses too
    (its wording names the statement better). A file Oxigraph refuses is never accepted."""
    text = _decode(path, _read_bytes(path))
    try:
        fast = _parse_with_oxigraph(text, fmt, path.resolve().as_uri(), path)
    except SyntaxError as refused:
        raise _syntax_error(path, text, fmt, refused) from None
    if fast is not None:
        return Parsed(fast, ScannedLater(path, text, fast))
    graph = Graph()  # RDF 1.2 triple terms: Oxigraph accepted the file, rdflib has no twin for them
    try:
        with _quiet_rdflib():
            graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as err:  # rdflib raises many types
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(path, f"cannot read as {fmt}: {message}", "", f"kan ikke læses som {fmt}: {message}") from None
    return Parsed(graph, ScannedLater(path, text, graph))


def _syntax_error(path: Path, text: str, fmt: str, refused: SyntaxError) -> InputError:
    """The error for a file Oxigraph's parser refused: rdflib's wording when rdflib refuses it too."""
    _reword_with_rdflib(path, text, fmt)
    line, column = refused.lineno or 0, refused.offset or 0
    why = str(refused.msg or refused).split(": ", 1)[-1]
    name = "Turtle" if fmt == "turtle" else "N-Triples"
    return InputError(f"{path}:{line}:{column}" if line else path, f"{name} syntax error: {why}",
                      "check the statement against the Turtle grammar (IRIs without spaces or braces, "
                      "escapes \\uXXXX of whole characters)",
                      f"syntaksfejl i {name}: {why}",
                      "tjek udsagnet mod Turtle-grammatikken (IRI'er uden mellemrum og klammer, "
                      "koder \\uXXXX for hele tegn)")


def _reword_with_rdflib(path: Path, text: str, fmt: str) -> None:
    """Raise rdflib's wording of a syntax error Oxigraph found, when rdflib refuses the text too."""
    try:
        with _quiet_rdflib():
            Graph().parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as err:
        offset = getattr(err, "_i", 0)
        source = text.encode("utf-8")
        before = source[:offset].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        why = getattr(err, "_why", "bad syntax")
        raise InputError(f"{path}:{line}:{column}", f"Turtle syntax error: {why}",
                         "check the statement ends with '.', ';' or ',' and that every prefix is declared",
                         f"syntaksfejl i Turtle: {why}",
                         "tjek, at udsagnet slutter med '.', ';' eller ',', og at hvert præfiks er erklæret") from None
    except Exception as err:  # rdflib raises many types for bad N-Triples etc.
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        line = _first_bad_ntriples_line(text) if fmt == "nt" else 0
        raise InputError(f"{path}:{line}" if line else path, f"cannot parse as {fmt}: {message}",
                         "each line must be: <subject> <predicate> <object> .",
                         f"kan ikke læses som {fmt}: {message}",
                         "hver linje skal være: <subjekt> <prædikat> <objekt> .") from None


def _read_turtle(path: Path) -> Parsed:
    return _parse_rdf_text(path, "turtle")


def _read_ntriples(path: Path) -> Parsed:
    return _parse_rdf_text(path, "nt")


def _read_jsonld(path: Path) -> Parsed:
    text = _decode(path, _read_bytes(path))
    check_json_depth(path, text)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}:{err.colno}", f"JSON syntax error: {err.msg}", "",
                         f"syntaksfejl i JSON: {err.msg}") from None
    if not isinstance(document, (dict, list)):
        raise InputError(path, "a JSON-LD document is an object (or a list of objects)",
                         'write e.g. {"@id": "https://…", …}',
                         "et JSON-LD-dokument er et objekt (eller en liste af objekter)",
                         'skriv fx {"@id": "https://…", …}')
    refuse_remote(path, document)
    refuse_bad_ids(path, text, document)
    graph = Graph()
    try:
        graph.parse(data=text, format="json-ld", publicID=path.resolve().as_uri())
    except Exception as err:
        raise InputError(path, f"cannot read as JSON-LD: {err}", "", f"kan ikke læses som JSON-LD: {err}") from None
    places = SourceMap()
    lines = text.splitlines()
    for node in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str):
        local = str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        for lineno, line in enumerate(lines, start=1):
            if "@id" in line and (str(node) in line or f":{local}\"" in line or f"\"{local}\"" in line):
                places.add(node, Location(str(path), lineno))
                break
    return Parsed(graph, places)


#: Readers by lower-case suffix. Other modules may register more.
READERS: dict[str, Reader] = {
    ".ttl": _read_turtle,
    ".turtle": _read_turtle,
    ".nt": _read_ntriples,
    ".jsonld": _read_jsonld,
    ".json": _read_jsonld,
}

#: Readers for a directory (e.g. a folder of CSV sheets), tried in order.
DIRECTORY_READERS: list[tuple[Callable[[Path], bool], Reader]] = []


def _lazy(module: str, name: str) -> Reader:
    """A reader imported on first use, so that loading Turtle never imports openpyxl or PyYAML."""

    def call(path: Path, context: Sequence[Path] = ()) -> Parsed:
        import importlib

        reader = getattr(importlib.import_module(module, __package__), name)
        return reader(path, extra=tuple(context)) if context else reader(path)

    call.resolves_names = True  # type: ignore[attr-defined]  # cell names resolve against --context too
    return call


# Spreadsheets (govgraph.sheets): a workbook, YAML, a folder of CSV files.
READERS[".xlsx"] = _lazy(".sheets.read", "read_xlsx")
READERS[".yaml"] = READERS[".yml"] = _lazy(".sheets.yamlld", "read_yaml")
DIRECTORY_READERS.append((_lazy(".sheets.tables", "is_csv_folder"), _lazy(".sheets.read", "read_csv_folder")))


def _read(reader: Reader, path: Path, context: Sequence[Path]) -> Parsed:
    """Readers that resolve names (spreadsheets, YAML) also get the ``--context`` files; Turtle needs no names."""
    if context and getattr(reader, "resolves_names", False):
        return reader(path, context)  # type: ignore[call-arg]
    return reader(path)


def missing(path: Path) -> bool:
    """Whether ``path`` does not exist; a path the system cannot even look up (a name over 255 bytes)
    counts as present, so that :func:`read_file` reports why."""
    try:
        return not path.exists()
    except OSError:
        return False


def read_file(path: Path, context: Sequence[Path] = ()) -> Parsed:
    """Parse one input file (or a directory a registered reader accepts), without reaching the network;
    readers that resolve names (spreadsheets, YAML) also get the ``context`` files.

    Whatever the format, what was parsed passes :func:`govgraph.wellformed.check_parsed` (literal
    length, lone surrogates, IRI characters, the triple cap), and the file is noted as an input
    that no output may replace (:mod:`govgraph.outfile`)."""
    with netguard.guard(), _quiet_rdflib():
        parsed = _read_any(path, context)
    check_parsed(path, parsed)
    return parsed


def _read_any(path: Path, context: Sequence[Path]) -> Parsed:
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as err:  # a name over 255 bytes, a loop of links, …
        raise InputError(str(path)[:120] + ("…" if len(str(path)) > 120 else ""),
                         f"cannot read the file ({err.strerror or err})", "check the path and the spelling",
                         f"kan ikke læse filen ({err.strerror or err})", "tjek stien og stavemåden") from None
    if not exists:
        raise InputError(path, "no such file", "check the path and the spelling",
                         "filen findes ikke", "tjek stien og stavemåden")
    outfile.note_input(path)
    if is_dir:
        for accepts, reader in DIRECTORY_READERS:
            if accepts(path):
                return _read(reader, path, context)
        raise InputError(path, "is a directory, not a model file", "name the .ttl files inside it",
                         "er en mappe, ikke en modelfil", "angiv .ttl-filerne i den")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(path, f"unknown file format {path.suffix or '(no suffix)'!r}", f"use one of {known}",
                         f"ukendt filformat {path.suffix or '(ingen endelse)'!r}", f"brug en af {known}")
    return _read(reader, path, context)


# ----------------------------------------------------------------------- model


class Model:
    """A loaded model: the user's files on top of the vocabulary and reference data, in one Oxigraph
    store (:mod:`govgraph.store`: a named graph per file, the context in its own).

    ``view`` and ``user_view`` read the store as rdflib-like graphs (the model and check stages use
    them); ``graph`` (everything) and ``user`` (the user's files) are rdflib graphs made on first use,
    for the stages that walk triples freely (lint, draw, the sheets). A model of a million triples
    that is only validated is never copied into rdflib.

    A model can also be made from rdflib graphs (``Model(graph=…, user=…)``); its store is then made
    on first use."""

    def __init__(self, graph: Graph | None = None, user: Graph | None = None, files: Sequence[Path] = (),
                 places: SourceMap | None = None, *,
                 store: ox.Store | None = None, terms: Terms | None = None, sources: Sequence[Part] = (),
                 context_sources: Sequence[Part] = ()) -> None:
        if store is None and graph is None:
            raise TypeError("a Model needs a graph or a store")
        self.files = tuple(files)
        self.terms = terms or Terms()
        self._graph, self._user, self._store = graph, user, store
        self._places = places or SourceMap()
        self._sources = tuple(sources)
        self._context_sources = tuple(context_sources)

    # -------------------------------------------------------------- the store and its views

    @property
    def store(self) -> ox.Store:
        if self._store is None:  # made from rdflib graphs: the user's triples in a file graph, the rest as context
            assert self._graph is not None
            user = self._user if self._user is not None else Graph()
            store = ox.Store()
            store.bulk_extend(quads(user, self.terms, file_graph(0)))
            store.bulk_extend(quads((t for t in self._graph if t not in user), self.terms, CONTEXT))
            self._store = store
            self._sources = (Part(self.files[0] if self.files else Path("model"), file_graph(0),
                                  usage=tuple(profile(store, file_graph(0)))),)
        return self._store

    @cached_property
    def view(self) -> StoreView:
        """Every triple of the model (vocabulary, reference data, the user's files), read from the store."""
        return StoreView(self.store, self.terms)

    @property
    def _user_parts(self) -> tuple[Part, ...]:
        """The user's files in the store (a model made from rdflib graphs makes its store here)."""
        self.store  # noqa: B018
        return self._sources

    @cached_property
    def user_view(self) -> StoreView:
        """The triples of the user's files, read from the store."""
        return StoreView(self.store, self.terms, [part.graph for part in self._user_parts])

    @property
    def graph(self) -> Graph:
        """Every triple of the model as an rdflib graph (made on first use)."""
        if self._graph is None:
            self._graph = _copied(self.view)
        return self._graph

    @property
    def user(self) -> Graph:
        """The triples of the user's files as an rdflib graph (made on first use)."""
        if self._user is None:
            self._user = _copied(self.user_view)
        return self._user

    def in_user_files(self, *patterns: str) -> str:
        """A SPARQL group that matches any of the triple ``patterns`` in any of the user's files:
        one ``GRAPH <file> { pattern }`` branch each, joined by UNION (Oxigraph looks up a constant
        graph and predicate in its indexes; a ``VALUES`` list of them makes it scan every quad)."""
        return union(f"GRAPH {part.graph} {{ {pattern} }}" for part in self._user_parts for pattern in patterns)

    def usage(self) -> list[Usage]:
        """How the user's files use each property (:func:`govgraph.store.profile`), all files together."""
        return [u for part in self._user_parts for u in part.usage]

    def in_user(self, triple: tuple[Node, Node, Node]) -> bool:
        """Whether the user's files hold the triple."""
        if self._user is not None:
            return triple in self._user
        return triple in self.user_view

    # -------------------------------------------------------------- places

    def expect(self, nodes: Iterable[Node]) -> None:
        """Find the places of these nodes in the user's text files in one pass each (before many
        :meth:`locate` calls, e.g. for the findings of a run)."""
        wanted = [n for n in nodes if isinstance(n, URIRef) and n not in self._places.places]
        for part in self._sources:
            if part.text is not None and wanted:
                part.text.find(wanted)

    def locate(self, node: object, prop: object = None) -> Location | None:
        """Where ``node`` is defined; with ``prop``, the cell that gives it that property, when known."""
        if prop is not None and (node, prop) in self._places.cells:
            return self._places.cells[(node, prop)]  # type: ignore[index]
        found = self._find(node)
        if found is not None or not isinstance(node, BNode):
            return found
        seen: set[Node] = {node}  # a blank node borrows the place of a subject that refers to it
        frontier: list[Node] = [node]
        while frontier:
            current = frontier.pop()
            for subject in sorted(self.view.subjects(None, current), key=str):
                where = self._find(subject) if not isinstance(subject, BNode) else None
                if where is not None:
                    return where
                if isinstance(subject, BNode) and subject not in seen:
                    seen.add(subject)
                    frontier.append(subject)
        return None

    def _find(self, node: object) -> Location | None:
        """The place of a node: the readers' places, else the first file, the user's before the
        context, that writes it."""
        if node in self._places.places:
            return self._places.places[node]  # type: ignore[index]
        if isinstance(node, URIRef):
            for part in (*self._sources, *self._context_sources):
                where = part.place(node, self)
                if where is not None:
                    return where
        return None

    def locate_triple(self, triple: tuple) -> Location | None:
        """Where the statement is written: the subject's place in the file that holds the triple."""
        holders = self.view.graphs_holding(triple)
        for part in self._user_parts:
            if part.graph in holders:
                where = part.place(triple[0], self)
                if where is not None:
                    return where
        return self.locate(triple[0])


def _copied(view: StoreView) -> Graph:
    """An rdflib graph (with govgraph's prefixes) holding the triples of ``view``."""
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in view)
    return graph


@dataclass
class Part:
    """One user file in the store: its named graph and, for Turtle and N-Triples, its text (where
    nodes are found on demand) or, for the other readers, the places the reader recorded."""

    path: Path
    graph: ox.NamedNode
    text: TextPlaces | None = None
    places: SourceMap | None = None
    #: The properties of the file by the kind of their objects (:func:`govgraph.store.profile`).
    usage: tuple[Usage, ...] = ()

    def place(self, node: Node, model: Model) -> Location | None:
        if self.places is not None:
            return self.places.locate(node, model.view)  # type: ignore[arg-type]
        if self.text is not None and isinstance(node, URIRef):
            return self.text.find([node]).get(node)
        return None


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


_CONTEXT_CACHE: dict[tuple[Path, ...], tuple[Graph, SourceMap]] = {}


def context_files(reference: bool = True) -> list[Path]:
    files = resources.ontology_files()
    if reference:
        files += resources.reference_files()
    return files


def _context(files: Sequence[Path]) -> tuple[Graph, SourceMap]:
    key = tuple(files)
    if key not in _CONTEXT_CACHE:
        graph, places = Graph(), SourceMap()
        for path in files:
            parsed = read_file(path)
            graph += parsed.graph
            places.update(parsed.places)
        _CONTEXT_CACHE[key] = (graph, places)
    return _CONTEXT_CACHE[key]


@dataclass(frozen=True)
class _Context:
    """The vocabulary and reference data as Oxigraph quads in :data:`CONTEXT`, read once per process."""

    quads: tuple[ox.Quad, ...]
    parts: tuple[Part, ...]
    body_classes: tuple[str, ...]  # gg:Body and its subclasses, as SPARQL terms


_CONTEXT_STORES: dict[tuple[Path, ...], _Context] = {}


def _context_store(files: Sequence[Path]) -> _Context:
    """The context files read by Oxigraph (the bundled ones are Turtle: no rdflib graph is made)."""
    key = tuple(files)
    if key not in _CONTEXT_STORES:
        store, terms, parts = ox.Store(), Terms(), []
        for number, path in enumerate(files):
            parts.append(_read_into(store, terms, ox.NamedNode(f"urn:govgraph:graph:context:{number}"), path, ()))
        found = ox.Store()
        found.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, CONTEXT) for q in store)
        classes = sorted(row["c"].value for row in found.query(
            "SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            f"<{GG.Body}> FILTER isIRI(?c) }}", use_default_graph_as_union=True))
        _CONTEXT_STORES[key] = _Context(tuple(found), tuple(parts), tuple(f"<{c}>" for c in classes))
    return _CONTEXT_STORES[key]


def load(paths: Iterable[Path | str], *, reference: bool = True, strict: bool = True,
         context: Sequence[Path] = (), low_memory: bool = False) -> Model:
    """Load the user's files on top of the vocabulary (and reference data).

    ``strict`` checks that every class and property the user's files use is
    declared (see :func:`unknown_terms`) and that every typed literal is valid,
    raising :class:`InputError` at the first problem. ``lint`` loads with
    ``strict=False`` and reports all of them.

    ``low_memory`` reads Turtle with Oxigraph's transactional loader instead of its bulk loader:
    about twice the time, but 40 % less memory while loading (``diff`` holds two models).
    """
    with netguard.guard(), outfile.reading():
        return _load(paths, reference=reference, strict=strict, context=context, low_memory=low_memory)


def _load(paths: Iterable[Path | str], *, reference: bool, strict: bool, context: Sequence[Path],
          low_memory: bool = False) -> Model:
    files = tuple(Path(p) for p in paths)
    if not files:
        raise InputError("(no files)", "no model file given", "name at least one .ttl file",
                         "ingen modelfil angivet", "angiv mindst én .ttl-fil")

    base = _context_store([*context_files(reference), *context])
    terms = Terms()
    store = ox.Store()
    store.bulk_extend(base.quads)
    body_classes = base.body_classes
    places, sources = SourceMap(), []
    bodies = 0
    for number, path in enumerate(files):
        part = _read_into(store, terms, file_graph(number), path, context, low_memory=low_memory)
        if not part.usage:
            raise InputError(path, "the file contains no statements",
                             "an empty proposal cannot be checked; add the scenario and its bodies",
                             "filen indeholder ingen udsagn",
                             "et tomt forslag kan ikke tjekkes; tilføj scenariet og dets organer")
        # Before any work on them: 100,000 bodies took minutes in every command.
        bodies += _count(store, union(f"GRAPH {part.graph} {{ ?s a {c} }}" for c in body_classes), "DISTINCT ?s")
        limits.check(path, "bodies", bodies)
        if part.places is not None:
            places.update(part.places)
        sources.append(part)
    model = Model(files=files, places=places, store=store, terms=terms, sources=sources,
                  context_sources=base.parts)
    if strict:
        refuse_problems(model, files[0])
    return model


def union(groups: Iterable[str]) -> str:
    """SPARQL graph patterns joined by UNION (``{ a } UNION { b }``)."""
    return " UNION ".join(f"{{ {group} }}" for group in groups) or "FILTER (false)"


def _count(store: ox.Store, pattern: str, what: str = "*") -> int:
    solution = next(iter(store.query(f"SELECT (COUNT({what}) AS ?n) WHERE {{ {pattern} }}")))
    return int(solution["n"].value)


#: Files Oxigraph's loader reads straight into the store: the format and how rdflib names it.
_TEXT_FORMATS = {".ttl": (ox.RdfFormat.TURTLE, "turtle"), ".turtle": (ox.RdfFormat.TURTLE, "turtle"),
                 ".nt": (ox.RdfFormat.N_TRIPLES, "nt")}


def _read_into(store: ox.Store, terms: Terms, graph: ox.NamedNode, path: Path, context: Sequence[Path],
               *, low_memory: bool = False) -> Part:
    """Read one input into the named graph ``graph`` of ``store``: Turtle and N-Triples through
    Oxigraph's bulk loader (no rdflib graph is made), anything else through its reader."""
    try:
        plain = path.is_file() and path.suffix.lower() in _TEXT_FORMATS
    except OSError:
        plain = False
    if plain and READERS.get(path.suffix.lower()) in (_read_turtle, _read_ntriples):
        with netguard.guard(), _quiet_rdflib():
            part = _bulk_load(store, graph, path, low_memory=low_memory)
        if part is not None:
            return part
    parsed = read_file(path, context)
    store.bulk_extend(quads(parsed.graph, terms, graph))
    return Part(path, graph, places=parsed.places, usage=tuple(profile(store, graph)))


def _bulk_load(store: ox.Store, graph: ox.NamedNode, path: Path, *, low_memory: bool = False) -> Part | None:
    """A Turtle or N-Triples file loaded by Oxigraph, checked as :func:`read_file` checks what it
    parses (Oxigraph's parser itself refuses lone surrogates and IRIs with spaces or braces); None
    when it holds RDF 1.2 triple terms, which the rdflib side has no twin for."""
    outfile.note_input(path)
    text = _decode(path, _read_bytes(path))
    fmt, name = _TEXT_FORMATS[path.suffix.lower()]
    try:
        loader = store.load if low_memory else store.bulk_load
        loader(text.encode("utf-8"), format=fmt, base_iri=path.resolve().as_uri(), to_graph=graph)
    except SyntaxError as refused:
        store.clear_graph(graph)
        raise _syntax_error(path, text, name, refused) from None
    except MemoryError as err:
        store.clear_graph(graph)
        if "buffer maximal size" in str(err):  # one literal or IRI of 16 MiB, past any literal cap
            raise limits.exceeded(path, "literal_chars") from None
        raise
    try:
        usage = profile(store, graph)
        if any(u.triple_terms for u in usage):
            store.clear_graph(graph)
            return None
        limits.check(path, "triples", sum(u.count for u in usage))
    except BaseException:
        store.clear_graph(graph)
        raise
    places = TextPlaces(path, text)
    cap = limits.current().literal_chars
    if any(u.longest > cap for u in usage):
        long = list(store.query(f"SELECT ?s WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                                f"FILTER (isLITERAL(?o) && STRLEN(STR(?o)) > {int(cap)}) }} LIMIT 1"))
        store.clear_graph(graph)
        subject = long[0]["s"] if long else None
        where = places.find([URIRef(subject.value)]).get(URIRef(subject.value)) \
            if isinstance(subject, ox.NamedNode) else None
        raise limits.exceeded(str(where or path), "literal_chars")
    return Part(path, graph, text=places, usage=tuple(usage))


def refuse_problems(model: Model, fallback: Path) -> None:
    """Raise the first literal or term problem of the user's files as an :class:`InputError`
    (at ``fallback`` when it has no place); ``lint`` lists them all instead."""
    for problem in [*bad_literals(model), *unknown_terms(model)][:1]:
        # Problem.da is the whole Danish sentence, hint included: "ukendt egenskab … (mente du …?)".
        raise InputError(problem.location or fallback, problem.message, problem.hint, problem.da)


def parse_date(text: str, what: str = "date") -> dt.date:
    """A command-line date (YYYY-MM-DD) or a clear :class:`UsageError`."""
    from .errors import UsageError

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a date (write YYYY-MM-DD, e.g. 2022-10-01)",
                         da=f"{what} {text!r} er ikke en dato (skriv ÅÅÅÅ-MM-DD, fx 2022-10-01)") from None


__all__ = ["Model", "Parsed", "Problem", "READERS", "DIRECTORY_READERS", "load", "read_file", "new_graph",
           "unknown_terms", "bad_literals", "refuse_problems", "declared_terms", "parse_date", "context_files"]
