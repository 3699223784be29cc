"""Many bodies at once: several models in one run, reported per body and per region.

A secretariat for one region, or an analyst for all of Denmark, has a folder of proposals (one file,
workbook, YAML file or CSV folder each) or one national file with many councils. :func:`models_of`
says which files make which model; :func:`validate_many` checks each model on its own date, as
``govgraph validate`` checks one, and returns one :class:`ManyReport`: every finding, tagged with its
model and region, and every body checked with its region, so renderers can give findings per body
grouped by region and a summary table per region.

Bad input: the models are all loaded before any is checked, and the first one that cannot be read
stops the run (exit 2, one line naming its file), so a run never reports on part of what it was given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import URIRef

from .check import CheckedBody, ValidationReport
from . import outfile
from .errors import InputError
from .i18n import Text
from .load import DIRECTORY_READERS, READERS, Model, load
from .model import Organization, outline
from .regions import RegionName, in_force, region_name, region_of, resolve_region
from .report import Finding, Severity

#: ``extra`` keys a finding of a many-model run carries: its model (file names) and region IRI.
MODEL_KEY, REGION_KEY = "model", "region"


def _is_model_folder(path: Path) -> bool:
    return any(accepts(path) for accepts, _reader in DIRECTORY_READERS)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name over 255 bytes, a loop of links: the reader says so on one line
        return False


def is_folder_of_models(path: Path) -> bool:
    """Whether ``path`` is a folder of proposals (not a folder of CSV files, which is one model)."""
    return _is_dir(path) and not _is_model_folder(path)


def models_of(paths: Sequence[Path], each: bool = False) -> list[tuple[Path, ...]]:
    """The models a run checks, each as the files it is loaded from.

    Without ``each`` and without a folder all ``paths`` make one model (a proposal split over files, as
    ever). With ``each``, or when a folder is named, every file is a model of its own, and a folder
    gives every model file in it (sorted by name; a folder of CSV files is one model, as everywhere)."""
    folders = [p for p in paths if is_folder_of_models(p)]
    if not each and not folders:
        return [tuple(paths)]
    models: list[tuple[Path, ...]] = []
    for path in paths:
        if path in folders:
            outfile.note_input(path)  # no output may be written over (or into) a folder of inputs
            found = sorted(p for p in path.iterdir() if not p.name.startswith(".") and (
                (p.is_file() and p.suffix.lower() in READERS) or (p.is_dir() and _is_model_folder(p))))
            if not found:
                known = ", ".join(sorted(READERS))
                raise InputError(path, f"is a directory without model files ({known}, or a folder of CSV files)",
                                 "name the model files, or a folder of proposals",
                                 f"er en mappe uden modelfiler ({known} eller en mappe med CSV-filer)",
                                 "angiv modelfilerne, eller en mappe med forslag")
            models.extend((p,) for p in found)
        else:
            models.append((path,))
    return models


def model_name(files: Sequence[Path]) -> str:
    return " + ".join(str(f) for f in files)


@dataclass(frozen=True)
class BodyPlace:
    """A body checked in a many-model run: the model it is in, its IRI, names and region."""

    model: str
    iri: str
    name: Text
    region: RegionName


@dataclass(frozen=True)
class RegionSummary:
    """One region's line: bodies checked and findings by severity (violations, warnings, info)."""

    region: RegionName
    bodies: int
    counts: tuple[int, int, int]


