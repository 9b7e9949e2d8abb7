"""Where the articles you edit are: a share of your edits about places near one point. Pure.

Each edited article with coordinates (GeoData's ``prop=coordinates``) counts as many times as
you edited it, and ``SMALL_WEIGHT`` times as much when it is about a small place: GeoData's
type (the ``{{coord}}`` template's ``type:``) is one of ``SMALL_KINDS`` — a school or
university, a building, street, monument or company seat, a railway station. Few people
outside a neighbourhood edit those; a city, a river or a country is edited by anyone. Every
such article is tried as a centre, and the one with the most (weighted) edits about places
within ``RADIUS_KM`` of it is the cluster. A cluster is said only when it holds more than
``MIN_SHARE`` of the weighted edits to articles with coordinates and ``MIN_EDITS`` edits.

What it cannot know: GeoData keeps no population (a village and a capital are both "city"),
and many articles give no type at all; those count once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

RADIUS_KM = 25.0
MIN_SHARE = 0.25
MIN_EDITS = 20
MAX_CENTRES = 400  # articles tried as a centre (the most edited)
SMALL_KINDS = frozenset({"edu", "landmark", "railwaystation"})
SMALL_WEIGHT = 3


@dataclass(frozen=True)
class Cluster:
    latitude: float
    longitude: float
    edits: int  # edits about places within RADIUS_KM of the centre
    placed: int  # edits about any article with coordinates
    articles: int  # articles within the radius
    small: int = 0  # of ``edits``, those about small places
    weighted_share: float = 0.0  # the share that decided, small places counted SMALL_WEIGHT times

    @property
    def share(self) -> float:
        return self.edits / self.placed if self.placed else 0.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def cluster(
    edits: Mapping[str, int],
    coordinates: Mapping[str, tuple[float, float]],
    kinds: Mapping[str, str] | None = None,
) -> Cluster | None:
    """``edits``: title → how many of your edits; ``coordinates``: title → (lat, lon);
    ``kinds``: title → GeoData type, where the wiki gave one."""
    kinds = kinds or {}
    placed = {t: n for t, n in edits.items() if t in coordinates and n > 0}
    total = sum(placed.values())
    if total < MIN_EDITS:
        return None
    weight = {
        t: n * (SMALL_WEIGHT if kinds.get(t) in SMALL_KINDS else 1) for t, n in placed.items()
    }
    weighted_total = sum(weight.values())
    centres = sorted(placed, key=lambda t: (-weight[t], -placed[t], t))[:MAX_CENTRES]
    best: tuple[int, int, str, list[str]] | None = None
    for centre in centres:
        near = [t for t in placed if distance_km(coordinates[centre], coordinates[t]) <= RADIUS_KM]
        score = (sum(weight[t] for t in near), len(near), centre, near)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        return None
    near = best[3]
    count = sum(placed[t] for t in near)
    if count < MIN_EDITS or best[0] <= MIN_SHARE * weighted_total:
        return None
    lat, lon = coordinates[best[2]]
    small = sum(placed[t] for t in near if kinds.get(t) in SMALL_KINDS)
    return Cluster(lat, lon, count, total, len(near), small, best[0] / weighted_total)
