from decimal import Decimal

from lantu.core.geo import Point, coordinate_problem, in_polygons, out_of_range, point


def test_a_location_needs_both_coordinates_or_neither():
    assert coordinate_problem(Decimal("44.01"), None) == "pair"
    assert coordinate_problem(None, Decimal("87.3")) == "pair"
    assert coordinate_problem(None, None) is None
    assert point(None, None) is None


def test_latitude_and_longitude_must_lie_in_their_ranges():
    assert coordinate_problem(Decimal("91"), Decimal("87")) == "latitude"
    assert coordinate_problem(Decimal("44"), Decimal("180.5")) == "longitude"
    assert out_of_range("longitude", Decimal("120")) is False
    assert out_of_range("latitude", Decimal("120")) is True
    assert point(Decimal("44.01"), Decimal("87.3")) == Point(Decimal("44.01"), Decimal("87.3"))


def test_a_point_in_a_hole_of_a_polygon_is_outside_it():
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    hole = [(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)]
    polygons = [[square, hole]]
    assert in_polygons(polygons, 2.0, 2.0)
    assert not in_polygons(polygons, 5.0, 5.0)
    assert not in_polygons(polygons, 12.0, 5.0)
