"""The rule catalogue: every rule in ``shapes/*.ttl`` as a frozen record, and the
shapes graph for the rules chosen for one validation.

A rule is a ``sh:NodeShape`` with ``dcterms:identifier`` (see README "How to
write a rule"). Its rule set is the stem of the file it is written in
(``dk-2022-law``). Rules are selected either by date (in force when
``validFrom <= day <= validUntil``) or by name: ``--rules dk-2022-law`` or
``--rules path/to/own-rules.ttl``. Only local files are read; nothing in a
shapes file is ever fetched.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from .. import resources
from ..errors import InputError, UsageError
from ..i18n import Text
from ..load import Parsed, new_graph, read_file
from ..model import label
from ..positions import Location
from ..report import Severity
from ..vocab import GG

#: The file of reusable constraint components, always part of the shapes graph.
COMPONENTS = "components"

_SEVERITIES = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue: what it says, how bad, where it comes from, when it applies."""

    id: str
    iri: URIRef
    title: Text
    message: Text
    severity: Severity
    layer: URIRef | None
    layer_label: Text
    source: URIRef | None
    source_label: Text
    citation: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    rule_set: str
    file: Path
    line: int
    comment: Text = field(default=Text())
    jurisdiction: URIRef | None = None  # gg:jurisdiction of the rule, else of its file's gg:RuleSet
    jurisdiction_label: Text = field(default=Text())

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)

    @property
    def location(self) -> Location:
        """``file:line`` of the rule, relative to the working folder when it lies inside it."""
        try:
            shown = self.file.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = self.file
        return Location(str(shown), self.line)


def _text(graph: Graph, node: Node, prop: URIRef) -> Text:
    values = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]

    def pick(lang: str | None) -> str:
        found = sorted(str(v) for v in values if (v.language or None) == lang)
        return found[0] if found else ""

    untagged = pick(None)
    return Text(da=pick("da") or untagged, en=pick("en") or untagged)


def _date(graph: Graph, node: Node, prop: URIRef) -> dt.date | None:
    value = graph.value(node, prop)
    if isinstance(value, Literal) and isinstance(value.value, dt.date):
        return value.value
    return None


def _labels(graphs: Sequence[Graph], node: Node | None) -> Text:
    """The node's labels from the first graph that has any: rule files, model, else the bundled vocabulary."""
    if node is None:
        return Text()
    graph = next((g for g in graphs if _labelled(g, node)), None)
    if graph is None:  # parsed only when needed (the model usually has every label)
        graph = _label_graph()
    return Text(da=label(graph, node, "da"), en=label(graph, node, "en"))


def _labelled(graph: Graph, node: Node) -> bool:
    return any(isinstance(o, Literal) for p in (RDFS.label, SKOS.prefLabel) for o in graph.objects(node, p))


#: Properties through which a rule reaches the shapes and helpers it is made of.
_NO_FOLLOW = {RDF.type, DCTERMS.source, GG.layer, SH.targetClass, SH.targetNode, SH.targetObjectsOf,
              SH.targetSubjectsOf, SH.path, SH["class"], SH.datatype, SH.hasValue, SH["in"], SH.severity}


