"""SPARQL text as the compiler reads and writes it: tokens, the forms a rule may not use, and the
rewrites that turn a per-focus-node SHACL query into a set-based one.

SHACL 1.0 defines a SPARQL-based constraint by *pre-binding* ``$this`` (and the parameters, and
``$value`` in ASK validators) and running the query once per focus node (Appendix A). The same
answers come from one query over all focus nodes when every SELECT (the outer one and each nested
one, which must project the pre-bound variables) starts by joining the focus nodes, and the
parameters, which are the same for every focus node, are written in as constants. This module
does that on the text, token by token, so strings, IRIs and comments are never touched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: One token of SPARQL text. Only what the rewrites need is told apart; everything else is "other".
_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$](?P<name>[A-Za-z0-9_\u00B7-\uFFFF]+))
  | (?P<space>\s+)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.-]*)?|:[\w.-]*)
  | (?P<other>.)
    """,
    re.X | re.S,
)

#: Keywords a rule may not use: they read other graphs or other services (network, files).
FORBIDDEN = ("SERVICE", "FROM", "LOAD")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    name: str = ""  # a variable's name without ? or $

    @property
    def word(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    return list(_tokens(text))


@functools.lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[Token, ...]:
    # Cached: a component's validator text is read again for every rule that uses the component.
    return tuple(Token(m.lastgroup or "other", m.group(0), m.group("name") or "") for m in _TOKENS.finditer(text))


def join(parts: Iterable[Token]) -> str:
    return "".join(t.text for t in parts)


def words(text: str) -> list[tuple[str, int]]:
    """Every keyword-like token outside strings, IRIs and comments, with its line (1-based) in ``text``."""
    out, line = [], 1
    for t in tokens(text):
        if t.kind == "word":
            out.append((t.text.upper(), line))
        line += t.text.count("\n")
    return out


def forbidden(text: str) -> tuple[str, int] | None:
    """The first forbidden keyword (``SERVICE``, ``FROM``, ``LOAD``) and its line, if the text has one."""
    for word, line in words(text):
        if word in FORBIDDEN:
            return word, line
    return None


def form(text: str) -> str:
    """The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (``""`` when none)."""
    for word, _ in words(text):
        if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return word
    return ""


def variables(text: str) -> set[str]:
    return {t.name for t in tokens(text) if t.kind == "var"}


def projected(text: str) -> list[str]:
    """The variables the outer SELECT projects (``(… AS ?x)`` counts as ``x``; ``*`` gives [])."""
    out: list[str] = []
    inside, depth, after_as = False, 0, False
    for t in tokens(text):
        if t.kind in ("space", "comment"):
            continue
        if not inside:
            inside = t.word == "SELECT"
            continue
        if depth == 0 and (t.word == "WHERE" or t.text == "{"):
            break
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.kind == "var" and (depth == 0 or after_as):
            out.append(t.name)
        after_as = t.word == "AS"
    return out


def aliases(text: str) -> list[str]:
    """Variables bound with ``AS`` anywhere in the text."""
    solid = [t for t in tokens(text) if t.kind not in ("space", "comment")]
    return [solid[i + 1].name for i in range(len(solid) - 1) if solid[i].word == "AS" and solid[i + 1].kind == "var"]


_CLAUSE_END = {"WHERE", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}
_EMPTY_GROUP_BY = re.compile(r"GROUP\s+BY\s*(?=\}|HAVING\b|ORDER\b|LIMIT\b|OFFSET\b|$)", re.I)


def substitute(text: str, constants: Mapping[str, str], unbound: Iterable[str] = ()) -> str:
    """Write pre-bound values into a query, as SHACL's pre-binding means them.

    ``constants`` maps a variable name to the N3 text of its value: the variable becomes the value
    in patterns and expressions, is dropped from SELECT projections and GROUP BY lists (a constant
    needs neither), and ``BOUND(?name)`` becomes ``true``. ``unbound`` names optional parameters a
    rule leaves out: ``BOUND(?name)`` becomes ``false`` and the variable stays free. Every variable
    is written ``?name`` (``$x`` and ``?x`` are one variable).
    """
    unbound = set(unbound)
    toks = tokens(text)
    out: list[str] = []
    clause, depth, previous = "", 0, ""
    i = 0
    while i < len(toks):
        t = toks[i]
        i += 1
        if t.word == "BOUND":
            call = _bound_call(toks, i - 1)
            if call is not None and (call[1] in constants or call[1] in unbound):
                end, name = call
                out.append("true" if name in constants else "false")
                i, previous = end, ")"
                continue
        if t.word == "SELECT":
            clause, depth = "projection", 0
        elif t.word == "BY" and previous == "GROUP":
            clause, depth = "group", 0
        elif clause and depth == 0 and (t.word in _CLAUSE_END or t.text in "{}"):
            clause = ""
        elif clause and t.text == "(":
            depth += 1
        elif clause and t.text == ")":
            depth -= 1
        if t.kind == "var":
            name = t.name
            if name in constants:
                if clause and depth == 0:
                    pass  # a constant in a projection or GROUP BY list: dropped
                else:
                    out.append(constants[name])
            else:
                out.append("?" + name)
        else:
            out.append(t.text)
        if t.kind not in ("space", "comment"):
            previous = t.word
    return simplify(_EMPTY_GROUP_BY.sub("", "".join(out)))


def simplify(text: str) -> str:
    """Fold what pre-binding made constant: ``(!false || X)`` is ``(true)``, ``(!true || X)`` is ``(X)``.

    An optional parameter a rule leaves out guards its filter with ``!BOUND(?p) || EXISTS {…}``;
    left in, the EXISTS would still be planned, and with ``?p`` unbound a zero-length path in it
    (``?seat org:role/skos:broader* ?p``) matches every node of the graph, once per seat.
    """
    return join(_fold(tokens(text)))


def _fold(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        head = _solid_after(toks, i, 5) if t.text == "(" else []
        if len(head) == 5 and [toks[k].text for k in head[:1]] == ["!"] and toks[head[1]].word in ("TRUE", "FALSE") \
                and toks[head[2]].text == "|" and toks[head[3]].text == "|":
            end = _closing(toks, i)
            if end is not None:
                if toks[head[1]].word == "FALSE":  # !false is true: the whole disjunction is true
                    out.append(Token("other", "(true)"))
                else:  # !true is false: what is left is the rest
                    out += [Token("other", "(")] + _fold(toks[head[4]:end]) + [Token("other", ")")]
                i = end + 1
                continue
        out.append(t)
        i += 1
    return out


def _solid_after(toks: list[Token], at: int, count: int) -> list[int]:
    """The indices of the next ``count`` tokens after ``at`` that are not space or comments."""
    found = []
    i = at + 1
    while i < len(toks) and len(found) < count:
        if toks[i].kind not in ("space", "comment"):
            found.append(i)
        i += 1
    return found


def _closing(toks: list[Token], at: int) -> int | None:
    """The index of the ``)`` that closes the ``(`` at ``at``."""
    depth = 0
    for i in range(at, len(toks)):
        depth += (toks[i].text == "(") - (toks[i].text == ")")
        if depth == 0:
            return i
    return None


def _bound_call(toks: list[Token], at: int) -> tuple[int, str] | None:
    """``BOUND ( ?name )`` starting at ``at``: (index after it, name), else None."""
    solid = _solid_after(toks, at, 3)
    if len(solid) == 3 and toks[solid[0]].text == "(" and toks[solid[1]].kind == "var" and toks[solid[2]].text == ")":
        return solid[2] + 1, toks[solid[1]].name
    return None


def inject(text: str, pattern: str, variable: str = "this") -> str:
    """Put ``pattern`` at the start of the WHERE group of every ASK, and of every SELECT that
    projects ``variable``, in ``text``.

    That is where a pre-bound variable takes its value: joined first, before anything in the
    group (OPTIONAL, FILTER, a nested SELECT) is evaluated. SHACL requires a nested SELECT to
    project every pre-bound variable it uses, so one that does not project it never sees it.
    """
    toks = tokens(text)
    out: list[str] = []
    waiting, depth, wanted = False, 0, False
    for t in toks:
        out.append(t.text)
        if t.word == "ASK":
            waiting, depth, wanted = True, 0, True
        elif t.word == "SELECT":
            waiting, depth, wanted = True, 0, False
        elif not waiting:
            continue
        elif t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.kind == "var" and t.name == variable:
            wanted = True
        elif t.text == "*" and depth == 0:
            wanted = True
        elif depth == 0 and t.text == "{":
            if wanted:
                out.append(" " + pattern + " ")
            waiting = False
    return "".join(out)


def strip_comments(text: str) -> str:
    return "".join(t.text if t.kind != "comment" else "" for t in tokens(text))


def group_of(text: str) -> str:
    """The outermost ``{ … }`` group of a query (an ASK's WHERE), without the braces."""
    toks = tokens(text)
    depth, start = 0, -1
    for i, t in enumerate(toks):
        if t.text == "{":
            if depth == 0:
                start = i + 1
            depth += 1
        elif t.text == "}":
            depth -= 1
            if depth == 0:
                return join(toks[start:i])
    raise ValueError("no group")


__all__ = ["FORBIDDEN", "Token", "tokens", "forbidden", "form", "variables", "aliases", "substitute",
           "inject", "strip_comments", "group_of", "words", "projected"]
