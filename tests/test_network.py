"""Nothing reaches the network: the guard refuses connections, and loading never tries one."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import FIXTURES, ROOT


#: Prepended to a child's code: every attempted connection is recorded in ``calls``.
SOCKET_SPY = """
import socket
calls = []
real = socket.socket.connect
def spy(self, *a, **k):
    calls.append(a)
    return real(self, *a, **k)
socket.socket.connect = spy
"""


def _run_python(code: str, spy: bool = False) -> subprocess.CompletedProcess[str]:
    source = (SOCKET_SPY if spy else "") + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_guard_refuses_socket_connections() -> None:
    result = _run_python("""
        import socket
        from govgraph import netguard
        netguard.install()
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        except OSError as err:
            print("refused:", type(err).__name__, err)
    """)
    assert "refused: NetworkRefused" in result.stdout, result.stderr


def test_owl_imports_and_remote_context_are_not_followed() -> None:
    fixture = FIXTURES / "load" / "imports.ttl"
    result = _run_python(f"""
        from govgraph import load, InputError
        model = load([{str(fixture)!r}])
        try:
            load([{str(FIXTURES / 'load' / 'remote-context.jsonld')!r}])
        except InputError as err:
            print("jsonld:", err)
        print("connections:", len(calls), "triples:", len(model.user))
    """, spy=True)
    assert "connections: 0" in result.stdout, result.stdout + result.stderr
    assert "jsonld:" in result.stdout and "refused" in result.stdout
