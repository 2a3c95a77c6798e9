"""Project locations: a point in WGS-84 degrees (latitude, longitude), checked before it is stored."""

from dataclasses import dataclass
from decimal import Decimal

LATITUDE = (Decimal(-90), Decimal(90))
LONGITUDE = (Decimal(-180), Decimal(180))
RANGES = {"latitude": LATITUDE, "longitude": LONGITUDE}


@dataclass(frozen=True)
class Point:
    """A location in degrees: latitude north, longitude east."""

    latitude: Decimal
    longitude: Decimal


def coordinate_problem(latitude: Decimal | None, longitude: Decimal | None) -> str | None:
    """Return which check a coordinate pair fails ("pair", "latitude", "longitude"), or None when it fits.

    Both are given or neither is; a latitude lies within ±90°, a longitude within ±180°.
    """
    if (latitude is None) != (longitude is None):
        return "pair"
    for axis, value in (("latitude", latitude), ("longitude", longitude)):
        if value is not None and out_of_range(axis, value):
            return axis
    return None


def out_of_range(axis: str, value: Decimal) -> bool:
    """Return whether a latitude or longitude ("latitude" | "longitude") lies outside its range."""
    low, high = RANGES[axis]
    return not low <= value <= high


def point(latitude: Decimal | None, longitude: Decimal | None) -> Point | None:
    """Return the point of a checked pair, or None when the location is not known or does not fit."""
    if latitude is None or longitude is None or coordinate_problem(latitude, longitude):
        return None
    return Point(latitude, longitude)


Ring = list[tuple[float, float]]  # (longitude, latitude) pairs, GeoJSON order


def in_ring(ring: Ring, x: float, y: float) -> bool:
    """Return whether the point (x = longitude, y = latitude) lies inside a closed ring (ray casting)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_polygons(polygons: list[list[Ring]], x: float, y: float) -> bool:
    """Return whether the point lies inside a polygon's outer ring and in none of its holes."""
    return any(
        in_ring(rings[0], x, y) and not any(in_ring(hole, x, y) for hole in rings[1:]) for rings in polygons
    )
