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
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from . import limits, netguard, outfile, resources
from .errors import InputError
from .positions import Location, SourceMap, scan_text
from .problems import Problem, bad_literals, declared_terms, unknown_terms
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
        _reword_with_rdflib(path, text, fmt)
        line, column = refused.lineno or 0, refused.offset or 0
        why = str(refused.msg or refused).split(": ", 1)[-1]
        name = "Turtle" if fmt == "turtle" else "N-Triples"
        raise InputError(f"{path}:{line}:{column}" if line else path, f"{name} syntax error: {why}",
                         "check the statement against the Turtle grammar (IRIs without spaces or braces, "
                         "escapes \\uXXXX of whole characters)",
                         f"syntaksfejl i {name}: {why}",
                         "tjek udsagnet mod Turtle-grammatikken (IRI'er uden mellemrum og klammer, "
                         "koder \\uXXXX for hele tegn)") from None
    if fast is not None:
        return Parsed(fast, scan_text(path, text, fast))
    graph = Graph()  # RDF 1.2 triple terms: Oxigraph accepted the file, rdflib has no twin for them
    try:
        with _quiet_rdflib():
            graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as err:  # rdflib raises many types
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(path, f"cannot read as {fmt}: {message}", "", f"kan ikke læses som {fmt}: {message}") from None
    return Parsed(graph, scan_text(path, text, graph))


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


@dataclass
class Model:
    """A loaded model: the union graph plus what came from the user's own files."""

    graph: Graph
    user: Graph
    files: tuple[Path, ...]
    places: SourceMap = field(default_factory=SourceMap)
    parts: tuple[tuple[Path, Parsed], ...] = ()

    def locate(self, node: object, prop: object = None) -> Location | None:
        """Where ``node`` is defined; with ``prop``, the cell that gives it that property, when known."""
        if prop is not None and (node, prop) in self.places.cells:
            return self.places.cells[(node, prop)]  # type: ignore[index]
        return self.places.locate(node, self.graph)  # type: ignore[arg-type]

    def locate_triple(self, triple: tuple) -> Location | None:
        """Where the statement is written: the subject's place in the file that holds the triple."""
        for _, parsed in self.parts:
            if triple in parsed.graph:
                loc = parsed.places.locate(triple[0], parsed.graph)
                if loc is not None:
                    return loc
        return self.locate(triple[0])


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


def load(paths: Iterable[Path | str], *, reference: bool = True, strict: bool = True,
         context: Sequence[Path] = ()) -> Model:
    """Load the user's files on top of the vocabulary (and reference data).

    ``strict`` checks that every class and property the user's files use is
    declared (see :func:`unknown_terms`) and that every typed literal is valid,
    raising :class:`InputError` at the first problem. ``lint`` loads with
    ``strict=False`` and reports all of them.
    """
    with netguard.guard(), outfile.reading():
        return _load(paths, reference=reference, strict=strict, context=context)


def _load(paths: Iterable[Path | str], *, reference: bool, strict: bool, context: Sequence[Path]) -> Model:
    files = tuple(Path(p) for p in paths)
    if not files:
        raise InputError("(no files)", "no model file given", "name at least one .ttl file",
                         "ingen modelfil angivet", "angiv mindst én .ttl-fil")
    from .model import subclasses  # model imports this module

    base_graph, base_places = _context([*context_files(reference), *context])
    body_classes = subclasses(base_graph, GG.Body)
    places, parts = SourceMap(), []
    bodies = 0
    for path in files:
        parsed = read_file(path, context)
        if len(parsed.graph) == 0:
            raise InputError(path, "the file contains no statements",
                             "an empty proposal cannot be checked; add the scenario and its bodies",
                             "filen indeholder ingen udsagn",
                             "et tomt forslag kan ikke tjekkes; tilføj scenariet og dets organer")
        # Before any work on them: 100,000 bodies took minutes in every command.
        bodies += len({s for s, o in parsed.graph.subject_objects(RDF.type) if o in body_classes})
        limits.check(path, "bodies", bodies)
        places.update(parsed.places)
        parts.append((path, parsed))
    if len(parts) == 1:  # one file: its graph is the user's graph (copying 40k triples costs 0.3 s)
        user = parts[0][1].graph
        for prefix, ns in PREFIXES.items():
            user.bind(prefix, ns, override=True, replace=True)
    else:
        user = new_graph()
        for _, parsed in parts:
            user += parsed.graph
    graph = new_graph()
    graph += base_graph
    graph += user
    places.update(base_places)
    model = Model(graph=graph, user=user, files=files, places=places, parts=tuple(parts))
    if strict:
        refuse_problems(model, files[0])
    return model


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
