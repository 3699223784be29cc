"""A validation result as SHACL defines it (``sh:ValidationResult``), whichever engine produced it.

The compiled engine and pySHACL both give these records; findings are made from them, and the
engine-equality tests compare them field by field.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node


@dataclass(frozen=True)
class Result:
    """One ``sh:ValidationResult``.

    ``bindings`` are the other variables of the SELECT solution that produced it (e.g. ``count``),
    for the message's ``{?name}`` placeholders; ``messages`` are result messages an engine
    filled in itself (pySHACL does; the compiled engine leaves the filling to the findings).
    """

    focus: Node
    shape: Node
    component: URIRef | None
    severity: URIRef
    value: Node | None = None
    path: Node | None = None
    messages: tuple[Literal, ...] = ()
    bindings: tuple[tuple[str, Node], ...] = ()

    def key(self) -> tuple[str, str, str, str, str, str]:
        """What makes a result the same result on every engine (blank-node paths compare as 'path')."""
        path = str(self.path) if isinstance(self.path, URIRef) else ("path" if self.path is not None else "")
        return (str(self.shape), str(self.focus), str(self.component or ""), str(self.severity),
                self.value.n3() if self.value is not None else "", path)


__all__ = ["Result"]
