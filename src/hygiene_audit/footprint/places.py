"""Where the articles you edit are: a share of your edits about places near one point. Pure.

Each edited article with coordinates (GeoData's ``prop=coordinates``) counts as many times as
you edited it; every such article is tried as a centre, and the one with the most edits about
places within ``RADIUS_KM`` of it is the cluster. A cluster is said only when it holds more
than ``MIN_SHARE`` of the edits to articles with coordinates and ``MIN_EDITS`` edits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

RADIUS_KM = 25.0
MIN_SHARE = 0.25
MIN_EDITS = 20
MAX_CENTRES = 400  # articles tried as a centre (the most edited)


@dataclass(frozen=True)
class Cluster:
    latitude: float
    longitude: float
    edits: int  # edits about places within RADIUS_KM of the centre
    placed: int  # edits about any article with coordinates
    articles: int  # articles within the radius

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
    edits: Mapping[str, int], coordinates: Mapping[str, tuple[float, float]]
) -> Cluster | None:
    """``edits``: title → how many of your edits; ``coordinates``: title → (lat, lon)."""
    placed = {t: n for t, n in edits.items() if t in coordinates and n > 0}
    total = sum(placed.values())
    if total < MIN_EDITS:
        return None
    centres = sorted(placed, key=lambda t: (-placed[t], t))[:MAX_CENTRES]
    best: tuple[int, int, str] | None = None
    for centre in centres:
        near = [t for t in placed if distance_km(coordinates[centre], coordinates[t]) <= RADIUS_KM]
        score = (sum(placed[t] for t in near), len(near), centre)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] < MIN_EDITS or best[0] <= MIN_SHARE * total:
        return None
    lat, lon = coordinates[best[2]]
    return Cluster(lat, lon, best[0], total, best[1])
