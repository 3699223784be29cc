"""Scope → a plain-text listing of the chart: the reporting tree, indented, with every seat.

For readers who cannot see the picture (screen readers, e-mail, a diff in review).
A body with two superiors is listed in full under the first and referred to under
the others; advisory lines are written out on the adviser.
"""

from __future__ import annotations

from rdflib import URIRef

from ...i18n import long_date
from .boxes import Box, boxes, counts_text
from .dot import HELD_MARK, VACANT_MARK
from .scope import ADVISES, REPORTS, Scope
from .words import steps, w

INDENT = "    "


class _Lister:
    def __init__(self, scope: Scope, lang: str) -> None:
        self.scope, self.lang = scope, lang
        self.boxes = boxes(scope, lang)
        self.listed: set[URIRef] = set()
        self.lines: list[str] = []

    def name(self, iri: URIRef) -> str:
        box = self.boxes.get(iri)
        if box is not None:
            return box.label
        return f"{self.scope.org.label(iri, self.lang)} ({w('outside', self.lang)})"

    def order(self, iris: tuple[URIRef, ...] | list[URIRef]) -> list[URIRef]:
        def key(iri: URIRef) -> tuple[int, str, str]:
            box = self.boxes.get(iri)
            return (box.level_rank if box else 0, self.name(iri), str(iri))
        return sorted(iris, key=key)

    def body(self, b: Box, depth: int) -> None:
        pad, lang = INDENT * depth, self.lang
        self.lines.append(f"{pad}{b.label} — {b.kind}, {b.level}")
        pad += "  "
        for office, who in b.offices:
            self.lines.append(f"{pad}{office}: {who}")
        tally = f"{w('seats', lang)}: {b.seat_count}"
        if b.voting_by_side:
            tally += f"; {w('voting', lang)}: {counts_text(b.voting_by_side)}"
        if b.observers_by_side:
            tally += f"; {w('observers', lang)}: {counts_text(b.observers_by_side)}"
        if b.ad_hoc_by_side:
            tally += f"; {w('ad_hoc', lang)}: {counts_text(b.ad_hoc_by_side)}"
        if b.no_holder:
            tally += f"; {w('no_holder', lang)}: {b.no_holder}"
        self.lines.append(pad + tally)
        for row in b.grouped_seats():
            marks = f" ({', '.join(row.marks)})" if row.marks else ""
            who = ", ".join(row.holders) if row.holders else w("unrecorded", lang)
            mark = HELD_MARK if row.holders else VACANT_MARK
            count = f"{row.count} × " if row.count > 1 else ""
            self.lines.append(f"{pad}{mark} [{row.side_label}] {count}{row.text}{marks}: {who}")
        if b.other_members:
            self.lines.append(f"{pad}{w('other_members', lang)}: {', '.join(b.other_members)}")
        for target in self.order(self.scope.parents(b.iri, ADVISES)):
            self.lines.append(f"{pad}- - ▷ {w('advises', lang)}: {self.name(target)}")

    def tree(self, iri: URIRef, depth: int, path: tuple[URIRef, ...]) -> None:
        box = self.boxes.get(iri)
        if iri in self.listed or iri in path:
            self.lines.append(f"{INDENT * depth}{self.name(iri)} ({w('see_above', self.lang)})")
            return
        self.listed.add(iri)
        if box is None:
            self.lines.append(f"{INDENT * depth}{self.name(iri)}")
        else:
            self.body(box, depth)
        for child in self.order(self.scope.children(iri, REPORTS)):
            self.tree(child, depth + 1, (*path, iri))

    def listing(self) -> str:
        org, lang = self.scope.org, self.lang
        head = org.label(org.scenario.iri, lang) if org.scenario.iri else ""
        when = f"{w('as_of', lang)} {long_date(self.scope.day, lang)}" if self.scope.day else w("all_dates", lang)
        self.lines.append(f"{head} — {when}" if head else when)
        if self.scope.focus is not None:
            self.lines.append(f"{w('focus', lang)}: {org.label(self.scope.focus, lang)}, {steps(self.scope.depth, lang)}")
        self.lines.append("")
        nodes = [b.iri for b in self.scope.bodies] + list(self.scope.outside)
        # Roots report to nobody drawn; a body caught in a reporting cycle is picked up after them.
        roots = [n for n in nodes if not self.scope.parents(n, REPORTS)]
        for root in self.order(roots):
            self.tree(root, 0, ())
        for rest in self.order(nodes):
            if rest not in self.listed:
                self.tree(rest, 0, ())
        return "\n".join(self.lines) + "\n"


def to_text(scope: Scope, lang: str = "en") -> str:
    """The chart as an indented text listing (see the module docstring)."""
    return _Lister(scope, lang).listing()
