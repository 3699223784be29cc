"""Keep govgraph's own work off the network.

Loading, validating and drawing must never fetch anything: no ``owl:imports``, no remote
JSON-LD ``@context`` or ``@import``, no SPARQL ``SERVICE``. rdflib would happily do all of
them. Two layers:

* the readers refuse such references before parsing (:mod:`govgraph.load` names the file
  and what to do), and
* :func:`guard` is a context in which every attempt to open a connection, resolve a host
  name or open a URL (``file:`` included) fails with :class:`NetworkRefused`.

The guard is scoped: it is an audit hook (installed once; audit hooks cannot be removed)
that refuses only while some thread is inside ``with guard():``. ``load()`` and every CLI
command run inside it; a program that uses govgraph as a library keeps its own networking
before and after. (While the guard is on it holds for the whole process, other threads
included: an audit hook cannot tell whose work a thread is doing.)
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

#: Audit events that mean "about to reach a network or a URL".
EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                    "socket.sendto", "urllib.Request"})

_lock = threading.Lock()
_hook_added = False
_depth = 0


class NetworkRefused(OSError):
    """Raised inside the process when govgraph's own work tries to reach the network."""


def _hook(event: str, args: tuple) -> None:
    if _depth and event in EVENTS:
        target = args[1] if len(args) > 1 else args
        raise NetworkRefused(f"govgraph does not use the network (refused {event} to {target!r})")


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Refuse network access (and URL opening) while the block runs; nested uses are fine."""
    global _hook_added, _depth
    with _lock:
        if not _hook_added:
            sys.addaudithook(_hook)
            _hook_added = True
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1


F = TypeVar("F", bound=Callable[..., Any])


def guarded(function: F) -> F:
    """Decorator: run ``function`` inside :func:`guard` (for library entry points such as validation)."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        with guard():
            return function(*args, **kwargs)

    return call  # type: ignore[return-value]


def active() -> bool:
    """Whether network access is refused right now."""
    return _depth > 0
