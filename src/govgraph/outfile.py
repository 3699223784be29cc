"""Write an output file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A reader never sees a half-written file, and a failure leaves the old file (or none).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(path, f"cannot write: the folder {folder} does not exist", "create it or choose another -o")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write the file ({err.strerror or err})") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
