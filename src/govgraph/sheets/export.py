"""Export stage: a model's own triples → the rows of every sheet, losslessly.

Each triple lands in the column made for it when the column reads it back
unchanged (:func:`.cells.round_trips`); everything else goes to the sheet of
other statements. So ``import(export(M))`` is isomorphic to ``M`` for any model,
and a model written in the house style fills the friendly sheets only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import FOAF, ORG, RDF, TIME
from rdflib.term import Node

from ..model import body_kind
from .cells import CellValue, cell_text, encode, join, round_trips
from .resolve import Resolver
from .schema import (BODIES, CHANGES, DECISIONS, LINE_KINDS, MEMBERS, PREFIX_SHEET, REPORTING, SCENARIO, SEATS, SHEETS,
                     STATEMENTS, TASKS, Column, Sheet)

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Rows:
    """The rows of every sheet (by sheet key), each a dict of column key → cell value."""

    sheets: dict[str, list[dict[str, CellValue]]]


def _canonical(user: Graph) -> tuple[Graph, dict[str, BNode]]:
    """The user's graph with stable blank-node labels b1, b2, … (same model → same labels)."""
    graph = Graph()
    for triple in to_canonical_graph(user):
        graph.add(triple)
    nodes = sorted({n for t in graph for n in t if isinstance(n, BNode)}, key=str)
    return graph, {f"b{i}": node for i, node in enumerate(nodes, start=1)}


