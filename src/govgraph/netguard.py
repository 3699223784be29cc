"""Keep govgraph off the network.

Validating or drawing must never fetch anything: no ``owl:imports``, no remote
JSON-LD ``@context``, no SPARQL ``SERVICE``. rdflib would happily do all three,
so the process installs an audit hook that refuses every outgoing socket
connection. Audit hooks cannot be removed, which is the point.
"""

from __future__ import annotations

import sys

_installed = False


class NetworkRefused(OSError):
    """Raised inside the process when code tries to open a network connection."""


def _hook(event: str, args: tuple) -> None:
    if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        target = args[1] if len(args) > 1 else args
        raise NetworkRefused(f"govgraph does not use the network (refused {event} to {target!r})")


def install() -> None:
    """Refuse network access for the rest of this process (idempotent)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def installed() -> bool:
    return _installed
