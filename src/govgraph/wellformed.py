"""Checks every reader applies to what it parsed, whatever the format.

A parser may accept what the rest of govgraph cannot use, and each format has its own
ways in: a lone surrogate (``"\\ud800"`` in JSON or YAML) that no file can hold, an IRI with
``{ } |`` or a space typed into a workbook cell, a literal of 16 MiB, a document nested a
hundred thousand levels deep, a JSON-LD ``@import`` or remote ``@context`` that would be
fetched. :func:`check_parsed` and friends stop each of them at the reader, with the file and
line (or sheet, row and column), once for every format.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from . import limits
from .errors import InputError

#: Characters an IRI may not hold (RFC 3987): controls, space, and <>"{}|\^`.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _place(path: Path, parsed: Any, triple: tuple) -> str:
    """Where a triple is written: its cell when known, else its subject's place, else the file."""
    cell = parsed.places.cells.get((triple[0], triple[1]))
    if cell is not None:
        return str(cell)
    found = parsed.places.locate(triple[0], parsed.graph)
    return str(found) if found is not None else str(path)


def check_parsed(path: Path, parsed: Any) -> None:
    """Refuse a parsed file (a :class:`govgraph.load.Parsed`) that holds too many triples, a literal
    over the length cap, a lone surrogate or an IRI with a character IRIs may not hold."""
    caps = limits.current()
    limits.check(path, "triples", len(parsed.graph))
    for triple in parsed.graph:
        for node in triple:
            if isinstance(node, Literal):
                text = str(node)
                if len(text) > caps.literal_chars:
                    raise limits.exceeded(_place(path, parsed, triple), "literal_chars")
                if _SURROGATE.search(text) or (node.language and _SURROGATE.search(node.language)):
                    raise _surrogate(_place(path, parsed, triple))
            elif isinstance(node, URIRef):
                text = str(node)
                if _SURROGATE.search(text):
                    raise _surrogate(_place(path, parsed, triple))
                bad = _BAD_IRI.search(text)
                if bad:
                    raise InputError(_place(path, parsed, triple),
                                     f"the IRI {text[:80]!r} holds {bad.group()!r}, which an IRI may not hold",
                                     "write the id without spaces and without < > \" { } | \\ ^ `",
                                     da_what=f"IRI'en {text[:80]!r} indeholder {bad.group()!r}, som en IRI ikke må "
                                             "indeholde",
                                     da_hint="skriv id'et uden mellemrum og uden < > \" { } | \\ ^ `")


def _surrogate(where: str) -> InputError:
    return InputError(where, "a text holds a lone surrogate (an escape such as \\ud800 that is half a character)",
                      "write the character itself, or its full escape",
                      da_what="en tekst indeholder et enligt surrogat (en kode som \\ud800, der er et halvt tegn)",
                      da_hint="skriv selve tegnet eller dets fulde kode")


def refuse_remote(path: Path, document: object, hint: str = "put the context inline as an object",
                  da_hint: str = "skriv konteksten direkte i filen som et objekt") -> None:
    """Refuse a JSON-LD document (or YAML read as one) that names a context to fetch: an ``@context``
    given as a string (``http:``, ``file:`` or a relative name) or an ``@import`` anywhere (JSON-LD 1.1).

    rdflib's JSON-LD parser would fetch them through its own document loader, ``file:`` included;
    refusing them here, before parsing, means no loader is ever asked."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "@import":
                    _refuse(path, item if isinstance(item, str) else "@import", hint, da_hint)
                if key == "@context":
                    for one in item if isinstance(item, list) else [item]:
                        if isinstance(one, str):
                            _refuse(path, one, hint, da_hint)
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)


def _refuse(path: Path, target: str, hint: str, da_hint: str) -> None:
    raise InputError(path, f"remote JSON-LD context {target!r} refused: govgraph never fetches from the network "
                           "or from other files", hint,
                     da_what=f"ekstern JSON-LD-kontekst {target!r} afvist: govgraph henter aldrig noget fra netværket "
                             "eller fra andre filer",
                     da_hint=da_hint)


def refuse_bad_ids(path: Path, text: str, document: object, keys: frozenset[str] = frozenset({"@id", "@type"})) -> None:
    """Refuse an id (the value of one of ``keys``) with a character an IRI may not hold: rdflib's
    JSON-LD parser silently drops such a node, and the seat or body would vanish without a word."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                for one in (item if isinstance(item, list) else [item]) if key in keys else []:
                    if isinstance(one, str) and (_BAD_IRI.search(one) or _SURROGATE.search(one)):
                        bad = (_BAD_IRI.search(one) or _SURROGATE.search(one)).group()  # type: ignore[union-attr]
                        line = next((n for n, row in enumerate(text.splitlines(), start=1) if one in row), 0)
                        raise InputError(f"{path}:{line}" if line else path,
                                         f"the id {one[:80]!r} holds {bad!r}, which an id may not hold",
                                         "write the id without spaces and without < > \" { } | \\ ^ `",
                                         da_what=f"id'et {one[:80]!r} indeholder {bad!r}, som et id ikke må indeholde",
                                         da_hint="skriv id'et uden mellemrum og uden < > \" { } | \\ ^ `")
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)


def check_json_depth(path: Path, text: str) -> None:
    """Refuse JSON nested deeper than the depth cap, before ``json.loads`` recurses into it."""
    cap = limits.current().depth
    depth, in_string, escaped = 0, False, False
    line = 1
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > cap:
                raise limits.exceeded(f"{path}:{line}", "depth")
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line += 1
