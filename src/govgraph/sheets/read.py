"""Read a spreadsheet proposal (.xlsx, a folder of CSV files) into triples with cell places.

Two passes. The first collects what the workbook defines: the other
statements, and every row's id, type and labels, so that a seat may name its
body by id or by label whatever the sheet order. The second turns every cell
into triples, resolving labels against the vocabulary, the reference data and
the workbook. The first bad cell stops the read with an :class:`InputError`
naming sheet, row and column; nothing is returned half-read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, TIME
from rdflib.term import Node

from ..errors import InputError, danish_place
from ..load import Parsed, new_graph
from ..positions import Location, SourceMap
from .cells import decode
from .resolve import CellError, Resolver
from .schema import STATEMENTS, Column
from .tables import Row, Table, read_csv_tables, read_xlsx_tables


def context_graph(extra: Sequence[Path] = ()) -> Graph:
    """The vocabulary and reference data (plus ``extra`` files) that cell names resolve against."""
    from ..load import _context, context_files

    graph, _ = _context([*context_files(True), *extra])
    return graph


def read_xlsx(path: Path, context: Graph | None = None, extra: Sequence[Path] = ()) -> Parsed:
    """An .xlsx workbook → its triples and the sheet/row of every thing it defines.

    Cell names resolve against ``context`` (default: vocabulary and reference data) plus the ``extra``
    files (``--context``)."""
    return build(read_xlsx_tables(path), context if context is not None or not extra else context_graph(extra))


def read_csv_folder(path: Path, context: Graph | None = None, extra: Sequence[Path] = ()) -> Parsed:
    """A folder of CSV files (bodies.csv, seats.csv, …) → triples and places; names as :func:`read_xlsx`."""
    return build(read_csv_tables(path), context if context is not None or not extra else context_graph(extra))


def _cell(row: Row, column: Column, resolver: Resolver) -> list[Node]:
    try:
        return decode(column, row.cells.get(column.key), resolver)
    except CellError as err:
        raise err.at(row.where(column.key)) from None


#: "the cell is empty but required" in Danish, in the words of the template ("Skal udfyldes").
_EMPTY_DA = "cellen er tom, men skal udfyldes"


def _required(row: Row, column: Column) -> None:
    if column.required and not row.text(column.key):
        raise InputError(row.where(column.key), "the cell is empty but required",
                         f"write the {column.en.lower()}: {column.help_en[0].lower() + column.help_en[1:].rstrip('.')}",
                         da_what=_EMPTY_DA,
                         da_hint=f'udfyld kolonnen "{column.da}": '
                                 f"{column.help_da[0].lower() + column.help_da[1:].rstrip('.')}")


def _statement(row: Row, resolver: Resolver) -> tuple[Node, URIRef, Node]:
    sheet = STATEMENTS
    for column in sheet.columns:
        _required(row, column)
    subject = _cell(row, sheet.column("subject"), resolver)[0]
    prop = _cell(row, sheet.column("property"), resolver)[0]
    if not isinstance(prop, URIRef):
        raise InputError(row.where("property"), "a property must be an id", "write a prefixed name such as skos:altLabel",
                         da_what="en egenskab skal være et id", da_hint="skriv et navn med præfiks, fx skos:altLabel")
    raw = row.cells.get("value")
    value = raw if isinstance(raw, str) else row.text("value")
    lang, datatype = row.text("language"), row.text("datatype")
    if value == "" and not (lang or datatype.casefold() == "text"):
        raise InputError(row.where("value"), "the cell is empty but required",
                         "write the value (for an empty text, write text under Datatype)",
                         da_what=_EMPTY_DA, da_hint='skriv værdien (for en tom tekst: skriv text under "Datatype")')
    if datatype.casefold() == "text":
        return subject, prop, Literal(value)
    if datatype.casefold() in ("id", "iri"):
        try:
            return subject, prop, resolver.new_id(value.strip())
        except CellError as err:
            raise err.at(row.where("value")) from None
    if lang:
        return subject, prop, Literal(value, lang=lang)
    if datatype:
        dtype = resolver.term(datatype)
        if not isinstance(dtype, URIRef):
            raise InputError(row.where("datatype"), f"unknown datatype {datatype!r}",
                             "allowed: id, or a prefixed name such as xsd:date, xsd:integer, xsd:boolean",
                             da_what=f"ukendt datatype {datatype!r}",
                             da_hint="mulige værdier: id eller et navn med præfiks som xsd:date, xsd:integer, xsd:boolean")
        return subject, prop, Literal(value, datatype=dtype)
    return subject, prop, Literal(value)


def _prefix(row: Row, prefixes: dict[str, str], graph: Graph) -> None:
    """A row of the Prefixes sheet: the prefix may then be used in every id of the workbook."""
    for key in ("prefix", "namespace"):
        if not row.text(key):
            raise InputError(row.where(key), "the cell is empty but required", "write a prefix and its namespace",
                             da_what=_EMPTY_DA, da_hint="skriv et præfiks og dets navnerum")
    prefix, namespace = row.text("prefix").rstrip(":"), row.text("namespace").strip("<>")
    if not re.match(r"^[A-Za-z][\w.-]*$", prefix):
        raise InputError(row.where("prefix"), f"{prefix!r} is not a prefix", "letters, digits, '-' and '_', e.g. ex",
                         da_what=f"{prefix!r} er ikke et præfiks", da_hint="brug bogstaver, tal, '-' og '_', fx ex")
    if not re.match(r"^[A-Za-z][\w+.-]*:\S*[/#:]$", namespace):
        raise InputError(row.where("namespace"), f"{namespace!r} is not a namespace IRI",
                         "write an IRI ending in / or #, e.g. https://example.org/",
                         da_what=f"{namespace!r} er ikke en IRI for et navnerum",
                         da_hint="skriv en IRI der ender på / eller #, fx https://example.org/")
    if prefixes.get(prefix, namespace) != namespace:
        raise InputError(row.where("prefix"), f"the prefix {prefix!r} is govgraph's own ({prefixes[prefix]})",
                         "choose another prefix",
                         da_what=f"præfikset {prefix!r} er govgraphs eget ({prefixes[prefix]})",
                         da_hint="vælg et andet præfiks")
    prefixes[prefix] = namespace
    graph.bind(prefix, namespace, override=False)


def _subject(row: Row, column: Column, resolver: Resolver, seen: dict[Node, Row]) -> Node:
    """The row's own node; a second row with the same id is an error."""
    _required(row, column)
    if not row.text(column.key):
        return BNode()
    node = _cell(row, column, resolver)[0]
    if node in seen:
        raise InputError(row.where(column.key), f"duplicate id {row.text(column.key)!r}",
                         f"it is already used in {seen[node].detail}; give each row its own id",
                         da_what=f"id'et {row.text(column.key)!r} findes to gange",
                         da_hint=f"det er allerede brugt i {danish_place(seen[node].detail)}; giv hver række sit eget id")
    seen[node] = row
    return node


