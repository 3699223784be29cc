"""Which language a run speaks when ``--lang`` is not given.

Order: ``--lang``, else the ``GOVGRAPH_LANG`` environment variable, else the config file
(:func:`config_lang`, a hook the config-file work fills), else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``: a value starting with ``da`` means Danish), else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("da", "en")


def config_lang() -> str | None:
    """The language the config file (``govgraph.toml``) sets, if any.

    HOOK for the config-file work (issue 15): return its ``lang`` setting here. Until then no
    config file is read and this returns None.
    """
    return None


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """``da`` or ``en`` for a run without ``--lang`` (see the module's docstring for the order)."""
    env = os.environ if environ is None else environ
    given = env.get("GOVGRAPH_LANG", "").strip().lower()
    if given in LANGS:
        return given
    configured = config_lang()
    if configured in LANGS:
        return configured
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:  # the first one set decides, as the C library does
            return "da" if value.lower().startswith("da") else "en"
    return "en"
