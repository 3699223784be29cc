"""Where library users import validation from: the engine lives in :mod:`govgraph.check`."""

from __future__ import annotations

from .check import (IMPLICIT_SCENARIO, CheckedBody, RuleError, ValidationReport, check, validate,
                    within)

__all__ = ["validate", "check", "ValidationReport", "CheckedBody", "RuleError", "IMPLICIT_SCENARIO", "within"]