class _Exporter:
    def __init__(self, user: Graph, context: Graph, lang: str, csv: bool, prefixes: dict[str, str]) -> None:
        self.graph, blank = _canonical(user)
        view = Graph()
        view += context
        view += self.graph
        self.resolver = Resolver(view, lang=lang, blank=blank)
        used = {str(n) for t in self.graph for n in t if isinstance(n, URIRef)}
        self.own_prefixes = {p: ns for p, ns in sorted(prefixes.items())
                             if p not in self.resolver.prefixes and ns not in self.resolver.prefixes.values()
                             and any(iri.startswith(ns) for iri in used)}
        self.resolver.prefixes.update(self.own_prefixes)
        self.lang, self.csv = lang, csv
        self.remaining: set[Triple] = set(self.graph)
        self.by_subject: dict[Node, set[Triple]] = {}
        for triple in self.graph:
            self.by_subject.setdefault(triple[0], set()).add(triple)
        self.placed: set[Node] = set()
        self.person_cells: dict[tuple[Node, str], CellValue] = {}

    def place(self, triple: Triple) -> None:
        """Mark a triple as written by a column."""
        self.remaining.discard(triple)
        self.by_subject.get(triple[0], set()).discard(triple)

    def objects(self, subject: Node, prop: Node) -> list[Node]:
        return sorted((o for s, p, o in self.by_subject.get(subject, ()) if p == prop), key=_key)

    def fits(self, column: Column, term: Node) -> bool:
        if column.kind == "kind":
            return any(term == prop for prop, _ in LINE_KINDS.values())
        if column.kind == "text" and not (isinstance(term, Literal) and term.language == column.lang
                                          and term.datatype is None):
            return False
        return round_trips(column, term, self.resolver, self.lang, self.csv)

    def cell(self, column: Column, terms: Sequence[Node]) -> CellValue:
        return join([encode(column, t, self.resolver, self.lang) for t in terms])

    def take(self, subject: Node, column: Column) -> list[Node]:
        """The values one column holds for a subject; the triples they stand for are placed."""
        assert column.prop is not None
        chosen = [v for v in self.objects(subject, column.prop) if self.fits(column, v)]
        if not column.multi:
            chosen = chosen[:1]
        for value in chosen:
            self.place((subject, column.prop, value))
        return chosen

    def subjects(self, cls: URIRef | set[Node]) -> list[Node]:
        classes = cls if isinstance(cls, set) else {cls}
        found = {s for s, p, o in self.graph.triples((None, RDF.type, None)) if o in classes}
        return sorted(found - self.placed, key=_key)

    def entity_rows(self, sheet: Sheet, subjects: list[Node]) -> list[dict[str, CellValue]]:
        rows = []
        for subject in subjects:
            row = self.entity_row(sheet, subject)
            if row is not None:
                rows.append(row)
                self.placed.add(subject)
        return rows

    def entity_row(self, sheet: Sheet, subject: Node) -> dict[str, CellValue] | None:
        # A row needs its required columns; a thing that lacks one stays in other statements.
        for column in sheet.columns:
            if column.required and column.prop is not None and not any(
                    self.fits(column, o) for o in self.objects(subject, column.prop)):
                return None
        row: dict[str, CellValue] = {"id": self.resolver.short(subject)}
        if sheet.rdf_type is not None:
            self.place((subject, RDF.type, sheet.rdf_type))
        person: Node | None = None
        for column in sheet.columns:
            if column.kind == "id":
                continue
            if column.kind == "type":
                kinds = self.resolver.members["body-type"]
                chosen = body_kind(self.resolver.graph, subject, kinds)  # type: ignore[arg-type]
                row[column.key] = encode(column, chosen, self.resolver, self.lang)
                self.place((subject, RDF.type, chosen))
            elif column.of_person:
                row[column.key] = self._of_person(person, column)
            elif column.kind == "during":
                if "_during" not in row:
                    row["_during"] = self._during(subject)  # type: ignore[assignment]
                day = row["_during"].get(column.prop) if row["_during"] else None  # type: ignore[union-attr]
                row[column.key] = encode(column, day, self.resolver, self.lang) if day is not None else None
            else:
                values = self.take(subject, column)
                row[column.key] = self.cell(column, values) if values else None
                if column.key == "person":
                    person = values[0] if values else None
        row.pop("_during", None)
        return row

    def _during(self, membership: Node) -> dict[Node, Node] | None:
        """The term's first/last day when org:memberDuring has exactly the shape the sheet writes."""
        intervals = self.objects(membership, ORG.memberDuring)
        if len(intervals) != 1 or not self._only_here(intervals[0]):
            return None
        interval = intervals[0]
        triples = self.by_subject.get(interval, set())
        ends = {p: o for _, p, o in triples if p in (TIME.hasBeginning, TIME.hasEnd)}
        if (interval, RDF.type, TIME.Interval) not in triples or len(triples) != 1 + len(ends) or not ends \
                or len({p for _, p, _ in triples if p != RDF.type}) != len(ends):
            return None
        days: dict[Node, Node] = {}
        for prop, instant in ends.items():
            inner = self.by_subject.get(instant, set())
            if not self._only_here(instant) or len(inner) != 1:
                return None
            (_, p, day), = inner
            if p != TIME.inXSDDate or not self.fits(MEMBERS.column("member_from"), day):
                return None
            days[prop] = day
        placed = [(membership, ORG.memberDuring, interval), *triples,
                  *[t for instant in ends.values() for t in self.by_subject[instant]]]
        for triple in placed:
            self.place(triple)
        return days

    def _only_here(self, node: Node) -> bool:
        """A blank node used once as an object, so the sheet may rebuild it."""
        return isinstance(node, BNode) and len(list(self.graph.subjects(None, node))) == 1

    def _of_person(self, person: Node | None, column: Column) -> CellValue:
        """A value of the member (name, sources), repeated on every row of that person.

        A name is written only when the graph types the person foaf:Person, because
        reading a name back adds that type.
        """
        if person is None:
            return None
        key = (person, column.key)
        if key not in self.person_cells:
            typed = (person, RDF.type, FOAF.Person) in self.graph
            values = self.take(person, column) if typed or column.prop != FOAF.name else []
            if values and column.prop == FOAF.name:
                self.place((person, RDF.type, FOAF.Person))
            self.person_cells[key] = self.cell(column, values) if values else None
        return self.person_cells[key]

    def link_rows(self, sheet: Sheet) -> list[dict[str, CellValue]]:
        rows = []
        if sheet is TASKS:
            body, task = sheet.column("body"), sheet.column("task")
            assert task.prop is not None
            for s, p, o in sorted(self.remaining, key=_triple_key):
                if p == task.prop and self.fits(body, s) and self.fits(task, o):
                    rows.append({"body": self.cell(body, [s]), "task": self.cell(task, [o])})
                    self.place((s, p, o))
        else:
            start, end, kind = sheet.column("from"), sheet.column("to"), sheet.column("kind")
            for s, p, o in sorted(self.remaining, key=_triple_key):
                if self.fits(kind, p) and self.fits(start, s) and self.fits(end, o):
                    rows.append({"from": self.cell(start, [s]), "to": self.cell(end, [o]),
                                 "kind": self.cell(kind, [p])})
                    self.place((s, p, o))
        return sorted(rows, key=lambda r: tuple(cell_text(v) for v in r.values()))

    def statement_rows(self) -> list[dict[str, CellValue]]:
        rows = []
        short = self.resolver.short
        for s, p, o in sorted(self.remaining, key=_triple_key):
            row: dict[str, CellValue] = {"subject": short(s), "property": short(p)}
            if isinstance(o, Literal):
                row["value"] = str(o)
                row["language"] = o.language
                row["datatype"] = short(o.datatype) if o.datatype else "text" if not str(o) and not o.language else None
            else:
                row["value"], row["datatype"] = short(o), "id"
            rows.append(row)
        return rows


