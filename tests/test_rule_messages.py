"""Rule messages speak the user's words: the workbook's sheets and columns or the domain, never RDF terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from conftest import ROOT

SHAPE_FILES = sorted((ROOT / "shapes").glob("*.ttl"))
#: A prefixed name (gg:votingRight, role:Mayor, task:), an IRI in angle brackets or a bare http(s) address.
RDF_TERM = re.compile(r"(?<![\w§])[a-z][\w-]*:(?:[A-Za-z][\w-]*)?(?![\s\d])|<[a-z]+:[^>\s]*>|\bhttps?://")
#: Where a message should say to look: a sheet or a column of the workbook (either language).
WORKBOOK_WORDS = re.compile(r"\b(sheet|column|arket|kolonnen|Voting|Stemmeret|Office|Hverv)\b")


def _messages() -> list[tuple[str, str, Literal]]:
    found = []
    for path in SHAPE_FILES:
        graph = Graph().parse(path, format="turtle")
        for shape, message in graph.subject_objects(SH.message):
            found.append((path.name, str(shape).rsplit("/", 1)[-1], message))
    return sorted(found, key=lambda item: (item[0], item[1], item[2].language or ""))


MESSAGES = _messages()
#: The prefixes the rule files declare: one of them before a colon is an RDF term even when nothing follows.
PREFIXES = sorted({p for path in SHAPE_FILES for p, _ in Graph().parse(path, format="turtle").namespaces() if p})
KNOWN_PREFIX = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, PREFIXES)) + r"):")


def rdf_term(text: str) -> str | None:
    found = RDF_TERM.search(text) or KNOWN_PREFIX.search(text)
    return found.group(0) if found else None


def test_there_are_messages_to_check():
    assert len(MESSAGES) >= 150
    assert {m.language for _, _, m in MESSAGES} == {"da", "en"}


@pytest.mark.parametrize(("name", "shape", "message"), MESSAGES,
                         ids=[f"{s}@{m.language}" for _, s, m in MESSAGES])
def test_no_rdf_terms_in_a_rule_message(name, shape, message):
    text = re.sub(r"\{[$?][\w]+\}", "", str(message))  # {?value}, {$task}: filled in with labels
    assert rdf_term(text) is None, f"{name} {shape}: {rdf_term(text)!r} in {text!r}"


def test_the_guard_catches_rdf_terms():
    for bad in ("skriv gg:votingRight false", "e.g. role:Mayor", "a task of the task: scheme",
                "see <http://example.org/x>", "https://example.org"):
        assert rdf_term(bad), bad
    for good in ("sundhedsloven § 203: stk. 4", "3 : 2", "Note: set Voting to no", "kl. 10:30"):
        assert rdf_term(good) is None, good


def test_messages_that_say_what_to_write_name_the_column():
    """A message that tells the user to set or write something says where in the workbook."""
    for name, shape, message in MESSAGES:
        text = str(message)
        if re.search(r"\b(set|Sæt|sæt|write|skriv)\b", text):
            assert WORKBOOK_WORDS.search(text), f"{name} {shape}@{message.language}: {text}"