@dataclass
class Catalogue:
    """Every rule of the loaded shapes files, sorted by id, with the union of their triples."""

    rules: tuple[Rule, ...]
    graph: Graph
    files: tuple[Path, ...]
    _by_id: dict[str, Rule] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.rules}

    @property
    def sets(self) -> tuple[str, ...]:
        """Names of the rule sets (file stems), sorted; the components file is not a rule set."""
        return tuple(sorted({p.stem for p in self.files if p.stem != COMPONENTS}))

    def get(self, rule_id: str) -> Rule:
        """A rule by id, or a :class:`UsageError` suggesting the closest ids."""
        rule = self._by_id.get(rule_id) or self._by_id.get(rule_id.upper())
        if rule is not None:
            return rule
        close = difflib.get_close_matches(rule_id.upper(), list(self._by_id), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "run 'govgraph rules' for the list"
        hint_da = f"mente du {', '.join(close)}?" if close else "'govgraph rules' viser listen"
        raise UsageError(f"unknown rule {rule_id!r} ({hint})", da=f"ukendt regel {rule_id!r} ({hint_da})")

    def select(self, day: dt.date | None = None, names: Sequence[str] = ()) -> tuple[Rule, ...]:
        """Rules of the named sets or files (all of them, whatever their dates), else the rules in force on ``day``."""
        if names:
            wanted = {self._set_name(n) for n in names}
            return tuple(r for r in self.rules if r.rule_set in wanted)
        if day is None:
            return self.rules
        return tuple(r for r in self.rules if r.in_force(day))

    def _set_name(self, name: str) -> str:
        path = Path(name)
        if path.suffix.lower() in (".ttl", ".turtle"):
            return path.stem
        if name in self.sets:
            return name
        close = difflib.get_close_matches(name, list(self.sets), n=1, cutoff=0.5)
        hint = f"did you mean {close[0]}? " if close else ""
        hint_da = f"mente du {close[0]}? " if close else ""
        raise UsageError(f"unknown rule set {name!r} ({hint}known sets: {', '.join(self.sets)}; "
                         "or give the path of a .ttl file)",
                         da=f"ukendt regelsæt {name!r} ({hint_da}kendte sæt: {', '.join(self.sets)}; "
                            "eller angiv stien til en .ttl-fil)")

    def shapes_graph(self, rules: Iterable[Rule], *, components: bool = True) -> tuple[Graph, dict[Node, Rule]]:
        """The shapes graph for pySHACL: every constraint component plus each rule with what it is made of.

        Returns the graph and a map from every shape node copied to the rule it belongs to, so a
        result's ``sh:sourceShape`` (often a nested property shape) leads back to its rule.
        """
        g = self.graph
        out = new_graph()
        owner: dict[Node, Rule] = {}
        rule_iris = {r.iri for r in self.rules}
        copied: set[Node] = set()

        def copy(node: Node, rule: Rule | None) -> None:
            stack = [node]
            while stack:
                current = stack.pop()
                if current in copied:
                    continue
                copied.add(current)
                if rule is not None:
                    owner.setdefault(current, rule)
                for p, o in g.predicate_objects(current):
                    out.add((current, p, o))
                    if isinstance(o, BNode):
                        stack.append(o)
                    elif isinstance(o, URIRef) and p not in _NO_FOLLOW and o not in rule_iris and (o, None, None) in g:
                        stack.append(o)

        for component in sorted(set(g.subjects(RDF.type, SH.ConstraintComponent)) if components else (), key=str):
            copy(component, None)
        for rule in sorted(rules, key=lambda r: r.id):
            copy(rule.iri, rule)
        return out, owner


def _rule_files(shapes_dir: Path, extra: Sequence[Path]) -> list[Path]:
    files = sorted(shapes_dir.glob("*.ttl")) if shapes_dir.is_dir() else []
    for path in extra:
        # A rule file of one's own may bring its components in a components.ttl beside it.
        for candidate in (path.parent / f"{COMPONENTS}.ttl", path):
            if candidate.exists() and candidate.resolve() not in {f.resolve() for f in files}:
                files.append(candidate)
            elif candidate == path and not candidate.exists():
                raise UsageError(f"rule file {path} does not exist (check the path)",
                                 da=f"regelfilen {path} findes ikke (tjek stien)")
    return files


def _jurisdiction(node: Node | None) -> URIRef | None:
    return node if isinstance(node, URIRef) else None


def load_catalogue(extra: Sequence[Path | str] = (), *, shapes_dir: Path | None = None,
                   labels: Graph | None = None) -> Catalogue:
    """Read every rule of ``shapes_dir`` (default: the bundled ``shapes/``) and of the ``extra`` files.

    Layers and sources are named from the rule files, then ``labels`` (the loaded model's graph),
    then the bundled vocabulary and ``data/reference/sources.ttl``.
    """
    files = _rule_files(shapes_dir or resources.SHAPES_DIR, [Path(p) for p in extra])
    rules: list[Rule] = []
    parsed_files = []
    for path in files:
        parsed = _read_rule_file(path)
        _refuse_remote(path, parsed)
        parsed_files.append((path, parsed))
    # The same files give the same graph object, so the rules compiled from it are reused
    # (check.plan_of keys its plans by the catalogue's graph): compare validates many scenarios.
    key = tuple(id(parsed) for _, parsed in parsed_files)
    graph = _COMBINED.get(key)
    if graph is None:
        graph = new_graph()
        for _, parsed in parsed_files:
            graph += parsed.graph
        _COMBINED.clear()
        _COMBINED[key] = graph
    names = [graph, *([labels] if labels is not None else [])]
    for path, parsed in parsed_files:
        rule_sets = sorted(parsed.graph.subjects(RDF.type, GG.RuleSet), key=str)
        set_jurisdiction = parsed.graph.value(rule_sets[0], GG.jurisdiction) if rule_sets else None
        for node in sorted(set(parsed.graph.subjects(DCTERMS.identifier, None)), key=str):
            if not isinstance(node, URIRef):
                continue
            where = parsed.places.locate(node)
            severity = graph.value(node, SH.severity)
            layer, source = graph.value(node, GG.layer), graph.value(node, DCTERMS.source)
            citation = graph.value(source, DCTERMS.bibliographicCitation) if source is not None else None
            if citation is None and source is not None:
                pool = names[1:] if any(_labelled(g, source) for g in names) else [_label_graph()]
                citation = next((c for g in pool for c in g.objects(source, DCTERMS.bibliographicCitation)), None)
            rules.append(Rule(
                id=str(graph.value(node, DCTERMS.identifier)), iri=node,
                title=_text(graph, node, RDFS.label), message=_text(graph, node, SH.message),
                severity=_SEVERITIES.get(severity, Severity.VIOLATION),  # type: ignore[arg-type]
                layer=layer if isinstance(layer, URIRef) else None, layer_label=_labels(names, layer),
                source=source if isinstance(source, URIRef) else None, source_label=_labels(names, source),
                citation=str(citation or ""),
                valid_from=_date(graph, node, GG.validFrom), valid_until=_date(graph, node, GG.validUntil),
                rule_set=path.stem, file=path, line=where.line if where else 0,
                comment=_text(graph, node, RDFS.comment),
                jurisdiction=_jurisdiction(graph.value(node, GG.jurisdiction) or set_jurisdiction),
                jurisdiction_label=_labels(names, graph.value(node, GG.jurisdiction) or set_jurisdiction)))
    rules.sort(key=lambda r: (r.id, str(r.file)))
    for first, second in zip(rules, rules[1:]):
        if first.id == second.id:
            raise InputError(second.location, f"rule id {second.id} is used twice (also at {first.location})",
                             "give each rule its own dcterms:identifier",
                             f"regel-id {second.id} bruges to gange (også ved {first.location})",
                             "giv hver regel sin egen dcterms:identifier")
    return Catalogue(rules=tuple(rules), graph=graph, files=tuple(files))


_PARSED: dict[tuple[Path, int, int], Parsed] = {}
_COMBINED: dict[tuple[int, ...], Graph] = {}


def _refuse_remote(path: Path, parsed: Parsed) -> None:
    """A rule's SPARQL may read only the model it checks: FROM, SERVICE and LOAD are refused at ``file:line``."""
    from .sparql import forbidden
    from .standard import queries, text_line

    for node, _prop, text in queries(parsed.graph):
        found = forbidden(text)
        if found is None:
            continue
        word, offset = found
        where = parsed.places.locate(node)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raw = ""
        start = text_line(raw, text, where.line if where else 1)
        line = start + offset - 1 if start else (where.line if where else 0)
        raise InputError(Location(str(path), line), f"the rule's SPARQL query uses {word}, which reads another graph "
                         "or service", "remove it: a rule reads only the model it checks",
                         f"reglens SPARQL-forespørgsel bruger {word}, som læser en anden graf eller tjeneste",
                         "fjern det: en regel læser kun den model, den tjekker")


def _read_rule_file(path: Path) -> Parsed:
    """A rule file parsed once per process while it stays unchanged (``compare`` validates many scenarios)."""
    try:
        stat = path.stat()
    except OSError:
        return read_file(path)  # read_file says what is wrong
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = read_file(path)
    return _PARSED[key]


_LABEL_GRAPH: list[Graph] = []


def _label_graph() -> Graph:
    """Vocabulary plus reference data: enough to name layers, sources and jurisdictions without a model."""
    if not _LABEL_GRAPH:
        graph = Graph()
        for path in [*resources.ontology_files(), *resources.reference_files()]:
            if path.exists():
                graph += read_file(path).graph
        _LABEL_GRAPH.append(graph)
    return _LABEL_GRAPH[0]


__all__ = ["Catalogue", "Rule", "Text", "load_catalogue", "COMPONENTS"]