def _key(node: Node) -> tuple[int, str]:
    return (0 if isinstance(node, URIRef) else 1 if isinstance(node, BNode) else 2, str(node))


def _triple_key(triple: Triple) -> tuple[tuple[int, str], ...]:
    return tuple(_key(n) for n in triple)


def model_rows(user: Graph, context: Graph, lang: str = "en", csv: bool = False,
               prefixes: dict[str, str] | None = None) -> Rows:
    """The rows of every sheet for a user graph (``context``: vocabulary and reference data).

    ``prefixes`` are the user's own (e.g. ``ex``); those the model uses go on the Prefixes sheet.
    """
    ex = _Exporter(user, context, lang, csv, prefixes or {})
    sheets: dict[str, list[dict[str, CellValue]]] = {}
    sheets[SCENARIO.key] = ex.entity_rows(SCENARIO, ex.subjects(SCENARIO.rdf_type))  # type: ignore[arg-type]
    sheets[BODIES.key] = ex.entity_rows(BODIES, ex.subjects(ex.resolver.members["body-type"]))
    sheets[SEATS.key] = ex.entity_rows(SEATS, ex.subjects(SEATS.rdf_type))  # type: ignore[arg-type]
    sheets[MEMBERS.key] = ex.entity_rows(MEMBERS, ex.subjects(MEMBERS.rdf_type))  # type: ignore[arg-type]
    sheets[CHANGES.key] = ex.entity_rows(CHANGES, ex.subjects(CHANGES.rdf_type))  # type: ignore[arg-type]
    sheets[DECISIONS.key] = ex.entity_rows(DECISIONS, ex.subjects(DECISIONS.rdf_type))  # type: ignore[arg-type]
    sheets[REPORTING.key] = ex.link_rows(REPORTING)
    sheets[TASKS.key] = ex.link_rows(TASKS)
    sheets[STATEMENTS.key] = ex.statement_rows()
    sheets[PREFIX_SHEET.key] = [{"prefix": p, "namespace": ns} for p, ns in ex.own_prefixes.items()]
    return Rows({sheet.key: sheets[sheet.key] for sheet in SHEETS})


def export(paths: Sequence[Path], out: Path, lang: str = "en", reference: bool = True,
           extra: Sequence[Path] = ()) -> None:
    """Write the models in ``paths`` as one workbook (``out`` ends in .xlsx) or a folder of CSV files;
    ``extra`` (``--context``) files name things the model refers to, as in every reader."""
    from ..load import context_files, load
    from ..outfile import reading
    from .read import context_graph
    from .workbook import write_csv_folder, write_xlsx

    with reading(paths):  # the output may not replace one of the models
        model = load(paths, reference=reference, context=extra)
        context = context_graph(extra) if reference else _plain_context([*context_files(False), *extra])
        as_csv = out.suffix.lower() != ".xlsx"
        rows = model_rows(model.user, context, lang, csv=as_csv, prefixes=own_prefixes(model.files))
        if as_csv:
            write_csv_folder(out, rows.sheets, lang)
        else:
            write_xlsx(out, rows.sheets, lang, context)


def own_prefixes(paths: Sequence[Path]) -> dict[str, str]:
    """The prefixes the model files declare themselves (rdflib's loader keeps none of them)."""
    from ..load import read_file

    found: dict[str, str] = {}
    for path in paths:
        for prefix, namespace in read_file(path).graph.namespaces():
            if prefix and not prefix.startswith(("ns", "_")):
                found.setdefault(prefix, str(namespace))
    return found


def _plain_context(files: Sequence[Path]) -> Graph:
    from ..load import _context

    return _context(files)[0]
