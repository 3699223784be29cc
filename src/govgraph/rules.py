"""Where library users import the rule catalogue from: it lives in :mod:`govgraph.check.catalogue`."""

from __future__ import annotations

from .check.catalogue import COMPONENTS, Catalogue, Rule, load_catalogue

__all__ = ["Catalogue", "Rule", "load_catalogue", "COMPONENTS"]
