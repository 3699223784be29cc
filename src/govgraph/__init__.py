"""govgraph: governance rules on a knowledge graph.

Load a model (:func:`load`), view it (:func:`organization`), check it, render it.
Heavy dependencies (pySHACL, graphviz, openpyxl) are imported only by the
stages that need them.
"""

from __future__ import annotations

from .errors import GovgraphError, InputError, ToolMissingError, UsageError
from .load import Model, load
from .model import Body, Organization, Seat, organization
from .report import Finding, Report, Severity

__version__ = "0.1.0"

__all__ = [
    "Body", "Finding", "GovgraphError", "InputError", "Model", "Organization", "Report", "Seat", "Severity",
    "ToolMissingError", "UsageError", "load", "organization", "__version__",
]
