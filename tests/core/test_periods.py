"""Period labels and the fractional-year scale."""

from datetime import date

import pytest

from lantu.core.periods import PeriodError, date_as_year_fraction, parse_period


@pytest.mark.parametrize(
    ("label", "kind", "end", "fraction"),
    [
        ("2025", "annual", date(2025, 12, 31), 2025.0),
        ("2026Q1", "quarterly", date(2026, 3, 31), 2025.25),
        ("2026q3", "quarterly", date(2026, 9, 30), 2025.75),
        ("2026-02", "monthly", date(2026, 2, 28), 2025 + 2 / 12),
    ],
)
def test_labels_parse_to_their_end(label, kind, end, fraction):
    period = parse_period(label)
    assert (period.kind, period.end, period.year_fraction) == (kind, end, pytest.approx(fraction))


def test_labels_round_trip():
    for label in ("2030", "2027Q4", "2026-11"):
        assert parse_period(label).label == label


@pytest.mark.parametrize("label", ["", "25", "2026Q5", "2026-13", "2026-1", "二〇二六"])
def test_bad_labels_are_refused_with_a_message(label):
    with pytest.raises(PeriodError, match="2025Q3"):
        parse_period(label)


def test_dates_sit_on_the_same_scale_as_periods():
    assert date_as_year_fraction(date(2026, 12, 31)) == pytest.approx(parse_period("2026").year_fraction)
    assert 2025.0 < date_as_year_fraction(date(2026, 1, 1)) < 2025.01


def test_month_arithmetic_crosses_year_ends():
    from lantu.core import periods

    assert periods.next_month("2026-12") == "2027-01"
    assert periods.previous_month("2026-01") == "2025-12"
    assert periods.add_months("2026-03", -15) == "2024-12"
    assert periods.months_of_year("2026-03") == ["2026-01", "2026-02", "2026-03"]
    assert periods.quarter_of("2026-07") == "2026Q3"
    assert periods.month_end("2024-02").day == 29


def test_classify_is_the_one_status_rule():
    from lantu.core.status import Status, Thresholds, classify

    t = Thresholds(on_track=1.0, lagging=0.9)
    assert classify(None, t) == Status.NO_DATA
    assert classify(1.2, t) == Status.ON_TRACK
    assert classify(0.95, t) == Status.LAGGING
    assert classify(0.95, t, binding=True) == Status.OFF_TRACK
    assert classify(0.1, t, reached=True) == Status.AHEAD
    assert classify(0.5, t) == Status.OFF_TRACK
