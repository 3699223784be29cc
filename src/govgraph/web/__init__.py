"""``govgraph serve``: a local web page for people who do not use a terminal (Flask).

Open or drop a workbook (or pick a bundled era), see the findings with the cells to fix, the org
charts, the old-versus-new table against an era and variants side by side; download the template,
the paper (HTML, Word, PDF) and the model as Turtle. Every upload is checked again.

Uploads are size-limited (:data:`MAX_UPLOAD_BYTES`), kept only in a temporary folder per browser
session (removed when the server stops), and a file that cannot be read is deleted at once: the
page says why, in the reader's language, and the server keeps serving. Requests from another
machine are refused unless the server was started with ``allow_remote``.
"""

from __future__ import annotations

import ipaddress
import secrets
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, Response, abort, redirect, render_template, request, session, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import GovgraphError
from ..i18n import Text
from ..resources import DATA_DIR

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
SCENARIOS_DIR = DATA_DIR / "scenarios"

WORDS = {
    "title": Text("govgraph – tjek et forslag", "govgraph – check a proposal"),
    "intro": Text("Vælg eller træk en udfyldt skabelon (.xlsx) hertil, eller vælg en af de indbyggede organisationer. "
                  "Forslaget tjekkes mod de regler, der gælder på dets dato.",
                  "Choose or drop a filled-in template (.xlsx) here, or pick one of the bundled organizations. "
                  "The proposal is checked against the rules in force on its date."),
    "workbook": Text("Projektmappe (.xlsx)", "Workbook (.xlsx)"),
    "drop": Text("… eller træk filen hertil", "… or drop the file here"),
    "era": Text("Indbygget organisation", "Bundled organization"),
    "none": Text("(ingen)", "(none)"),
    "baseline": Text("Sammenlign med nuværende organisering", "Compare with the current organization"),
    "variants": Text("Vis også disse forslag side om side", "Also show these proposals side by side"),
    "check": Text("Tjek", "Check"),
    "downloads": Text("Hent", "Download"),
    "template": Text("Tom skabelon (.xlsx)", "Empty template (.xlsx)"),
    "paper_html": Text("Mødesag (HTML)", "Meeting paper (HTML)"),
    "paper_docx": Text("Mødesag (Word)", "Meeting paper (Word)"),
    "paper_pdf": Text("Mødesag (PDF)", "Meeting paper (PDF)"),
    "turtle": Text("Modellen som Turtle", "The model as Turtle"),
    "checked": Text("Tjekket", "Checked"),
    "language": Text("Language: English", "Sprog: dansk"),
    "too_big": Text("Filen er for stor (højst {size}). Intet er gemt.", "The file is too large (at most {size}). "
                    "Nothing was kept."),
    "not_workbook": Text("{name} er ikke en Excel-projektmappe (.xlsx). Gem den som .xlsx fra Excel eller LibreOffice, "
                         "eller start fra den tomme skabelon. Intet er gemt.",
                         "{name} is not an Excel workbook (.xlsx). Save it as .xlsx from Excel or LibreOffice, or "
                         "start from the empty template. Nothing was kept."),
    "nothing": Text("Vælg en fil eller en indbygget organisation.", "Choose a file or a bundled organization."),
    "kept_nothing": Text("Intet er gemt.", "Nothing was kept."),
    "no_model": Text("Tjek først et forslag.", "Check a proposal first."),
    "remote": Text("Serveren svarer kun på denne computer.", "The server answers this computer only."),
    "error": Text("Fejl", "Error"),
}


@dataclass
class Settings:
    lang: str = "en"
    max_upload: int = MAX_UPLOAD_BYTES
    allow_remote: bool = False
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="govgraph-serve-")))


