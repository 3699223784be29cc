"""``govgraph serve``: the web page for people who do not use a terminal."""

from __future__ import annotations

import ipaddress

import typer

from ..errors import UsageError
from . import LANG_OPTION, Lang, app, fail


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this computer only)."),
    port: int = typer.Option(8765, "--port", "-p", help="Port to listen on (0: any free port)."),
    allow_remote: bool = typer.Option(False, "--allow-remote",
                                      help="Answer other machines too (needed with a --host that is not loopback)."),
    max_upload_mb: float = typer.Option(5.0, "--max-upload-mb", help="Largest workbook accepted, in MB."),
    lang: Lang = LANG_OPTION,
) -> None:
    """Serve a local web page: drop a workbook (or pick a bundled era), see the findings with the cells to fix,
    the org charts, old versus new and variants side by side; download the template, the meeting paper
    (HTML, Word, PDF) and the model as Turtle. Stop with Ctrl+C. Exit 2 on a bad option.

    Example: govgraph serve --lang da   (then open http://127.0.0.1:8765/)
    """
    from ..web import Settings, serve

    try:
        if not _loopback(host) and not allow_remote:
            raise UsageError(f"--host {host} lets other machines in: add --allow-remote if that is what you want",
                             da=f"--host {host} lukker andre maskiner ind: tilføj --allow-remote, hvis det er meningen")
        if max_upload_mb <= 0:
            raise UsageError("--max-upload-mb must be more than 0", da="--max-upload-mb skal være større end 0")
    except UsageError as error:
        fail(error, lang)
        return
    settings = Settings(lang=lang.value, max_upload=int(max_upload_mb * 1024 * 1024), allow_remote=allow_remote)

    def ready(url: str) -> None:
        typer.echo(f"govgraph serve: {url}  (Ctrl+C stops)", err=False)
        import sys

        sys.stdout.flush()

    try:
        serve(host, port, settings, ready=ready)
    except KeyboardInterrupt:
        pass
    except OSError as err:
        fail(UsageError(f"cannot listen on {host}:{port} ({err.strerror or err})",
                        da=f"kan ikke lytte på {host}:{port} ({err.strerror or err})"), lang)