_ORDER = (Severity.VIOLATION, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class ManyReport(ValidationReport):
    """The findings of several models (or of one model's many bodies), with every body's model and region.

    ``models`` are the models checked; ``as_of`` is the day when all were checked on one day, else None
    (see ``days``)."""

    models: tuple[str, ...] = ()
    days: tuple[dt.date, ...] = ()
    places: tuple[BodyPlace, ...] = ()
    #: Whether to report per body and region: several models, a --region, or bodies of several regions.
    grouped: bool = False

    def place_of(self, finding: Finding) -> BodyPlace | None:
        """The body a finding is about, with its model and region (None for a model's general finding)."""
        extra = dict(finding.extra)
        return self._index.get((extra.get(MODEL_KEY, ""), extra.get("body.iri", "")))

    @cached_property
    def _index(self) -> dict[tuple[str, str], BodyPlace]:
        return {(p.model, p.iri): p for p in self.places}

    def regions(self) -> tuple[RegionSummary, ...]:
        """Per region (in name order, bodies of no region last): bodies checked and findings by severity."""
        names: dict[URIRef | None, RegionName] = {p.region.iri: p.region for p in self.places}
        bodies: dict[URIRef | None, int] = {}
        for place in self.places:
            bodies[place.region.iri] = bodies.get(place.region.iri, 0) + 1
        counts: dict[URIRef | None, list[int]] = {r: [0, 0, 0] for r in names}
        for finding in self.findings:
            place = self.place_of(finding)
            region = place.region.iri if place else None
            if region not in names:
                names[region] = region_name(None, None)
                counts[region] = [0, 0, 0]
            counts[region][_ORDER.index(finding.severity)] += 1
        ordered = sorted(names.values(), key=lambda r: r.key)
        return tuple(RegionSummary(r, bodies.get(r.iri, 0), tuple(counts[r.iri])) for r in ordered)  # type: ignore[arg-type]


def _tagged(finding: Finding, model: str, region: URIRef | None) -> Finding:
    extra = dict(finding.extra)
    extra[MODEL_KEY] = model
    extra[REGION_KEY] = str(region or "")
    return dataclasses.replace(finding, extra=tuple(sorted(extra.items())))


def validate_many(models: Sequence[tuple[Path, ...]], *, reference: bool = True, context: Sequence[Path] = (),
                  as_of: dt.date | None = None, rules: Sequence[str] = (), region: str | None = None) -> ManyReport:
    """Check every model (each on ``as_of``, else its own date) and gather the findings per body and region.

    ``region`` (a name, see :func:`govgraph.regions.resolve_region`) keeps the bodies of that region and
    their findings. Every model is loaded before any is checked: a bad file stops the run."""
    from .validate import validate

    loaded: list[tuple[str, Model, Organization]] = []
    for files in models:
        model = load(files, reference=reference, context=context)
        loaded.append((model_name(files), model, outline(model)))  # validate needs bodies and dates only
    wanted = resolve_region([m.view for _, m, _ in loaded], region) if region else None
    findings: list[Finding] = []
    places: list[BodyPlace] = []
    checked: list[CheckedBody] = []
    checked_models: list[str] = []
    days: set[dt.date] = set()
    chosen: dict[str, None] = {}
    for name, model, org in loaded:
        if wanted is not None:  # a model with no body in the region asked for is not checked at all
            on = as_of or org.date or dt.date.today()
            if not any(region_of(model.view, b, on) == in_force(model.view, wanted, on) for b in org.on(on)):
                continue
        checked_models.append(name)
        report = validate(model, as_of=as_of, rules=list(rules), org=org)
        day = report.as_of or as_of
        days.add(day) if day else None
        chosen.update(dict.fromkeys(report.rules))
        regions = {b.iri: region_of(model.view, URIRef(b.iri), day) for b in report.bodies}
        keep = {iri for iri, r in regions.items()
                if wanted is None or (r is not None and r == in_force(model.view, wanted, day))}
        for b in report.bodies:
            if b.iri in keep:
                checked.append(b)
                places.append(BodyPlace(name, b.iri, Text(b.da, b.en), region_name(model.view, regions[b.iri])))
        for f in report.findings:
            body = dict(f.extra).get("body.iri", "")
            if (body and body not in keep) or (not body and not keep):
                continue
            findings.append(_tagged(f, name, regions.get(body)))
    places.sort(key=lambda p: (p.region.key, p.name.da, p.model, p.iri))
    findings.sort(key=lambda f: (dict(f.extra)[MODEL_KEY], f.sort_key()))
    single = next(iter(days)) if len(days) == 1 else None
    grouped = len(loaded) > 1 or wanted is not None or len({p.region.iri for p in places}) > 1
    return ManyReport(tuple(findings), len(places), single, tuple(chosen), tuple(checked),
                      tuple(checked_models), tuple(sorted(days)), tuple(places), grouped)


__all__ = ["is_folder_of_models", "BodyPlace", "ManyReport", "RegionSummary", "model_name", "models_of", "validate_many"]
