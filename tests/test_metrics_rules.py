"""compare weighs a body by the rules in force on its day: parity where a parity decision binds, the regional
majority and the seats per municipality where the 2027 law asks for them, and nothing else."""

from __future__ import annotations

from conftest import DATA, FIXTURES
from govgraph import load
from govgraph.figures import namer
from govgraph.metrics import parity
from govgraph.metrics_rules import majority, seats_per_municipality
from govgraph.model import organization

Y2022, Y2027 = DATA / "scenarios" / "nordjylland-2022.ttl", DATA / "scenarios" / "nordjylland-2027.ttl"
RANDERS = FIXTURES / "other-region" / "randers-2022-csv"


def _org(path):
    org = organization(load([path]))
    return org, org.date


def test_2027_councils_get_the_regional_majority_and_seats_per_municipality_not_parity() -> None:
    org, day = _org(Y2027)
    assert parity(org, day).bodies == ()
    assert list(parity(org, day).figures(namer(org))) == []
    found = {str(b.body).rsplit("/", 1)[-1]: (b.regional, b.voting, b.holds) for b in majority(org, day).bodies}
    assert found == {"sundhedsraad-limfjorden": (9, 17, True), "sundhedsraad-vendsyssel": (5, 9, True)}
    rows = {(str(b).rsplit("/", 1)[-1], str(m).rsplit("/", 1)[-1]): n for b, m, n in seats_per_municipality(org, day).rows}
    assert rows[("sundhedsraad-limfjorden", "aalborg")] == 2
    assert len(rows) == 11 and set(rows.values()) == {1, 2}  # the 11 municipalities of the two areas, no others


def test_north_jutlands_2022_clusters_get_parity_not_the_majority() -> None:
    org, day = _org(Y2022)
    assert {str(b.body).rsplit("/", 1)[-1] for b in parity(org, day).bodies} >= {
        "politisk-sundhedsklynge-midt", "politisk-sundhedsklynge-nord", "politisk-sundhedsklynge-syd",
        "politisk-sundhedsklynge-vest"}
    assert majority(org, day).bodies == ()


def test_another_regions_cluster_is_not_weighed_by_north_jutlands_parity() -> None:
    org, day = _org(RANDERS)
    assert parity(org, day).bodies == ()
    rows = seats_per_municipality(org, day).rows
    municipalities = {str(m).rsplit("/", 1)[-1]: n for _, m, n in rows}
    # Randersklyngen's four municipalities only (Aarhus's voting seat is outside the area: no row); Syddjurs has none.
    assert municipalities == {"favrskov": 1, "norddjurs": 1, "randers": 1, "syddjurs": 0}