def build(tables: Iterable[Table], context: Graph | None = None) -> Parsed:
    """Tables → Parsed(graph, places). ``context`` defaults to the vocabulary and reference data."""
    tables = list(tables)
    base = context if context is not None else context_graph()
    graph, places = new_graph(), SourceMap()
    first = Resolver(base)
    for table in tables:
        if table.sheet.kind == "prefixes":
            for row in table.rows:
                _prefix(row, first.prefixes, graph)
    subjects = _skeleton(tables, first, graph, places)
    view = Graph()
    view += base
    view += subjects.skeleton
    resolver = Resolver(view, prefixes=first.prefixes, blank=first.blank)
    # Pass 2: every cell.
    for table in tables:
        if table.sheet.kind == "link":
            for row in table.rows:
                _link_row(row, resolver, graph, places)
        elif table.sheet.kind == "entity":
            for row in table.rows:
                _entity_row(row, subjects.nodes[id(row)], resolver, graph, places)
    return Parsed(graph, places)


@dataclass
class _Skeleton:
    nodes: dict[int, Node]  # id(row) → the row's node
    skeleton: Graph  # types and labels of every row, and the other statements


def _skeleton(tables: list[Table], first: Resolver, graph: Graph, places: SourceMap) -> _Skeleton:
    """Pass 1: other statements, and every row's id, type and labels (so cells may name any row)."""
    skeleton, nodes, seen = Graph(), {}, {}
    for table in tables:
        for row in table.rows:
            if table.sheet.kind == "statements":
                triple = _statement(row, first)
                graph.add(triple)
                skeleton.add(triple)
            elif table.sheet.kind == "entity":
                nodes[id(row)] = _subject(row, table.sheet.column("id"), first, seen)
                places.add(nodes[id(row)], Location(row.table.file, 0, row.detail))
    view = Graph()
    view += first.graph
    view += skeleton
    typing = Resolver(view, prefixes=first.prefixes, blank=first.blank)
    for table in tables:
        if table.sheet.kind != "entity":
            continue
        for row in table.rows:
            node = nodes[id(row)]
            for column in table.sheet.columns:
                if column.kind == "type":
                    _required(row, column)
                    skeleton.addN((node, RDF.type, cls, skeleton) for cls in _cell(row, column, typing))
                elif column.prop == RDFS.label:
                    skeleton.addN((node, RDFS.label, value, skeleton) for value in _cell(row, column, first))
            if table.sheet.rdf_type is not None:
                skeleton.add((node, RDF.type, table.sheet.rdf_type))
    return _Skeleton(nodes, skeleton)


