"""Where the articles you edit are (HA-E): a share of edits about places near one point."""

from __future__ import annotations

from hygiene_audit.footprint.places import cluster, distance_km

SOPOT = (54.4418, 18.5601)
GDANSK_OLD_TOWN = (54.3489, 18.6532)  # 12 km from Sopot
GDYNIA = (54.5189, 18.5305)  # 9 km
WARSAW = (52.2297, 21.0122)
PARIS = (48.8566, 2.3522)
TOKYO = (35.6762, 139.6503)


def test_distances_are_great_circle_kilometres() -> None:
    assert round(distance_km(SOPOT, GDANSK_OLD_TOWN)) == 12
    assert 1150 < distance_km(SOPOT, PARIS) < 1400


def test_a_third_of_edits_about_places_near_sopot_is_a_cluster_there() -> None:
    coordinates = {
        "Sopot Pier": SOPOT,
        "Long Market": GDANSK_OLD_TOWN,
        "Gdynia Harbour": GDYNIA,
        "Warsaw Uprising Museum": WARSAW,
        "Louvre": PARIS,
        "Shibuya": TOKYO,
    }
    edits = {
        "Sopot Pier": 20,
        "Long Market": 8,
        "Gdynia Harbour": 7,
        "Warsaw Uprising Museum": 25,
        "Louvre": 22,
        "Shibuya": 23,
        "Photosynthesis": 400,  # no coordinates: not counted
    }
    found = cluster(edits, coordinates)
    assert found is not None
    assert distance_km((found.latitude, found.longitude), SOPOT) < 15
    assert (found.edits, found.placed, found.articles) == (35, 105, 3)
    assert round(found.share, 2) == 0.33


def test_edits_spread_over_the_world_or_too_few_are_no_cluster() -> None:
    coordinates = {"Louvre": PARIS, "Shibuya": TOKYO, "Sopot Pier": SOPOT, "Warsaw": WARSAW}
    spread = {"Louvre": 30, "Shibuya": 30, "Sopot Pier": 30, "Warsaw": 30}
    assert cluster(spread, coordinates) is None  # the best area holds a quarter or less
    assert cluster({"Sopot Pier": 19}, coordinates) is None  # under 20 edits about places


def test_a_school_and_streets_near_sopot_weigh_more_than_cities_far_apart() -> None:
    coordinates = {
        "Sopot Secondary School No. 1": SOPOT,
        "Monte Cassino Street, Sopot": (54.4436, 18.5700),
        "Sopot railway station": (54.4410, 18.5625),
        "Warsaw": WARSAW,
        "Paris": PARIS,
        "Tokyo": TOKYO,
        "Lima": (-12.0464, -77.0428),
    }
    edits = {
        "Sopot Secondary School No. 1": 10,
        "Monte Cassino Street, Sopot": 8,
        "Sopot railway station": 4,
        "Warsaw": 24,
        "Paris": 24,
        "Tokyo": 24,
        "Lima": 6,
    }  # 22 of 100 edits near Sopot: under a quarter as they stand
    assert cluster(edits, coordinates) is None
    assert cluster(edits, coordinates, {t: "city" for t in coordinates}) is None
    kinds = {
        "Sopot Secondary School No. 1": "edu",
        "Monte Cassino Street, Sopot": "landmark",
        "Sopot railway station": "railwaystation",
        "Warsaw": "city",
        "Paris": "city",
        "Tokyo": "city",
        "Lima": "city",
    }
    found = cluster(edits, coordinates, kinds)
    assert found is not None
    assert distance_km((found.latitude, found.longitude), SOPOT) < 2
    assert (found.edits, found.placed, found.articles, found.small) == (22, 100, 3, 22)
    assert round(found.share, 2) == 0.22 and round(found.weighted_share, 2) == 0.46