def eras() -> list[str]:
    """File names of the bundled scenarios (data/scenarios/*.ttl)."""
    return sorted(p.name for p in SCENARIOS_DIR.glob("*.ttl"))


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def create_app(settings: Settings | None = None) -> Flask:
    """The web application; ``settings.workdir`` holds each session's upload (delete it when done)."""
    settings = settings or Settings()
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_hex(32), MAX_CONTENT_LENGTH=settings.max_upload,
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True)
    app.extensions["govgraph"] = settings

    def lang() -> str:
        chosen = request.args.get("lang") or session.get("lang")
        if chosen in ("da", "en"):
            session["lang"] = chosen
            return chosen
        best = request.accept_languages.best_match(["da", "en"])
        return best or settings.lang

    def folder() -> Path:
        if "id" not in session:
            session["id"] = secrets.token_hex(16)
        path = settings.workdir / session["id"]
        path.mkdir(parents=True, exist_ok=True)
        return path

    def page(status: int = 200, *, error: str = "", result: str = "") -> Response:
        language = lang()
        words = {k: v(language) for k, v in WORDS.items()}
        body = render_template("page.html", lang=language, w=words, eras=eras(), error=error, result=result,
                               current=session.get("name", ""), baseline=session.get("baseline", ""),
                               variants=session.get("variants", []), other=("en" if language == "da" else "da"))
        return Response(body, status=status, mimetype="text/html")

    @app.before_request
    def only_this_machine():  # noqa: ANN202
        if not settings.allow_remote and not _is_loopback(request.remote_addr):
            abort(403)

    @app.errorhandler(403)
    def refused(_error):  # noqa: ANN001, ANN202
        return Response(WORDS["remote"](settings.lang), status=403, mimetype="text/plain")

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error):  # noqa: ANN001, ANN202
        # The body was never read past the limit, so nothing of it was stored.
        return page(413, error=WORDS["too_big"](lang()).format(size=_size(settings.max_upload, lang())))

    @app.get("/")
    def index():  # noqa: ANN202
        if session.get("name"):
            try:
                return page(result=_result_html(folder(), session, lang()))
            except GovgraphError as err:
                return page(400, error=_clean(err.text(lang()), folder()))
        return page()

    @app.post("/check")
    def check():  # noqa: ANN202
        language = lang()
        upload = request.files.get("workbook")
        era = request.form.get("era", "")
        session["baseline"] = request.form.get("baseline", "") if request.form.get("baseline", "") in eras() else ""
        session["variants"] = [v for v in request.form.getlist("variants") if v in eras()]
        here = folder()
        if upload is not None and upload.filename:
            name = _safe_name(upload.filename)
            target = here / name
            data = upload.read()
            if not name.lower().endswith(".xlsx") or not data.startswith(XLSX_MAGIC):
                return page(400, error=WORDS["not_workbook"](language).format(name=name))
            _clear(here)
            target.write_bytes(data)
            session["name"], session["kind"] = name, "upload"
        elif era in eras():
            _clear(here)
            session["name"], session["kind"] = era, "era"
        else:
            return page(400, error=WORDS["nothing"](language))
        try:
            result = _result_html(here, session, language)
        except GovgraphError as err:
            _clear(here)
            session.pop("name", None)
            return page(400, error=f"{_clean(err.text(language), here)} {WORDS['kept_nothing'](language)}")
        return page(result=result)

    @app.get("/style.css")
    def style():  # noqa: ANN202
        # The paper's style (one definition, in paper/html.py), then the form's own.
        from ..paper.html import STYLE

        page_css = (Path(app.static_folder) / "page.css").read_text(encoding="utf-8")
        return Response(STYLE.strip() + "\n" + page_css, mimetype="text/css")

    @app.get("/template.xlsx")
    def template_file():  # noqa: ANN202
        from ..sheets.template import template

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "template.xlsx"
            template(path, lang())
            data = path.read_bytes()
        name = "skabelon.xlsx" if lang() == "da" else "template.xlsx"
        return _download(data, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @app.get("/paper.<kind>")
    def paper_file(kind: str):  # noqa: ANN202
        from ..paper import write

        if kind not in ("html", "docx", "pdf") or not session.get("name"):
            return redirect(url_for("index"))
        here = folder()
        try:
            paper = _paper(here, session, lang())
            data = write(paper, kind)
        except GovgraphError as err:
            return page(400, error=_clean(err.text(lang()), here))
        types = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        if kind == "html":
            data = _clean(data.decode("utf-8"), here).encode("utf-8")
        stem = Path(session["name"]).stem
        return _download(data, f"{stem}.{'mødesag' if lang() == 'da' else 'paper'}.{kind}", types[kind])

    @app.get("/model.ttl")
    def model_file():  # noqa: ANN202
        if not session.get("name"):
            return redirect(url_for("index"))
        from ..sheets.convert import to_turtle

        try:
            data = to_turtle(_source(folder(), session))
        except GovgraphError as err:
            return page(400, error=_clean(err.text(lang()), folder()))
        return _download(data, f"{Path(session['name']).stem}.ttl", "text/turtle; charset=utf-8")

    return app


def _size(limit: int, lang: str) -> str:
    """5 MB, 0,5 MB, 4 kB: the limit as a reader writes it."""
    text = f"{limit / 1024 / 1024:.1f}".rstrip("0").rstrip(".") + " MB" if limit >= 100 * 1024 else f"{limit // 1024} kB"
    return text.replace(".", ",") if lang == "da" else text


def _download(data: bytes, name: str, mimetype: str) -> Response:
    from urllib.parse import quote

    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _safe_name(filename: str) -> str:
    """The upload's own name without any folder part, safe as a file name (letters of any language kept)."""
    name = Path(filename.replace("\\", "/")).name.strip().lstrip(".")
    return "".join(c if c.isalnum() or c in " ._-()" else "_" for c in name)[:100] or "upload.xlsx"


def _clear(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _clean(text: str, folder: Path) -> str:
    """Messages name the upload (or bundled era) by its file name, not by its temporary or install folder."""
    for place in (folder, SCENARIOS_DIR):
        text = text.replace(f"{place}/", "").replace(str(place), "")
    return text


def _source(folder: Path, state) -> Path:  # noqa: ANN001 - the session
    return folder / state["name"] if state.get("kind") == "upload" else SCENARIOS_DIR / state["name"]


_PAPERS: dict[tuple, object] = {}
PAPERS_KEPT = 8


def _paper(folder: Path, state, lang: str):  # noqa: ANN001, ANN202 - the session → a Paper
    """The paper of the session's model; the last few are kept, so a download after the page is not checked twice."""
    source = _source(folder, state)
    stat = source.stat()
    key = (str(source), stat.st_mtime_ns, stat.st_size, state.get("baseline", ""),
           tuple(state.get("variants", [])), lang)
    if key not in _PAPERS:
        if len(_PAPERS) >= PAPERS_KEPT:
            _PAPERS.pop(next(iter(_PAPERS)))
        _PAPERS[key] = _named_plainly(_build_paper(source, state, lang), folder)
    return _PAPERS[key]


def _named_plainly(paper, folder: Path):  # noqa: ANN001, ANN202 - a Paper → the same with plain file names
    """Every place to fix names the file as the user knows it, in the page and in every download."""
    from dataclasses import replace

    groups = tuple(replace(g, rows=tuple(replace(r, where=_clean(r.where, folder)) for r in g.rows))
                   for g in paper.findings)
    return replace(paper, findings=groups)


def _build_paper(source: Path, state, lang: str):  # noqa: ANN001, ANN202
    from ..load import load
    from ..paper import build

    model = load([source])
    baseline = load([SCENARIOS_DIR / state["baseline"]]) if state.get("baseline") else None
    variants = [load([SCENARIOS_DIR / v]) for v in state.get("variants", []) if v != state.get("name")]
    return build(model, lang=lang, baseline=baseline, variants=variants)


def _result_html(folder: Path, state, lang: str) -> str:  # noqa: ANN001
    from ..paper.html import main_html

    return _clean(main_html(_paper(folder, state, lang), level=2), folder)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def serve(host: str = "127.0.0.1", port: int = 8765, settings: Settings | None = None,
          ready=None) -> None:  # noqa: ANN001 - ready(url) is called once the socket listens
    """Serve until interrupted; the session folders are removed on the way out."""
    from werkzeug.serving import make_server

    settings = settings or Settings()
    app = create_app(settings)
    server = make_server(host, port, app, threaded=True)
    if threading.current_thread() is threading.main_thread():
        # A plain `kill` (SIGTERM) stops the server as Ctrl+C does, so the uploads are removed too.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        if ready is not None:
            ready(f"http://{host if ':' not in host else f'[{host}]'}:{server.server_port}/")
        server.serve_forever()
    finally:
        server.server_close()
        shutil.rmtree(settings.workdir, ignore_errors=True)
