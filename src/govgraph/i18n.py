"""Interface words in Danish and English. Rule messages live in shapes/, not here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A text in Danish and English (either may be empty).

    ``text(lang)`` and ``text.get(lang)`` give it in ``lang``, else in the other language.
    """

    da: str = ""
    en: str = ""

    def get(self, lang: str) -> str:
        first, second = (self.da, self.en) if lang == "da" else (self.en, self.da)
        return first or second

    __call__ = get

    def as_dict(self) -> dict[str, str]:
        return {"da": self.get("da"), "en": self.get("en")}

TEXTS: dict[str, dict[str, str]] = {
    "scenario": {"da": "Scenarie", "en": "Scenario"},
    "no_scenario": {"da": "(intet scenarie angivet)", "en": "(no scenario given)"},
    "effective": {"da": "gælder fra", "en": "effective"},
    "as_of": {"da": "pr.", "en": "as of"},
    "bodies": {"da": "organer", "en": "bodies"},
    "seats": {"da": "pladser", "en": "seats"},
    "voting": {"da": "med stemmeret", "en": "voting"},
    "observers": {"da": "observatører", "en": "observers"},
    "ad_hoc": {"da": "ad hoc", "en": "ad hoc"},
    "no_holder": {"da": "uden registreret indehaver", "en": "without a recorded holder"},
    "by_side": {"da": "efter part", "en": "by side"},
    "by_role": {"da": "efter rolle", "en": "by role"},
    "by_constituency": {"da": "efter repræsentation", "en": "by constituency"},
    "tasks": {"da": "opgaver", "en": "tasks"},
    "persons": {"da": "personer", "en": "persons"},
    "members": {"da": "medlemmer", "en": "members"},
    "reports_to": {"da": "refererer til", "en": "reports to"},
    "advises": {"da": "rådgiver", "en": "advises"},
    "totals": {"da": "I alt", "en": "Totals"},
    "not_in_force": {"da": "ikke i kraft på datoen", "en": "not in force on the date"},
    "unknown": {"da": "ukendt", "en": "unknown"},
    "chair": {"da": "formand", "en": "chair"},
    "lint_ok": {"da": "ingen fejl i ordforråd, navne og pladser", "en": "no problems with vocabulary, labels and seats"},
    "files_checked": {"da": "filer kontrolleret", "en": "files checked"},
    "problems": {"da": "problemer", "en": "problems"},
}


def t(key: str, lang: str) -> str:
    entry = TEXTS[key]
    return entry.get(lang) or entry["en"]


_MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def long_date(day: dt.date, lang: str) -> str:
    """A date as a reader writes it: Danish ``1. oktober 2022``, English ``1 October 2022``."""
    month = _MONTHS["da" if lang == "da" else "en"][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"
