"""The findings renderers by name, with the file suffixes that pick them (``--format`` or ``-o``'s suffix).

Each takes the report, what the run was checked with (:class:`Options`) and returns text; the
same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..acknowledge import Acknowledged
from ..report import Severity


@dataclass(frozen=True)
class Options:
    """What a renderer may need besides the report: language, the exit threshold, acknowledged findings."""

    lang: str = "en"
    fail_on: Severity = Severity.VIOLATION
    acknowledged: tuple[Acknowledged, ...] = ()
    style: Callable[[Severity, str], str] | None = field(default=None, compare=False)


Renderer = Callable[..., str]  # (ValidationReport, Options) -> str


def _grouped(report) -> bool:  # noqa: ANN001 - a ValidationReport
    """Many bodies of several models or regions (:class:`govgraph.batch.ManyReport`): reported per region."""
    return bool(getattr(report, "grouped", False))


@dataclass(frozen=True)
class FindingsFormat:
    name: str
    suffixes: tuple[str, ...]
    render: Renderer
    help: str


def _text(report, o: Options) -> str:  # noqa: ANN001 - a ValidationReport
    from .findings import acknowledged_lines, checked_words, render_findings_text

    if _grouped(report):
        from .many import render_many_text

        text = render_many_text(report, o.lang, o.style)
    else:
        text = render_findings_text(report, o.lang, summary=checked_words(report, o.lang), style=o.style)
    extra = acknowledged_lines(o.acknowledged, o.lang)
    return text + ("\n".join(extra) + "\n" if extra else "")


def _json(report, o: Options) -> str:  # noqa: ANN001
    from .findings import acknowledged_records, render_findings_json

    extra = {"acknowledged": acknowledged_records(o.acknowledged, o.lang)} if o.acknowledged else {}
    if _grouped(report):
        from .many import render_many_json

        return render_many_json(report, o.lang, as_of=report.as_of.isoformat() if report.as_of else None,
                                rules=list(report.rules), **extra)
    return render_findings_json(report, o.lang, as_of=report.as_of.isoformat() if report.as_of else None,
                                rules=list(report.rules), **extra)


def _markdown(report, o: Options) -> str:  # noqa: ANN001
    from .findings import acknowledged_lines, render_findings_markdown

    extra = acknowledged_lines(o.acknowledged, o.lang)
    if _grouped(report):
        from .many import render_many_markdown

        return render_many_markdown(report, o.lang) + render_findings_markdown(report, o.lang) + (
            "\n".join(extra) + "\n" if extra else "")
    return render_findings_markdown(report, o.lang) + ("\n".join(extra) + "\n" if extra else "")


def _junit(report, o: Options) -> str:  # noqa: ANN001
    from .junit import render_findings_junit

    return render_findings_junit(report, o.lang, o.fail_on)


def _turtle(report, o: Options) -> str:  # noqa: ANN001
    from .shacl_report import render_findings_turtle

    return render_findings_turtle(report)


def _sarif(report, o: Options) -> str:  # noqa: ANN001
    from .sarif import render_findings_sarif

    return render_findings_sarif(report, o.lang, o.acknowledged, tuple(report.rules))


def _github(report, o: Options) -> str:  # noqa: ANN001
    from .github import render_findings_github

    return render_findings_github(report, o.lang, o.acknowledged)


#: Findings formats by ``--format`` name; the first suffix is the one to name files with.
FORMATS: dict[str, FindingsFormat] = {f.name: f for f in (
    FindingsFormat("text", (".txt",), _text, "findings by body, then the summary line"),
    FindingsFormat("json", (".json",), _json, "the report as JSON"),
    FindingsFormat("markdown", (".md", ".markdown"), _markdown, "a table for meeting papers"),
    FindingsFormat("junit", (".xml",), _junit, "JUnit XML, a test case per rule and body"),
    FindingsFormat("turtle", (".ttl",), _turtle, "a SHACL sh:ValidationReport"),
    FindingsFormat("sarif", (".sarif",), _sarif, "SARIF 2.1.0 for code hosts and editors"),
    FindingsFormat("github", (), _github, "GitHub Actions annotations (::error file=…,line=…::…)"),
)}

#: ``-o`` suffix → format name.
SUFFIXES: dict[str, str] = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}


def render(report, name: str, options: Options) -> str:  # noqa: ANN001
    """``report`` in the format ``name`` (a key of :data:`FORMATS`)."""
    return FORMATS[name].render(report, options)
