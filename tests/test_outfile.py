"""The output-path rule for library callers (the CLI's cases are in tests/test_hostile.py)."""

from __future__ import annotations

import pytest

from conftest import FIXTURES


def test_library_export_never_writes_over_its_model(tmp_path) -> None:
    """The output-path rule holds for library callers too, not only on the command line."""
    import shutil

    from govgraph.errors import InputError
    from govgraph.sheets.export import export

    model = tmp_path / "m.ttl"
    shutil.copyfile(FIXTURES / "load" / "ok.ttl", model)
    before = model.read_bytes()
    (tmp_path / "m.xlsx").symlink_to(model)
    with pytest.raises(InputError, match="is one of the input files"):
        export([model], tmp_path / "m.xlsx")
    assert model.read_bytes() == before
