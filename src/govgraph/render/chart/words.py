"""Words the chart and its text listing use, in Danish and English.

Labels of bodies, roles and sides come from the data; these are only the
interface words around them. Words every command shares (seats, observers,
reports to, …) come from :mod:`govgraph.i18n`; this table adds the chart's own.
"""

from __future__ import annotations

from ...i18n import TEXTS

WORDS: dict[str, dict[str, str]] = {
    "all_dates": {"da": "alle datoer", "en": "all dates"},
    "legend": {"da": "Signaturforklaring", "en": "Legend"},
    "see_above": {"da": "se ovenfor", "en": "see above"},
    "observer": {"da": "observatør", "en": "observer"},
    "holder": {"da": "indehaver registreret", "en": "holder recorded"},
    "unrecorded": {"da": "ikke registreret", "en": "not recorded"},
    "absent": {"da": "fraværende", "en": "absent"},
    "other_members": {"da": "andre registrerede medlemmer", "en": "other recorded members"},
    "outside": {"da": "uden for modellen", "en": "outside the model"},
    "level_unknown": {"da": "niveau ikke angivet", "en": "level not given"},
    "side_unknown": {"da": "part ikke angivet", "en": "side not given"},
    "no_seats": {"da": "ingen pladser registreret", "en": "no seats recorded"},
    "lines": {"da": "linjer", "en": "lines"},
    "level": {"da": "niveau", "en": "level"},
    "side": {"da": "part", "en": "side"},
    "focus": {"da": "fokus", "en": "focus"},
    "seat": {"da": "plads", "en": "seat"},
    "step": {"da": "trin", "en": "step"},
    "steps": {"da": "trin", "en": "steps"},
}


def w(key: str, lang: str) -> str:
    """The interface word ``key`` in ``lang`` (English when the language is unknown)."""
    entry = WORDS[key] if key in WORDS else TEXTS[key]
    return entry.get(lang) or entry["en"]


def count(n: int | None, one: str, many: str, lang: str) -> str:
    """'1 seat', '2 seats' (Danish: '1 plads', '2 pladser')."""
    return f"{n} {w(one if n == 1 else many, lang)}"


def steps(n: int | None, lang: str) -> str:
    return count(n, "step", "steps", lang)
