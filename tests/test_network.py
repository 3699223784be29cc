"""Nothing reaches the network: every input format is read without one attempt, and the guard is
scoped to govgraph's own work (a library caller keeps its networking before and after).

Attempts are seen by an audit hook in a child process (``socket.connect``, ``socket.getaddrinfo``,
``urllib.Request``, and any ``open`` of the file a ``file:`` reference names): the hook is added
before govgraph's own guard, so it records an attempt even when the guard then refuses it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import FIXTURES, ROOT

NETWORK = FIXTURES / "network"

#: Prepended to a child's code: every network attempt (and every open of /etc/hostname, which the
#: ``file:`` fixtures name) is appended to ``attempts``.
SPY = """
import sys
attempts = []
WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}
def spy(event, args):
    if event in WATCHED or (event == "open" and "hostname" in str(args[0])):
        attempts.append(event + " " + str(args[0])[:60])
sys.addaudithook(spy)
calls = attempts  # the name older tests read
"""


def _run_python(code: str, spy: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a child; with ``spy`` (the default) its attempts are recorded in ``attempts``."""
    source = (SPY if spy else "") + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=120)


def _sheets_of(model: Path, tmp_path: Path) -> list[Path]:
    """The model as a workbook and as a CSV folder, so that both spreadsheet readers are watched too."""
    from govgraph.sheets.export import export

    export([model], tmp_path / "remote.xlsx")
    export([model], tmp_path / "remote-csv")
    return [tmp_path / "remote.xlsx", tmp_path / "remote-csv"]


def test_no_input_format_attempts_a_connection(tmp_path: Path) -> None:
    files = sorted(NETWORK.iterdir()) + [FIXTURES / "load" / "imports.ttl", FIXTURES / "load" / "remote-context.jsonld",
                                         FIXTURES / "sheets" / "remote-context.yaml"]
    files += _sheets_of(NETWORK / "remote-iris.ttl", tmp_path)
    formats = {p.suffix or "csv-folder" for p in files}
    assert formats >= {".ttl", ".nt", ".jsonld", ".yaml", ".xlsx", "csv-folder"}
    result = _run_python(f"""
        import json
        from govgraph import load, GovgraphError, netguard
        seen = {{}}
        for path in {[str(p) for p in files]!r}:
            before = len(attempts)
            try:
                load([path], strict=False)
                outcome = "loaded"
            except GovgraphError as err:
                outcome = str(err)
            seen[path] = [outcome, attempts[before:]]
        print(json.dumps({{"seen": seen, "guard_on_after": netguard.active()}}))
    """)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    attempted = {path: attempts for path, (_, attempts) in report["seen"].items() if attempts}
    assert attempted == {}
    refused = {Path(path).name: outcome for path, (outcome, _) in report["seen"].items() if outcome != "loaded"}
    for name in ("import-http.jsonld", "import-file.jsonld", "scoped-context.jsonld", "file-context.jsonld",
                 "import.yaml", "remote-context.jsonld", "remote-context.yaml"):
        assert "refused" in refused[name], (name, refused.get(name))
    assert report["guard_on_after"] is False


def test_the_spy_sees_an_unguarded_fetch() -> None:
    """The audit hook can fail: rdflib left to itself does try to fetch an @import."""
    result = _run_python(f"""
        from rdflib import Graph
        try:
            Graph().parse({str(NETWORK / 'import-http.jsonld')!r}, format="json-ld")
        except Exception:
            pass
        print(len(attempts))
    """)
    assert int(result.stdout.strip() or 0) > 0, result.stderr


def test_the_guard_is_scoped_to_govgraphs_work() -> None:
    """Inside guard() a connection, a name lookup and a file: URL are refused; after load() the
    host program's own networking works again."""
    result = _run_python(f"""
        import socket, urllib.request
        from govgraph import load, netguard
        from govgraph.netguard import NetworkRefused
        with netguard.guard():
            for attempt in (lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
                            lambda: socket.getaddrinfo("localhost", 80),
                            lambda: urllib.request.urlopen("file:///etc/hostname")):
                try:
                    attempt()
                    print("allowed")
                except NetworkRefused:
                    print("refused")
        load([{str(FIXTURES / 'load' / 'ok.ttl')!r}])
        socket.getaddrinfo("localhost", 80)
        print("after: lookup ok")
        urllib.request.urlopen("file:///etc/hostname").close()
        print("after: file url ok")
    """)
    assert result.stdout.split("\n")[:5] == ["refused", "refused", "refused", "after: lookup ok",
                                             "after: file url ok"], result.stdout + result.stderr


def test_every_cli_command_runs_inside_the_guard(run, monkeypatch) -> None:
    from govgraph import netguard
    from govgraph.cli import info_lint

    states = []
    real = info_lint.info_mod.summarize

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        states.append(netguard.active())
        return real(*args, **kwargs)

    monkeypatch.setattr(info_lint.info_mod, "summarize", spy)
    assert run("info", FIXTURES / "load" / "ok.ttl").exit_code == 0
    assert states == [True] and not netguard.active()
