"""Standing findings: an acknowledgements file turns a matching finding into an 'acknowledged' line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import DATA, FIXTURES
from govgraph import load
from govgraph.acknowledge import Acknowledgement, acknowledge, read_acknowledgements
from govgraph.errors import InputError
from govgraph.validate import validate

PARITY = DATA / "examples" / "klynge-midt-2022-parity.ttl"
ACKS = FIXTURES / "acknowledgements"


def test_an_acknowledged_finding_is_listed_not_failed(run) -> None:
    plain = run("validate", PARITY)
    assert plain.exit_code == 1
    result = run("validate", PARITY, "--acknowledgements", ACKS / "parity.toml")
    assert result.exit_code == 0
    assert "2 bodies checked, 0 violations, 0 warnings, 0 info" in result.stdout
    assert "Acknowledged (not failing):" in result.stdout
    assert "  violation [DK22-LOC-PARITY] Political Health Cluster Midt: Kontaktudvalget decided" in result.stdout
    assert (f"A fourth municipal seat is being appointed; parity restored at the next meeting — Styregruppen for "
            f"Klynge Midt, until 2099-12-31 ({ACKS / 'parity.toml'}:2)") in result.stdout
    data = json.loads(run("validate", PARITY, "-a", ACKS / "parity.toml", "-f", "json").stdout)
    assert data["findings"] == [] and data["acknowledged"][0]["rule"] == "DK22-LOC-PARITY"
    assert data["acknowledged"][0]["expired"] is False
    markdown = run("validate", PARITY, "-a", ACKS / "parity.toml", "-f", "markdown", "--lang", "da").stdout
    assert "Accepterede fund (tæller ikke som fejl):" in markdown


def test_an_expired_acknowledgement_fails_again(run) -> None:
    result = run("validate", PARITY, "-a", ACKS / "expired.toml")
    assert result.exit_code == 1
    assert "1 violation" in result.stdout and "Expired acknowledgements (failing again):" in result.stdout
    assert "expired 2022-12-31" in result.stdout


@pytest.mark.parametrize(("name", "words"), [
    ("no-reason.toml", ["no-reason.toml:9:", "acknowledgement 2: no reason", 'add reason = "…"']),
    ("past-date.toml", ["past-date.toml:2:", "until 2022-07-01 is a past date: before since 2022-09-12"]),
])
def test_a_bad_acknowledgement_is_one_line_and_exit_2(run, name: str, words: list[str]) -> None:
    result = run("validate", PARITY, "-a", ACKS / name)
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert all(w in result.stderr for w in words), result.stderr
    danish = run("validate", PARITY, "-a", ACKS / name, "--lang", "da")
    assert "accept" in danish.stderr and danish.exit_code == 2


def test_unknown_keys_and_bad_dates_are_refused(tmp_path) -> None:
    cases = {
        'rule = "X"\n': "unknown table or key 'rule'",
        '[[acknowledgement]]\nrule = "X"\nbody = "b"\nreason = "r"\nwho = "w"\nuntil = 2030-01-01\nhow = "?"\n':
            "unknown key 'how'",
        '[[acknowledgement]]\nrule = "X"\nbody = "b"\nreason = "r"\nwho = "w"\nuntil = "some day"\n':
            "until = 'some day' is not a date",
    }
    for n, (text, words) in enumerate(cases.items()):
        path = tmp_path / f"{n}.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=words):
            read_acknowledgements(path)


def test_the_body_matches_by_label_local_name_or_iri() -> None:
    report = validate(load([PARITY]))
    iri = "https://w3id.org/govgraph/nordjylland/forslag/klynge-midt-2022/politisk-sundhedsklynge-midt"
    for body in ("Politisk Sundhedsklynge Midt", "Political Health Cluster Midt", "politisk-sundhedsklynge-midt", iri):
        ack = Acknowledgement("DK22-LOC-PARITY", body, "r", "w", dt.date(2030, 1, 1))
        kept, covered = acknowledge(report, [ack], dt.date(2029, 12, 31))
        assert kept.findings == () and len(covered) == 1 and not covered[0].expired, body
    other_rule = Acknowledgement("DK22-LOC-OTHER", "politisk-sundhedsklynge-midt", "r", "w", dt.date(2030, 1, 1))
    other_body = Acknowledgement("DK22-LOC-PARITY", "Klynge Nord", "r", "w", dt.date(2030, 1, 1))
    kept, covered = acknowledge(report, [other_rule, other_body], dt.date(2029, 12, 31))
    assert kept.findings == report.findings and covered == ()
    # the last day still holds; the day after, it has expired
    ack = Acknowledgement("DK22-LOC-PARITY", "politisk-sundhedsklynge-midt", "r", "w", dt.date(2030, 1, 1))
    assert acknowledge(report, [ack], dt.date(2030, 1, 1))[0].findings == ()
    kept, covered = acknowledge(report, [ack], dt.date(2030, 1, 2))
    assert kept.findings == report.findings and covered[0].expired
