"""Danish and English words of the diff renderers (labels of data come from the graph, not from here)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {  # key: (da, en)
    "member": ("medlem", "member"),
    "members": ("medlemmer", "members"),
    "observer": ("observatør uden stemmeret", "observer without a vote"),
    "observers": ("observatører uden stemmeret", "observers without a vote"),
    "from_each": ("fra hver", "from each"),
    "from": ("fra", "from"),
    "appointed_by": ("udpeget af", "appointed by"),
    "approved_by": ("godkendt af", "approved by"),
    "including": ("herunder", "including"),
    "ad_hoc": ("ad hoc", "ad hoc"),
    "only": ("kun", "only"),
    "required_all": ("kræves for alle pladser", "required for every seat"),
    "and": ("og", "and"),
    "composition": ("Sammensætning", "Composition"),
    "tasks": ("Opgaver", "Tasks"),
    "no_seats": ("ingen pladser registreret", "no seats recorded"),
    "no_tasks": ("ingen opgaver registreret", "no tasks recorded"),
    "old": ("Nuværende organisering", "Current organization"),
    "new": ("Ny organisering", "New organization"),
    "title": ("Gammel og ny organisering", "Old and new organization"),
    "until": ("til", "until"),
    "from_date": ("fra", "from"),
    "none": ("(intet)", "(none)"),
    "changes": ("Ændringer", "Changes"),
    "transition": ("Overgang: opgaver uden organ", "Transition: tasks no body holds"),
    "no_gaps": ("ingen opgave står uden organ i overgangen", "no task is left without a body in the transition"),
    "seats": ("pladser", "seats"),
    "voting": ("med stemmeret", "voting"),
    "observer_seats": ("observatører", "observers"),
    "by_side": ("efter part", "by side"),
    "by_role": ("efter rolle", "by role"),
    "offices": ("hverv", "offices"),
    "tasks_kept": ("opgaver bevaret", "tasks kept"),
    "tasks_added": ("opgaver tilføjet", "tasks added"),
    "tasks_dropped": ("opgaver bortfaldet", "tasks dropped"),
    "moved_to": ("flyttet til", "moved to"),
    "reports_to": ("refererer til", "reports to"),
    "events": ("ændringshændelse", "change event"),
    "summary": ("I alt", "Total"),
    "legend": ("Forklaring", "Legend"),
    "successor": ("efterfølger", "successor"),
    "abolished": ("nedlagt", "abolished"),
    "added": ("ny", "added"),
    "changed": ("ændret", "changed"),
    "renamed": ("omdøbt", "renamed"),
    "unchanged": ("uændret", "unchanged"),
    "no_changes": ("ingen ændringer", "no changes"),
}


def w(key: str, lang: str) -> str:
    da, en = WORDS[key]
    return da if lang == "da" else en


def count(n: int | str, one: str, many: str, lang: str) -> str:
    """'1 member', '5 members', '2–4 members'."""
    return f"{n} {w(one if str(n) == '1' else many, lang)}"
