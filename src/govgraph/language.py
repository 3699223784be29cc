"""Which language a run speaks when ``--lang`` is not given.

Order: ``--lang``, else the ``GOVGRAPH_LANG`` environment variable, else the config file
(``govgraph.toml``, see :mod:`govgraph.config`), else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``: a value starting with ``da`` means Danish), else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("da", "en")


def locale_lang(env: Mapping[str, str]) -> tuple[str, str] | None:
    """``(lang, origin)`` from the locale (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``), if one is set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:  # the first one set decides, as the C library does
            return ("da" if value.lower().startswith("da") else "en"), f"locale {name}"
    return None


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """``da`` or ``en`` for a run without ``--lang``: ``GOVGRAPH_LANG``, the config file, the locale, else en
    (:func:`govgraph.config.setting`)."""
    from .config import setting

    env = dict(os.environ if environ is None else environ)
    value, _origin = setting("lang", None, environ=env)
    return value if value in LANGS else "en"  # type: ignore[return-value]
