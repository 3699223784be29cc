"""The tabular shape of a model: which sheets, which columns, what each column means.

One table of data drives everything in this package: the template writes these
headers and drop-down lists, the reader turns rows into triples with them, the
exporter fills them, and the read-me sheet and the README describe them. A
sheet is either an *entity* sheet (one row = one thing: a scenario, a body, a
seat …), a *link* sheet (one row = one statement between two things: a task, a
reporting line) or the *statements* sheet, which holds any triple the other
sheets have no column for, so that export → import loses nothing.

A column marked ``of_person`` (Members: Name, Person source) gives its value to
the row's person rather than to the membership; a name also types the person
``foaf:Person``.

Column kinds:

``id``       the row's own id: a prefixed name (``nj:pk-midt``), a local name in
             the ``nj:`` namespace (``pk-midt``), a full IRI in ``<…>`` or a blank
             node ``_:x``
``type``     a class (the body type), by label or prefixed name
``text``     a text in the column's language (``lang``) or untagged
``concept``  a concept of a SKOS scheme (``domain``), by label in either language,
             local name or prefixed name
``ref``      another thing (a body, a municipality …), by id or label
``date``     an ``xsd:date`` (YYYY-MM-DD, or a date cell)
``bool``     yes/no (ja/nej, true/false)
``int``      a whole number
``kind``     the kind of reporting line: line or advisory
``during``   the first or last day of a membership's term: an ``org:memberDuring``
             W3C Time interval whose beginning or end has that ``time:inXSDDate``
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDFS, TIME

from ..vocab import GG, LEVEL, OFFICE, QUAL, ROLE, SIDE, STATUS, TASK


@dataclass(frozen=True)
class Column:
    """One column: its key, headers in English and Danish, and how a cell becomes a triple."""

    key: str
    en: str
    da: str
    kind: str
    prop: URIRef | None = None
    lang: str | None = None
    domain: str = ""
    required: bool = False
    multi: bool = False
    must_exist: bool = False
    of_person: bool = False  # the value belongs to the row's person (Members), not to the row
    help_en: str = ""
    help_da: str = ""

    def header(self, lang: str) -> str:
        return self.da if lang == "da" else self.en


@dataclass(frozen=True)
class Sheet:
    """One sheet (or one CSV file): its key, names, the class its rows are, and its columns."""

    key: str
    en: str
    da: str
    kind: str  # entity | link | statements
    columns: tuple[Column, ...]
    rdf_type: URIRef | None = None
    required: bool = False
    help_en: str = ""
    help_da: str = ""

    def name(self, lang: str) -> str:
        return self.da if lang == "da" else self.en

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# ------------------------------------------------------------------ domains
#: What a concept or ref column may hold: the English and Danish noun used in messages.
DOMAINS: dict[str, tuple[str, str]] = {
    "role": ("role", "rolle"),
    "side": ("side", "part"),
    "level": ("level", "niveau"),
    "office": ("office", "hverv"),
    "status": ("status", "status"),
    "qualification": ("qualification", "kvalifikation"),
    "task": ("task", "opgave"),
    "body-type": ("body type", "organtype"),
    "body": ("body", "organ"),
    "party": ("municipality, region, cluster or organization", "kommune, region, klynge eller organisation"),
    "seat": ("seat", "plads"),
    "source": ("source", "kilde"),
    "person": ("person", "person"),
    "any": ("thing", "ting"),
}

#: Concept schemes behind the concept domains.
SCHEMES: dict[str, URIRef] = {
    "role": URIRef(str(ROLE)), "side": URIRef(str(SIDE)), "level": URIRef(str(LEVEL)),
    "office": URIRef(str(OFFICE)), "status": URIRef(str(STATUS)), "qualification": URIRef(str(QUAL)),
    "task": URIRef(str(TASK)),
}

#: The two kinds of reporting line and their words.
LINE_KINDS: dict[str, tuple[URIRef, tuple[str, ...]]] = {
    "line": (ORG.reportsTo, ("line", "linje", "org:reportsTo")),
    "advisory": (GG.advises, ("advisory", "rådgivende", "gg:advises")),
}

YES = ("yes", "ja", "true", "sand", "1", "x")
NO = ("no", "nej", "false", "falsk", "0")


def _id(help_en: str = "Id: a short name such as pk-midt (becomes nj:pk-midt) or a prefixed name.",
        help_da: str = "Id: et kort navn som pk-midt (bliver nj:pk-midt) eller et navn med præfiks.",
        required: bool = True) -> Column:
    return Column("id", "Id", "Id", "id", required=required, help_en=help_en, help_da=help_da)


def _labels() -> tuple[Column, Column]:
    return (Column("label_da", "Label (da)", "Navn (da)", "text", RDFS.label, lang="da",
                   help_en="Name in Danish.", help_da="Navn på dansk."),
            Column("label_en", "Label (en)", "Navn (en)", "text", RDFS.label, lang="en",
                   help_en="Name in English.", help_da="Navn på engelsk."))


def _trailer() -> tuple[Column, ...]:
    return (
        Column("source", "Source", "Kilde", "ref", DCTERMS.source, domain="source", multi=True,
               help_en="Sources (src: ids or titles), separated by ';'.",
               help_da="Kilder (src:-id eller titel), adskilt af ';'."),
        Column("comment_da", "Comment (da)", "Kommentar (da)", "text", RDFS.comment, lang="da",
               help_en="Comment in Danish.", help_da="Kommentar på dansk."),
        Column("comment_en", "Comment (en)", "Kommentar (en)", "text", RDFS.comment, lang="en",
               help_en="Comment in English.", help_da="Kommentar på engelsk."),
    )


def _dates() -> tuple[Column, Column]:
    return (Column("valid_from", "Valid from", "Gælder fra", "date", GG.validFrom,
                   help_en="First day in force (YYYY-MM-DD).", help_da="Første dag i kraft (ÅÅÅÅ-MM-DD)."),
            Column("valid_until", "Valid until", "Gælder til", "date", GG.validUntil,
                   help_en="Last day in force, inclusive (YYYY-MM-DD).",
                   help_da="Sidste dag i kraft, inklusive (ÅÅÅÅ-MM-DD)."))


SCENARIO = Sheet("scenario", "Scenario", "Scenarie", "entity", rdf_type=GG.Scenario, required=True,
                 help_en="One row: the scenario (proposal or actual structure) and its date.",
                 help_da="Én række: scenariet (forslag eller faktisk struktur) og dets dato.", columns=(
    _id(), *_labels(),
    Column("status", "Status", "Status", "concept", GG.status, domain="status",
           help_en="actual or proposed.", help_da="faktisk eller foreslået."),
    Column("effective", "Effective date", "Ikrafttrædelse", "date", GG.effectiveDate,
           help_en="The date the scenario describes; rules in force that day apply.",
           help_da="Datoen scenariet beskriver; regler i kraft den dag gælder."),
    Column("top_body", "Top body", "Øverste organ", "ref", GG.topBody, domain="body", must_exist=True,
           help_en="The body every other body must reach along reporting lines.",
           help_da="Organet alle andre organer skal nå ad rapporteringslinjer."),
    Column("includes", "Includes bodies", "Omfatter organer", "ref", GG.includesBody, domain="body",
           multi=True, must_exist=True,
           help_en="Leave empty: every body on the Bodies sheet belongs to the scenario. Else the bodies, ';'-separated.",
           help_da="Lad stå tom: alle organer på arket Organer hører til scenariet. Ellers organerne, adskilt af ';'."),
    *_trailer()))

BODIES = Sheet("bodies", "Bodies", "Organer", "entity", required=True,
               help_en="One row per body (committee, council, forum, steering group).",
               help_da="Én række pr. organ (udvalg, råd, forum, styregruppe).", columns=(
    _id(), Column("type", "Type", "Type", "type", domain="body-type", required=True,
                  help_en="Body type, e.g. political health cluster.", help_da="Organtype, fx politisk sundhedsklynge."),
    *_labels(),
    Column("level", "Level", "Niveau", "concept", GG.level, domain="level",
           help_en="political, administrative or operational.", help_da="politisk, administrativt eller drift."),
    Column("area", "Area", "Område", "ref", GG.area, domain="party",
           help_en="The area the body serves, e.g. Klynge Midt.", help_da="Området organet dækker, fx Klynge Midt."),
    *_dates(),
    Column("meetings", "Meetings per year", "Møder om året", "int", GG.meetingsPerYear,
           help_en="Planned meetings a year.", help_da="Planlagte møder om året."),
    *_trailer()))

SEATS = Sheet("seats", "Seats", "Pladser", "entity", rdf_type=GG.Seat, required=True,
              help_en="One row per seat; a seat exists even when nobody holds it.",
              help_da="Én række pr. plads; en plads findes også når den er ubesat.", columns=(
    _id(), Column("body", "Body", "Organ", "ref", ORG.postIn, domain="body", required=True, must_exist=True,
                  help_en="Id of the body the seat is in.", help_da="Id på organet pladsen hører til."),
    *_labels(),
    Column("role", "Role", "Rolle", "concept", ORG.role, domain="role",
           help_en="What the holder is, e.g. mayor.", help_da="Hvad indehaveren er, fx borgmester."),
    Column("side", "Side", "Part", "concept", GG.side, domain="side",
           help_en="region, municipality, general practice, patients and relatives.",
           help_da="region, kommune, almen praksis, patienter og pårørende."),
    Column("represents", "Represents", "Repræsenterer", "ref", GG.represents, domain="party", must_exist=True,
           help_en="The constituency, e.g. Aalborg, Region Nordjylland, Psykiatrien, PLO-Nordjylland.",
           help_da="Valgkredsen, fx Aalborg, Region Nordjylland, Psykiatrien, PLO-Nordjylland."),
    Column("voting", "Voting", "Stemmeret", "bool", GG.votingRight,
           help_en="no for an observer; empty means the seat has a vote.",
           help_da="nej for en observatør; tom betyder at pladsen har stemmeret."),
    Column("ad_hoc", "Ad hoc", "Ad hoc", "bool", GG.adHoc,
           help_en="yes when the seat is taken only when the agenda calls for it.",
           help_da="ja når pladsen kun besættes efter dagsorden."),
    Column("office", "Office", "Hverv", "concept", GG.office, domain="office", multi=True,
           help_en="chair, co-chair or deputy chair.", help_da="formand, medformand eller næstformand."),
    Column("appointed_by", "Appointed by", "Udpeget af", "ref", GG.appointedBy, domain="party", multi=True,
           must_exist=True, help_en="Who designates the holder, e.g. forretningsudvalget.",
           help_da="Hvem udpeger indehaveren, fx forretningsudvalget."),
    Column("approved_by", "Approved by", "Godkendt af", "ref", GG.approvedBy, domain="party", multi=True,
           must_exist=True, help_en="Who approves the designation, e.g. regionsraadet.",
           help_da="Hvem godkender udpegningen, fx regionsraadet."),
    Column("qualifications", "Qualifications", "Kvalifikationer", "concept", GG.requiresQualification,
           domain="qualification", multi=True,
           help_en="What the holder must have, ';'-separated.", help_da="Hvad indehaveren skal have, adskilt af ';'."),
    *_dates(), *_trailer()))

MEMBERS = Sheet("members", "Members", "Medlemmer", "entity", rdf_type=ORG.Membership,
                help_en="One row per person holding a seat (or serving a body, e.g. a secretary), as a source shows.",
                help_da="Én række pr. person der har en plads (eller betjener et organ, fx en sekretær), som en kilde viser.",
                columns=(
    _id(help_en="Id of the membership; may be left empty.", help_da="Id på medlemskabet; kan stå tom.",
        required=False),
    Column("person", "Person id", "Person-id", "ref", ORG.member, domain="person", required=True,
           help_en="Id of the person, e.g. person-jane-doe.", help_da="Id på personen, fx person-jens-hansen."),
    Column("name", "Name", "Navn", "text", FOAF.name, of_person=True,
           help_en="The person's name (makes the person a foaf:Person).", help_da="Personens navn."),
    Column("body", "Body", "Organ", "ref", ORG.organization, domain="body", required=True, must_exist=True,
           help_en="Id of the body.", help_da="Id på organet."),
    Column("seat", "Seat", "Plads", "ref", GG.seat, domain="seat", must_exist=True,
           help_en="Id of the seat the person holds (empty: no seat, e.g. a secretary).",
           help_da="Id på pladsen personen har (tom: ingen plads, fx en sekretær)."),
    Column("role", "Role", "Rolle", "concept", ORG.role, domain="role",
           help_en="The person's role.", help_da="Personens rolle."),
    Column("attested_on", "Attested on", "Bekræftet den", "date", GG.attestedOn,
           help_en="Date on which the source shows the membership.", help_da="Dato hvor kilden viser medlemskabet."),
    Column("present", "Present", "Til stede", "bool", GG.present,
           help_en="Whether the person attended that meeting.", help_da="Om personen deltog i mødet."),
    Column("member_from", "Member from", "Medlem fra", "during", TIME.hasBeginning,
           help_en="First day of the term (org:memberDuring), if known.",
           help_da="Første dag i perioden (org:memberDuring), hvis kendt."),
    Column("member_until", "Member until", "Medlem til", "during", TIME.hasEnd,
           help_en="Last day of the term, if known.", help_da="Sidste dag i perioden, hvis kendt."),
    *_labels(), *_trailer(),
    Column("person_source", "Person source", "Personens kilde", "ref", DCTERMS.source, domain="source", multi=True,
           of_person=True, help_en="Sources that name the person, separated by ';'.",
           help_da="Kilder der nævner personen, adskilt af ';'.")))

REPORTING = Sheet("reporting", "Reporting lines", "Rapporteringslinjer", "link",
                  help_en="One row per reporting line between two bodies.",
                  help_da="Én række pr. rapporteringslinje mellem to organer.", columns=(
    Column("from", "From", "Fra", "ref", domain="body", required=True, must_exist=True,
           help_en="The body that reports.", help_da="Organet der refererer."),
    Column("to", "To", "Til", "ref", domain="body", required=True, must_exist=True,
           help_en="The body reported to.", help_da="Organet der refereres til."),
    Column("kind", "Kind", "Art", "kind", required=True,
           help_en="line (solid) or advisory (dotted).", help_da="linje (fuld) eller rådgivende (stiplet)."),
))

TASKS = Sheet("tasks", "Tasks", "Opgaver", "link",
              help_en="One row per task a body holds.", help_da="Én række pr. opgave et organ har.", columns=(
    Column("body", "Body", "Organ", "ref", domain="body", required=True, must_exist=True,
           help_en="Id of the body.", help_da="Id på organet."),
    Column("task", "Task", "Opgave", "concept", GG.hasTask, domain="task", required=True,
           help_en="The task, by its label or id.", help_da="Opgaven, ved navn eller id."),
))

CHANGES = Sheet("changes", "Change events", "Ændringer", "entity", rdf_type=ORG.ChangeEvent,
                help_en="One row per reorganization: which bodies it ends and which it creates.",
                help_da="Én række pr. omorganisering: hvilke organer den nedlægger og opretter.", columns=(
    _id(), *_labels(),
    Column("date", "Date", "Dato", "date", DCTERMS.date, help_en="Date of the change.", help_da="Dato for ændringen."),
    Column("original", "Original bodies", "Oprindelige organer", "ref", ORG.originalOrganization, domain="body",
           multi=True, help_en="Names or ids of the bodies before, ';'-separated.",
           help_da="Navne eller id på organerne før, adskilt af ';'."),
    Column("resulting", "Resulting bodies", "Nye organer", "ref", ORG.resultingOrganization, domain="body",
           multi=True, help_en="Names or ids of the bodies after, ';'-separated.",
           help_da="Navne eller id på organerne efter, adskilt af ';'."),
    *_trailer()))

DECISIONS = Sheet("decisions", "Decisions", "Beslutninger", "entity", rdf_type=GG.Decision,
                  help_en="One row per decision a minute records: the body that made it and the task it falls under.",
                  help_da="Én række pr. beslutning et referat viser: organet der traf den og opgaven den hører under.",
                  columns=(
    _id(), *_labels(),
    Column("body", "Decided by", "Besluttet af", "ref", GG.decidedBy, domain="body", must_exist=True,
           help_en="Id of the body that decided.", help_da="Id på organet der besluttede."),
    Column("task", "Task", "Opgave", "concept", GG.exercisesTask, domain="task", multi=True,
           help_en="The task the decision falls under, by its label or id.",
           help_da="Opgaven beslutningen hører under, ved navn eller id."),
    Column("date", "Date", "Dato", "date", DCTERMS.date, help_en="Date of the decision.",
           help_da="Dato for beslutningen."),
    *_trailer()))

STATEMENTS = Sheet("statements", "Other statements", "Øvrige udsagn", "statements",
                   help_en="Anything the other sheets have no column for, one statement per row.",
                   help_da="Alt det de andre ark ikke har en kolonne til, ét udsagn pr. række.", columns=(
    Column("subject", "Subject", "Subjekt", "ref", domain="any", required=True,
           help_en="Id of the thing.", help_da="Id på tingen."),
    Column("property", "Property", "Egenskab", "ref", domain="any", required=True,
           help_en="Prefixed name of the property, e.g. skos:altLabel.", help_da="Egenskabens navn med præfiks, fx skos:altLabel."),
    Column("value", "Value", "Værdi", "text", help_en="The value (empty only for an empty text).",
           help_da="Værdien (kun tom for en tom tekst)."),
    Column("language", "Language", "Sprog", "text", help_en="da or en for a text in that language.",
           help_da="da eller en for en tekst på det sprog."),
    Column("datatype", "Datatype", "Datatype", "text",
           help_en="id when the value is an id; else a datatype such as xsd:date; empty (or text) for plain text.",
           help_da="id når værdien er et id; ellers en datatype som xsd:date; tom (eller text) for almindelig tekst."),
))

PREFIX_SHEET = Sheet("prefixes", "Prefixes", "Præfikser", "prefixes",
                    help_en="Your own prefixes, e.g. ex for https://example.org/ (govgraph's are built in).",
                    help_da="Egne præfikser, fx ex for https://example.org/ (govgraphs egne er indbygget).", columns=(
    Column("prefix", "Prefix", "Præfiks", "text", required=True, help_en="The prefix, e.g. ex.",
           help_da="Præfikset, fx ex."),
    Column("namespace", "Namespace", "Navnerum", "text", required=True,
           help_en="The namespace IRI it stands for, e.g. https://example.org/.",
           help_da="Navnerummets IRI, fx https://example.org/."),
))

SHEETS: tuple[Sheet, ...] = (SCENARIO, BODIES, SEATS, MEMBERS, REPORTING, TASKS, CHANGES, DECISIONS, STATEMENTS,
                             PREFIX_SHEET)
LISTS_SHEET = ("Lists", "Lister")
README_SHEET = ("Read me", "Læs mig")


def sheet_by_name(name: str) -> Sheet | None:
    """The sheet whose English or Danish name (or key, or CSV file stem) is ``name``."""
    wanted = _norm(name)
    for sheet in SHEETS:
        if wanted in {_norm(sheet.en), _norm(sheet.da), _norm(sheet.key)}:
            return sheet
    return None


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def column_by_header(sheet: Sheet, header: str) -> Column | None:
    """The column a header names, in either language (case, spaces and a trailing '*' ignored)."""
    wanted = _norm(header.rstrip("* "))
    for column in sheet.columns:
        if wanted in {_norm(column.en), _norm(column.da), _norm(column.key)}:
            return column
    return None
