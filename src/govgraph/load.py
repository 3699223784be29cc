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
import difflib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from . import netguard, resources
from .errors import InputError
from .positions import Location, SourceMap, scan_text
from .vocab import PREFIXES


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
    try:
        return path.read_bytes()
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


def _parse_with_oxigraph(text: str, fmt: str, base: str) -> Graph | None:
    """The text parsed by Oxigraph's Turtle/N-Triples parser (tens of times faster than rdflib's) into
    an rdflib graph; None when Oxigraph rejects it or it holds a term rdflib has no twin for
    (an RDF 1.2 triple term): then rdflib parses it, and reports its errors as always.

    Two terms come out normalized, as RDF 1.1 has them: a language tag in lower case (``@DA`` is
    ``@da``, so Danish labels are found), and ``"x"^^xsd:string`` as the plain ``"x"`` (the same
    literal; pySHACL's ``sh:datatype xsd:string`` accepts it)."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
    try:
        parser = ox.parse(text.encode("utf-8"), format=formats[fmt], base_iri=base)
        quads = list(parser)
    except (SyntaxError, ValueError):
        return None
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
    text = _decode(path, _read_bytes(path))
    fast = _parse_with_oxigraph(text, fmt, path.resolve().as_uri())
    if fast is not None:
        return Parsed(fast, scan_text(path, text, fast))
    graph = Graph()
    try:
        with _quiet_rdflib():
            graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
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
    return Parsed(graph, scan_text(path, text, graph))


def _read_turtle(path: Path) -> Parsed:
    return _parse_rdf_text(path, "turtle")


def _read_ntriples(path: Path) -> Parsed:
    return _parse_rdf_text(path, "nt")


def _remote_contexts(value: object) -> list[str]:
    """Every @context given as a URL string, anywhere in a JSON-LD document."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                items = item if isinstance(item, list) else [item]
                found.extend(i for i in items if isinstance(i, str))
            found.extend(_remote_contexts(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_remote_contexts(item))
    return found


def _read_jsonld(path: Path) -> Parsed:
    text = _decode(path, _read_bytes(path))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}:{err.colno}", f"JSON syntax error: {err.msg}", "",
                         f"syntaksfejl i JSON: {err.msg}") from None
    remote = _remote_contexts(document)
    if remote:
        raise InputError(path, f"remote JSON-LD context {remote[0]!r} refused: govgraph never fetches from the network",
                         "put the context inline as an object",
                         f"fjern-JSON-LD-kontekst {remote[0]!r} afvist: govgraph henter aldrig noget fra netværket",
                         "skriv konteksten direkte i filen som et objekt")
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


def read_file(path: Path, context: Sequence[Path] = ()) -> Parsed:
    """Parse one input file (or a directory a registered reader accepts); ``context`` files name things too."""
    if not path.exists():
        raise InputError(path, "no such file", "check the path and the spelling",
                         "filen findes ikke", "tjek stien og stavemåden")
    if path.is_dir():
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
    netguard.install()
    files = tuple(Path(p) for p in paths)
    if not files:
        raise InputError("(no files)", "no model file given", "name at least one .ttl file",
                         "ingen modelfil angivet", "angiv mindst én .ttl-fil")
    places, parts = SourceMap(), []
    for path in files:
        parsed = read_file(path, context)
        if len(parsed.graph) == 0:
            raise InputError(path, "the file contains no statements",
                             "an empty proposal cannot be checked; add the scenario and its bodies",
                             "filen indeholder ingen udsagn",
                             "et tomt forslag kan ikke tjekkes; tilføj scenariet og dets organer")
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
    base_graph, base_places = _context([*context_files(reference), *context])
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


# ------------------------------------------------------------- term checks

#: Closed vocabularies govgraph reuses; a term outside their lists is a typo.
REUSED = (ORG, FOAF, SKOS, DCTERMS, TIME, PROV, RDF, RDFS, OWL, XSD, SH)
_DECLARING_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                    RDF.Property, SKOS.Concept, SKOS.ConceptScheme, OWL.Ontology, SH.NodeShape, SH.PropertyShape,
                    SH.ConstraintComponent, SH.Parameter}
#: Namespaces whose terms must be declared in ontology/ (owned by govgraph).
OWNED = tuple(str(ns) for name, ns in PREFIXES.items()
              if name in {"gg", "role", "side", "level", "office", "status", "layer", "qual", "dkh", "task", "src"})


@dataclass(frozen=True)
class Problem:
    """A term or literal problem; ``message``/``hint`` are English, ``da`` the Danish sentence."""

    message: str
    hint: str
    location: Location | None
    node: object = None
    da: str = ""


def declared_terms(graph: Graph) -> set[URIRef]:
    terms: set[URIRef] = set()
    for kind in _DECLARING_TYPES:
        terms.update(s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef))
    for ns in REUSED:
        base = str(ns)
        terms.update(URIRef(base + name) for name in getattr(ns, "__annotations__", {}))
    return terms


def _reused_namespace(iri: str) -> str | None:
    for ns in REUSED:
        if iri.startswith(str(ns)) and "/" not in iri[len(str(ns)):] and "#" not in iri[len(str(ns)):]:
            return str(ns)
    return None


def _qname(graph: Graph, node: URIRef) -> str:
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:
        return f"<{node}>"