def _at(row: Row, key: str) -> Location:
    return Location(row.table.file, 0, f"{row.detail}, column {row.table.headers[key]}")


def _link_row(row: Row, resolver: Resolver, graph: Graph, places: SourceMap) -> None:
    """A Tasks row (body, task) or a Reporting lines row (from, to, kind): one triple."""
    columns = row.table.sheet.columns
    for column in columns:
        _required(row, column)
    values = {c.key: _cell(row, c, resolver)[0] for c in columns}
    if "task" in values:
        prop = columns[1].prop
        assert prop is not None
        triple = (values["body"], prop, values["task"])
    else:
        triple = (values["from"], values["kind"], values["to"])
    graph.add(triple)
    places.add_cell(triple[0], triple[1], _at(row, columns[-1].key))


def _entity_row(row: Row, node: Node, resolver: Resolver, graph: Graph, places: SourceMap) -> None:
    """One thing: its type, and a triple for every value of every column."""
    sheet = row.table.sheet
    for column in sheet.columns:
        _required(row, column)
        # Every column's cell, filled or not: a finding about a missing role points at it.
        if column.prop is not None and column.kind != "during" and not column.of_person:
            places.add_cell(node, column.prop, _at(row, column.key))
    if sheet.rdf_type is not None:
        graph.add((node, RDF.type, sheet.rdf_type))
    person: Node | None = None
    term: dict[URIRef, Node] = {}
    for column in sheet.columns:
        if column.kind == "id":
            continue
        values = _cell(row, column, resolver)
        if column.kind == "type":
            graph.addN((node, RDF.type, v, graph) for v in values)
            continue
        assert column.prop is not None
        if column.kind == "during":
            term.update({column.prop: v for v in values})
        elif column.of_person:
            assert person is not None  # Person id is a required column, read before these
            for value in values:
                graph.add((person, column.prop, value))
                if column.prop == FOAF.name:
                    graph.add((person, RDF.type, FOAF.Person))
        else:
            graph.addN((node, column.prop, v, graph) for v in values)
            if column.key == "person" and values:
                person = values[0]
                places.add(person, Location(row.table.file, 0, row.detail))
    if term:
        _member_during(graph, node, term)


def _member_during(graph: Graph, membership: Node, ends: dict[URIRef, Node]) -> None:
    """org:memberDuring [ a time:Interval ; time:hasBeginning [ time:inXSDDate d ] ; time:hasEnd [ … ] ]."""
    interval = BNode()
    graph.add((membership, ORG.memberDuring, interval))
    graph.add((interval, RDF.type, TIME.Interval))
    for prop, day in sorted(ends.items()):
        instant = BNode()
        graph.add((interval, prop, instant))
        graph.add((instant, TIME.inXSDDate, day))


__all__ = ["read_xlsx", "read_csv_folder", "build", "context_graph"]
