"""Where the bundled vocabulary, rules and reference data live.

In a source checkout they are the top-level ``ontology/``, ``shapes/`` and
``data/`` folders; an installed wheel carries them in ``govgraph/_resources``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root() -> Path:
    bundled = _PACKAGE / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent.parent  # src/govgraph -> repository root


ROOT = _root()
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"


def ontology_files() -> list[Path]:
    """The vocabulary files, always loaded."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


def reference_files() -> list[Path]:
    """North Jutland reference data and sources, loaded as context by default."""
    return sorted(REFERENCE_DIR.glob("*.ttl"))
