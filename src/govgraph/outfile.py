"""Write output files whole or not at all, and never over an input.

One rule for every command that writes (validate, compare, import, export, draw, diff,
template, …): an output path may not be one of the inputs — the same file, a symlink to it
or a hard link to it (same ``st_dev``/``st_ino``) — and may not be something that exists
and is not a regular file (a device, a fifo, a folder; a CSV export's folder is the one
exception, see :func:`write_folder`). Files are written to a temporary file beside the
target and renamed into place.

Inputs are known two ways: a command names them (``with reading(paths):``), and every file
govgraph's readers open inside that block is noted too (:func:`note_input`), so an input
read indirectly (a ``--base`` file, a CSV in a folder) is protected as well.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError

_INPUTS: contextvars.ContextVar[dict[tuple[int, int], str] | None] = contextvars.ContextVar(
    "govgraph_inputs", default=None)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


@contextlib.contextmanager
def reading(paths: Iterable[Path | str | None] = ()) -> Iterator[None]:
    """A block in which ``paths`` and every file read are inputs that no output may replace."""
    known = _INPUTS.get()
    token = None
    if known is None:
        known = {}
        token = _INPUTS.set(known)
    try:
        for path in paths:
            if path is not None:
                note_input(Path(path), known)
        yield
    finally:
        if token is not None:
            _INPUTS.reset(token)


def note_input(path: Path, known: dict[tuple[int, int], str] | None = None) -> None:
    """Remember ``path`` (a file or folder just read) as an input of the current :func:`reading` block."""
    known = _INPUTS.get() if known is None else known
    if known is None:
        return
    identity = _identity(path)
    if identity is not None:
        known.setdefault(identity, str(path))


def check_output(path: Path, *, folder: bool = False) -> None:
    """Raise :class:`InputError` when ``path`` is an input or exists and is not a regular file
    (with ``folder``: not a folder)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise _cannot_write(path, err) from None
    if info is None:
        if path.is_symlink():  # a dangling symlink: replacing it would be a surprise either way
            raise InputError(path, "is a broken symbolic link", "choose another -o",
                             da_what="er en brudt symbolsk henvisning", da_hint="vælg en anden -o")
        return
    known = _INPUTS.get() or {}
    if (info.st_dev, info.st_ino) in known:
        source = known[(info.st_dev, info.st_ino)]
        also = f" ({source})" if source != str(path) else ""
        raise InputError(path, f"is one of the input files{also}: govgraph never writes over its input",
                         "choose another -o",
                         da_what=f"er en af inddatafilerne{also}: govgraph skriver aldrig oven i sine inddata",
                         da_hint="vælg en anden -o")
    regular = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    if not regular:
        kind = _kind(info.st_mode)
        raise InputError(path, f"exists and is not a {'folder' if folder else 'regular file'} (it is {kind[0]})",
                         "choose another -o",
                         da_what=f"findes og er ikke en {'mappe' if folder else 'almindelig fil'} (den er {kind[1]})",
                         da_hint="vælg en anden -o")


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "a folder", "en mappe"
    if stat.S_ISFIFO(mode):
        return "a named pipe", "et navngivet rør (fifo)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device", "en enhed"
    if stat.S_ISSOCK(mode):
        return "a socket", "en sokkel"
    return "a file", "en fil"


def _cannot_write(path: Path, err: OSError) -> InputError:
    why = err.strerror or str(err)
    if err.errno == errno.ENAMETOOLONG:
        return InputError(path, "the file name is too long", "choose a shorter name (at most 255 bytes)",
                          da_what="filnavnet er for langt", da_hint="vælg et kortere navn (højst 255 bytes)")
    if err.errno == errno.ENOSPC:
        return InputError(path, f"cannot write the file: the disk is full ({why})", "free some space and run again",
                          da_what=f"kan ikke skrive filen: disken er fuld ({why})", da_hint="frigør plads, og kør igen")
    return InputError(path, f"cannot write the file ({why})", "check that the folder exists and is writable",
                      da_what=f"kan ikke skrive filen ({why})", da_hint="tjek, at mappen findes og må skrives i")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A reader never sees a half-written file, and a failure leaves the old file (or none).
    """
    write_all({path: data})


def _folder_of(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(path, f"cannot write: the folder {folder} does not exist",
                         "create it or choose another -o",
                         f"kan ikke skrive: mappen {folder} findes ikke", "opret den, eller vælg en anden -o")
    return folder


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file beside it, then all are renamed into place.

    An output that is an input or not a regular file, a missing folder or a failed write (a full
    disk) raises :class:`InputError` before any file is replaced.
    """
    for path in outputs:
        check_output(path)
    temps: list[tuple[str, Path]] = []
    path = Path(".")
    try:
        for path, data in outputs.items():
            folder = _folder_of(path)
            handle, temp = tempfile.mkstemp(prefix=".govgraph-", suffix=".tmp", dir=folder)
            temps.append((temp, path))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            # mkstemp makes the file private (0600); give it the mode a plain open() would have.
            os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        for temp, target in temps:
            os.replace(temp, target)
    except OSError as err:
        raise _cannot_write(path, err) from None
    finally:
        for temp, _ in temps:
            Path(temp).unlink(missing_ok=True)


def write_folder(out: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (name → bytes) into the folder ``out`` (made if missing), all or none replaced.

    The folder may exist (its other files stay); it may not be an input, nor be a file.
    """
    check_output(out, folder=True)
    parent = _folder_of(out)
    staging: Path | None = None
    made = False
    try:
        staging = Path(tempfile.mkdtemp(prefix=".govgraph-", dir=parent))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        made = not out.exists()
        out.mkdir(exist_ok=True)
        for name in files:
            check_output(out / name)
        for name in files:
            os.replace(staging / name, out / name)
        made = False
    except OSError as err:
        raise _cannot_write(out, err) from None
    finally:
        if made:  # a folder this call made stays only when it was filled
            for leftover in out.glob("*"):
                leftover.unlink()
            out.rmdir()
        if staging is not None:
            for leftover in staging.glob("*"):
                leftover.unlink()
            staging.rmdir()
