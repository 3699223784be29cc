"""Namespaces of the govgraph vocabulary and of the vocabularies it reuses."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, RDF, RDFS, SH, SKOS, TIME, XSD

GG = Namespace("https://w3id.org/govgraph/ns#")
ROLE = Namespace("https://w3id.org/govgraph/role/")
SIDE = Namespace("https://w3id.org/govgraph/side/")
LEVEL = Namespace("https://w3id.org/govgraph/level/")
OFFICE = Namespace("https://w3id.org/govgraph/office/")
STATUS = Namespace("https://w3id.org/govgraph/status/")
LAYER = Namespace("https://w3id.org/govgraph/layer/")
QUAL = Namespace("https://w3id.org/govgraph/qualification/")
DKH = Namespace("https://w3id.org/govgraph/dk-health#")
TASK = Namespace("https://w3id.org/govgraph/dk-health/task/")
SRC = Namespace("https://w3id.org/govgraph/source/")
RULE = Namespace("https://w3id.org/govgraph/rule/")
GGC = Namespace("https://w3id.org/govgraph/constraint#")  # parameters of shapes/components.ttl
NJ = Namespace("https://w3id.org/govgraph/nordjylland/")
DK = Namespace("https://w3id.org/govgraph/denmark/")  # national reference data (data/reference/denmark.ttl)

#: Prefixes bound on every graph govgraph builds, so output reads like input.
PREFIXES: dict[str, Namespace] = {
    "gg": GG,
    "role": ROLE,
    "side": SIDE,
    "level": LEVEL,
    "office": OFFICE,
    "status": STATUS,
    "layer": LAYER,
    "qual": QUAL,
    "dkh": DKH,
    "task": TASK,
    "src": SRC,
    "rule": RULE,
    "ggc": GGC,
    "nj": NJ,
    "dk": DK,
    "org": ORG,
    "foaf": FOAF,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "time": TIME,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}

__all__ = [
    "GG", "ROLE", "SIDE", "LEVEL", "OFFICE", "STATUS", "LAYER", "QUAL", "DKH", "TASK",
    "SRC", "RULE", "GGC", "NJ", "DK", "PREFIXES", "DCTERMS", "FOAF", "ORG", "OWL", "RDF", "RDFS", "SH",
    "SKOS", "TIME", "XSD",
]
