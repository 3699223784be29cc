"""Ctrl-C and SIGTERM in every command, compare's parallel workers included: exit 130 or 143, one
line on stderr, no traceback (from the parent or a worker), no output or temporary file left.

Each command reads a named pipe, so it is certainly busy when the signal comes: the test opens
the pipe's writing end only once the command has opened it for reading (so its handlers are set),
then signals the whole process group, as a terminal's Ctrl-C does.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT

OK = DATA / "examples" / "klynge-midt-2022-ok.ttl"
BASE = DATA / "scenarios" / "klynge-midt-2022-0-as-constituted.ttl"

#: Commands, with {pipe} the input they block on and {out} what they would write.
COMMANDS = {
    "info": ("info", "{pipe}.ttl"),
    "lint": ("lint", "{pipe}.ttl"),
    "validate": ("validate", "{pipe}.ttl", "-o", "{out}.txt"),
    "draw": ("draw", "{pipe}.ttl", "-o", "{out}.svg"),
    "diff": ("diff", "{pipe}.ttl", str(OK), "-o", "{out}.md"),
    "compare-jobs-2": ("compare", str(BASE), "{pipe}.ttl", str(OK), "--jobs", "2", "-o", "{out}.txt"),
    "export": ("export", "{pipe}.ttl", "-o", "{out}.xlsx"),
    "import": ("import", "{pipe}.yaml", "-o", "{out}.ttl"),
    "template": ("template", "--context", "{pipe}.ttl", "-o", "{out}.xlsx"),
}
SIGNALS = {"SIGINT": (signal.SIGINT, 130, "Ctrl-C"), "SIGTERM": (signal.SIGTERM, 143, "SIGTERM")}


def _start(folder: Path, args: tuple[str, ...]) -> tuple[subprocess.Popen[str], Path]:
    suffix = ".yaml" if any(a.endswith("{pipe}.yaml") for a in args) else ".ttl"
    pipe = folder / f"input{suffix}"
    os.mkfifo(pipe)
    real = [a.replace("{pipe}" + suffix, str(pipe)).replace("{out}", str(folder / "out")) for a in args]
    process = subprocess.Popen([sys.executable, "-m", "govgraph", *real], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=folder,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return process, pipe


def _wait_for_reader(pipe: Path, process: subprocess.Popen[str], timeout: float = 60) -> int:
    """The pipe's writing end, opened once the command reads the pipe (then it is blocked in read)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as err:
            if err.errno != errno.ENXIO:
                raise
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the command never opened its input")


#: In the default suite; the other commands (each a child process that starts Python) run with -m slow.
DEFAULT = {"compare-jobs-2", "validate"}


@pytest.mark.parametrize("command", [c if c in DEFAULT else pytest.param(c, marks=pytest.mark.slow) for c in COMMANDS])
@pytest.mark.parametrize("name", list(SIGNALS))
def test_a_signal_stops_the_command_cleanly(tmp_path: Path, command: str, name: str) -> None:
    signum, code, words = SIGNALS[name]
    process, pipe = _start(tmp_path, COMMANDS[command])
    writer = _wait_for_reader(pipe, process)
    try:
        time.sleep(0.2)
        os.killpg(process.pid, signum)
        out, err = process.communicate(timeout=30)
    finally:
        os.close(writer)
    assert process.returncode == code, err
    assert err.splitlines() == [f"govgraph: stopped by {words}; no output file was left half-written"], err
    assert "Traceback" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [pipe.name], "an output or temporary file was left"
    time.sleep(0.3)
    with pytest.raises(ProcessLookupError):  # no worker outlives the command
        os.killpg(process.pid, 0)
