"""Write output files whole or not at all."""

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
    write_all({path: data})


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file beside it, then all are renamed into place.

    A missing folder or a failed write raises :class:`InputError` before any file is replaced.
    """
    temps: list[tuple[str, Path]] = []
    path = Path(".")
    try:
        for path, data in outputs.items():
            folder = path.parent if str(path.parent) else Path(".")
            if not folder.is_dir():
                raise InputError(path, f"cannot write: the folder {folder} does not exist",
                                 "create it or choose another -o",
                                 f"kan ikke skrive: mappen {folder} findes ikke", "opret den, eller vælg en anden -o")
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            temps.append((temp, path))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            # mkstemp makes the file private (0600); give it the mode a plain open() would have.
            os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        for temp, target in temps:
            os.replace(temp, target)
    except OSError as err:
        raise InputError(path, f"cannot write the file ({err.strerror or err})",
                         "check that the folder exists and is writable",
                         f"kan ikke skrive filen ({err.strerror or err})",
                         "tjek, at mappen findes og må skrives i") from None
    finally:
        for temp, _ in temps:
            Path(temp).unlink(missing_ok=True)
