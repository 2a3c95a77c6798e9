"""Sample project locations (示例数据): a plausible point inside each project's county on the bundled map."""

import json
from decimal import Decimal
from functools import cache
from hashlib import sha256
from pathlib import Path
from random import Random

from django.conf import settings

from lantu.core import geo

BOUNDARIES = Path(settings.BASE_DIR) / "static" / "lantu" / "maps" / "changji.geojson"


@cache
def _counties() -> dict[str, list[list[geo.Ring]]]:
    found = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return {
        feature["properties"]["name"]: [
            [[tuple(p) for p in ring] for ring in polygon] for polygon in feature["geometry"]["coordinates"]
        ]
        for feature in found["features"]
    }


def sample_location(code: str, county: str) -> tuple[Decimal, Decimal] | None:
    """Return (latitude, longitude) inside the named county, the same for a project code on every load."""
    polygons = _counties().get(county)
    if not polygons:
        return None
    xs = [x for polygon in polygons for x, _y in polygon[0]]
    ys = [y for polygon in polygons for _x, y in polygon[0]]
    # Keep to the middle of the county's box: towns and parks lie there more than on the desert edge.
    left, right = min(xs) + (max(xs) - min(xs)) * 0.2, max(xs) - (max(xs) - min(xs)) * 0.2
    low, high = min(ys) + (max(ys) - min(ys)) * 0.15, max(ys) - (max(ys) - min(ys)) * 0.3
    rng = Random(int(sha256(code.encode()).hexdigest()[:12], 16))
    for _try in range(500):
        x, y = rng.uniform(left, right), rng.uniform(low, high)
        if geo.in_polygons(polygons, x, y):
            return Decimal(f"{y:.5f}"), Decimal(f"{x:.5f}")
    return None