def unknown_terms(model: Model) -> list[Problem]:
    """Classes, properties and concept values in the user's files that no vocabulary declares."""
    declared = declared_terms(model.graph)
    # Anything the user's files or the reference data define as a subject is known too.
    defined = {s for s in model.graph.subjects() if isinstance(s, URIRef)}
    candidates: dict[URIRef, str] = {}
    for s, p, o in model.user:
        candidates.setdefault(p, "property")  # type: ignore[arg-type]
        if p == RDF.type and isinstance(o, URIRef):
            candidates.setdefault(o, "class")
        elif isinstance(o, URIRef):
            candidates.setdefault(o, "value")
    problems: list[Problem] = []
    for term, kind in sorted(candidates.items(), key=lambda item: str(item[0])):
        iri = str(term)
        reused = _reused_namespace(iri)
        owned = iri.startswith(OWNED)
        if term in declared:
            continue
        if kind == "value" and (term in defined or not (reused or owned)):
            continue  # instance IRIs are free; only vocabulary values must be declared
        if kind != "value" and not (reused or owned) and term in defined:
            continue  # declared by a vocabulary file of the user's own
        namespace = reused or next((ns for ns in OWNED if iri.startswith(ns)), iri.rsplit("/", 1)[0])
        same_ns = sorted(str(t)[len(namespace):] for t in declared if str(t).startswith(namespace))
        local = iri[len(namespace):] if iri.startswith(namespace) else iri
        close = difflib.get_close_matches(local, same_ns, n=1, cutoff=0.6)
        suggestion = _qname(model.graph, URIRef(namespace + close[0])) if close else ""
        hint = f"did you mean {suggestion}?" if close else \
            "declare it in your own vocabulary file, or use a term from ontology/README.md"
        da_hint = f"mente du {suggestion}?" if close else \
            "erklær den i en egen ordforrådsfil, eller brug et begreb fra ontology/README.md"
        kind_da = {"property": "egenskab", "class": "klasse", "value": "værdi"}[kind]
        name = _qname(model.graph, term)
        problems.append(Problem(f"unknown {kind} {name}", hint, _first_use(model, term), term,
                                da=f"ukendt {kind_da} {name} ({da_hint})"))
    return problems


def _first_use(model: Model, term: URIRef) -> Location | None:
    """Where a term is used: the place of the first subject (in sorted order) that uses it."""
    uses = sorted((t for t in model.user if term in (t[1], t[2])), key=lambda t: tuple(map(str, t)))
    for triple in uses:
        loc = model.locate_triple(triple)
        if loc is not None:
            return loc
    return model.places.places.get(term)


_DATE_TYPES = {XSD.date: "YYYY-MM-DD, e.g. 2022-07-01", XSD.dateTime: "YYYY-MM-DDThh:mm:ss",
               XSD.integer: "a whole number", XSD.boolean: "true or false", XSD.gYear: "a year, e.g. 2022"}


_DATE_TYPES_DA = {XSD.date: "ÅÅÅÅ-MM-DD, fx 2022-07-01", XSD.dateTime: "ÅÅÅÅ-MM-DDTtt:mm:ss",
                  XSD.integer: "et helt tal", XSD.boolean: "true eller false", XSD.gYear: "et årstal, fx 2022"}
#: Literals of these types also fit a property whose rdfs:range is the key.
_FITS = {XSD.integer: {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger},
         XSD.string: {XSD.string, None}}
_EXAMPLE = {XSD.date: '"2022-07-01"^^xsd:date', XSD.integer: "4", XSD.boolean: "true", XSD.string: '"tekst"'}


def bad_literals(model: Model) -> list[Problem]:
    """Typed literals whose text is not a valid value of their type (e.g. 2022-13-45 as xsd:date), and
    literals of another type than their property's ``rdfs:range`` (e.g. a gg:validUntil given as an
    xsd:dateTime or a plain string: the rules compare dates, and would silently pass it over)."""
    ranges = {p: r for p, r in model.graph.subject_objects(RDFS.range)
              if isinstance(r, URIRef) and str(r).startswith(str(XSD)) and str(p).startswith(OWNED)}
    # Pick the bad literals first and sort only those: sorting every triple cost 0.6 s at 40k triples.
    ill_typed = []
    misfits = []
    for t in model.user:
        o = t[2]
        if not isinstance(o, Literal):
            continue
        if o.datatype in _DATE_TYPES and (o.ill_typed or o.value is None):
            ill_typed.append(t)
        elif t[1] in ranges and not o.language and o.datatype not in _FITS.get(ranges[t[1]], {ranges[t[1]]}):
            misfits.append(t)
    problems = []
    for s, p, o in sorted(ill_typed, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        what, what_da = _DATE_TYPES[o.datatype], _DATE_TYPES_DA[o.datatype]
        prop, kind = _qname(model.graph, p), _qname(model.graph, o.datatype)
        problems.append(Problem(f"{prop} has {str(o)!r}, which is not a valid {kind}", f"write {what}",
                                model.locate_triple((s, p, o)), s,
                                da=f"{prop} har {str(o)!r}, som ikke er en gyldig {kind} (skriv {what_da})"))
    for s, p, o in sorted(misfits, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        prop, wanted = _qname(model.graph, p), _qname(model.graph, ranges[p])
        given = f"of type {_qname(model.graph, o.datatype)}" if o.datatype else "as plain text"
        given_da = f"af typen {_qname(model.graph, o.datatype)}" if o.datatype else "som ren tekst"
        example = _EXAMPLE.get(ranges[p], f'"…"^^{wanted}')
        problems.append(Problem(f"{prop} must be of type {wanted}, but has {str(o)!r} {given}",
                                f"write e.g. {example}", model.locate_triple((s, p, o)), s,
                                da=f"{prop} skal være af typen {wanted}, men har {str(o)!r} {given_da} "
                                   f"(skriv fx {example})"))
    return problems


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
