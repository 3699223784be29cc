"""Is a rule file standard SHACL-SPARQL? The forms some engines accept and others refuse or read
differently, found with ``file:line`` and the fix (``govgraph lint --rules FILE``).

Checked in every ``sh:select`` / ``sh:ask`` text (SHACL 1.0 §5-6 and Appendix A):

- it parses as SPARQL 1.1 (Oxigraph's parser; e.g. ``BIND (… AS ?v)`` where ``?v`` is already in
  scope is not SPARQL 1.1, though rdflib runs it);
- no ``FROM``, ``SERVICE``, ``LOAD`` (another graph or service), ``MINUS``, ``VALUES``;
- no ``AS`` on a potentially pre-bound variable (``$this``, ``$currentShape``, ``$shapesGraph``,
  the component's parameters, and ``$value`` in an ASK validator);
- every nested SELECT projects ``$this`` and the parameters it uses;
- a SELECT validator does not read ``$value`` as if it were pre-bound: a property validator reads
  its value nodes with ``$this $PATH ?value``; a node validator says what it found in a variable of
  its own (e.g. ``?count``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import sparql


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    what: str
    fix: str
    da_what: str
    da_fix: str


def problems(path: Path, graph: Graph, lines: dict[Node, int] | None = None,
             declarations: Graph | None = None) -> list[Problem]:
    """Every non-standard form in the rule file ``path`` (already parsed as ``graph``; ``lines`` gives the
    line each node is written on, so a text is looked for from there; ``declarations`` holds the
    ``sh:declare`` prefixes a text's ``sh:prefixes`` may point to in other files)."""
    from .compile import prefixes

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raw = ""
    out: list[Problem] = []
    declared = graph + declarations if declarations is not None else graph
    for holder, prop, text in queries(graph, (SH.select, SH.ask)):
        start = text_line(raw, text, (lines or {}).get(holder, 1))
        kind, params = _role(graph, holder, prop)
        head = prefixes(declared, holder)
        out += [Problem(path, start + offset, *found) for offset, *found in _check(text, kind, params, head)]
    return sorted(out, key=lambda p: (p.line, p.what))


def queries(graph: Graph, props: tuple[Node, ...] = (SH.select, SH.ask, SH.construct)) -> list[tuple[Node, Node, str]]:
    """Every SPARQL text of a rule file: (the node holding it, sh:select / sh:ask / …, the text), in a fixed order."""
    found = [(node, prop, str(text)) for prop in props for node, text in graph.subject_objects(prop)
             if isinstance(text, Literal)]
    return sorted(found, key=lambda q: (str(q[0]), str(q[1])))


def text_line(raw: str, text: str, after: int) -> int:
    """The line of the file on which the text's first line (the one after the opening quotes) stands,
    looked for from line ``after`` on."""
    lines = text.split("\n")
    k = next((i for i, line in enumerate(lines) if line.strip()), 0)
    begin = 0
    for _ in range(max(0, after - 1)):
        begin = raw.find("\n", begin) + 1
    at = raw.find(lines[k], begin) if lines[k].strip() else -1
    if at < 0:
        at = raw.find(lines[k]) if lines[k].strip() else -1
    if at < 0:
        return 0
    return raw.count("\n", 0, at) + 1 - k


def _role(g: Graph, holder: Node, prop: Node) -> tuple[str, set[str]]:
    """What the text is: 'constraint' (sh:sparql), 'node', 'property' or 'any' (sh:validator) validator,
    or 'ask'; and the parameter names of its component."""
    if prop == SH.ask:
        kind = "ask"
    elif (None, SH.nodeValidator, holder) in g:
        kind = "node"
    elif (None, SH.propertyValidator, holder) in g:
        kind = "property"
    elif (holder, RDF.type, SH.SPARQLConstraint) in g or (None, SH.sparql, holder) in g:
        kind = "constraint"
    else:
        kind = "any"
    params: set[str] = set()
    for component in list(g.subjects(SH.nodeValidator, holder)) + list(g.subjects(SH.propertyValidator, holder)) \
            + list(g.subjects(SH.validator, holder)):
        for param in g.objects(component, SH.parameter):
            path = g.value(param, SH.path)
            if path is not None:
                params.add(str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    return kind, params


def _check(text: str, kind: str, params: set[str], head: str) -> list[tuple[int, str, str, str, str]]:
    out: list[tuple[int, str, str, str, str]] = []
    for word, line in sparql.words(text):
        if word in sparql.FORBIDDEN:
            out.append((line - 1, f"{word} reads another graph or service", "remove it: a rule reads only the model it checks",
                        f"{word} læser en anden graf eller tjeneste", "fjern det: en regel læser kun den model, den tjekker"))
        elif word in ("MINUS", "VALUES"):
            out.append((line - 1, f"{word} is not allowed in a SHACL query (pre-bound variables)",
                        "write it with FILTER NOT EXISTS or a FILTER over the values",
                        f"{word} er ikke tilladt i en SHACL-forespørgsel (forhåndsbundne variabler)",
                        "skriv det med FILTER NOT EXISTS eller et FILTER over værdierne"))
    prebound = {"this", "currentShape", "shapesGraph"} | params | ({"value"} if kind == "ask" else set())
    for name in sorted(set(sparql.aliases(text)) & prebound):
        out.append((_var_line(text, name) - 1, f"AS ?{name} binds a pre-bound variable (SHACL 1.0 Appendix A)",
                    "give the result a variable of its own, e.g. ?count, and name it in the message as {?count}",
                    f"AS ?{name} binder en forhåndsbundet variabel (SHACL 1.0 bilag A)",
                    "giv resultatet sin egen variabel, fx ?count, og nævn den i beskeden som {?count}"))
    uses = sparql.variables(text)
    for nested in _nested_selects(text):
        missing = sorted((({"this"} | params) & uses) - set(sparql.projected(nested)))
        if missing:
            names = ", ".join("$" + m for m in missing)
            out.append((_offset_line(text, nested) - 1, f"a nested SELECT does not project {names}",
                        "project every pre-bound variable from a nested SELECT (SHACL 1.0 Appendix A)",
                        f"en indlejret SELECT projicerer ikke {names}",
                        "projicér alle forhåndsbundne variabler fra en indlejret SELECT (SHACL 1.0 bilag A)"))
    if kind == "property" and "PATH" not in uses:
        out.append((0, "a property validator that does not use $PATH reads $value as if it were pre-bound",
                    "read the value nodes with $this $PATH ?value (only ASK validators get $value)",
                    "en egenskabsvalidator uden $PATH læser $value, som om den var forhåndsbundet",
                    "læs værdierne med $this $PATH ?value (kun ASK-validatorer får $value)"))
    if kind == "node" and "value" in uses and _reads_value(text):
        out.append((_var_line(text, "value") - 1, "a node SELECT validator reads $value, which SHACL binds only in ASK validators",
                    "say what was found in a variable of its own (e.g. ?count), or write an ASK validator",
                    "en node-SELECT-validator læser $value, som SHACL kun binder i ASK-validatorer",
                    "sig, hvad der blev fundet, i sin egen variabel (fx ?count), eller skriv en ASK-validator"))
    try:
        _parse(head + "\n" + text)
    except SyntaxError as error:
        import re

        found = re.search(r"error at (\d+):(\d+)", str(error))
        line = int(found.group(1)) - (head.count("\n") + 1) if found else 1
        column = found.group(2) if found else "?"
        out.append((max(0, line - 1), f"not SPARQL 1.1: a standard parser stops at column {column} of this line",
                    "write it as standard SPARQL 1.1 (e.g. no BIND to a variable already in scope, every prefix declared)",
                    f"ikke SPARQL 1.1: en standard-parser stopper ved kolonne {column} i denne linje",
                    "skriv den som standard-SPARQL 1.1 (fx ingen BIND til en variabel, der allerede er i brug, "
                    "alle præfikser erklæret)"))
    return out


def _reads_value(text: str) -> bool:
    """Whether ?value is used outside SELECT projections and GROUP BY lists (i.e. read, not only passed on)."""
    return "<urn:govgraph:read>" in sparql.substitute(text, {"value": "<urn:govgraph:read>"})


def _nested_selects(text: str) -> list[str]:
    toks = sparql.tokens(text)
    starts = [i for i, t in enumerate(toks) if t.word == "SELECT"][1:]
    return [sparql.join(toks[i:]) for i in starts]


def _var_line(text: str, name: str) -> int:
    line = 1
    for t in sparql.tokens(text):
        if t.kind == "var" and t.name == name:
            return line
        line += t.text.count("\n")
    return 1


def _offset_line(text: str, tail: str) -> int:
    return text[: len(text) - len(tail)].count("\n") + 1


def _parse(text: str) -> None:
    """Parse with Oxigraph's SPARQL 1.1 parser (pre-bound $names are variables there too)."""
    import pyoxigraph as ox

    ox.Store().query(text.replace("$PATH", "<urn:govgraph:path>"))


__all__ = ["Problem", "problems", "queries", "text_line"]
