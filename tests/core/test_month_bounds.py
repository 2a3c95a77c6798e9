"""A month label of year 0 is not a month (no date exists in it)."""

import pytest

from lantu.core.periods import parse_month


@pytest.mark.parametrize("label", ["0000-01", "0000-12", "2026-00", "2026-13"])
def test_a_month_outside_the_calendar_is_refused(label):
    with pytest.raises(ValueError):
        parse_month(label)


def test_the_first_and_last_months_of_the_calendar_parse():
    assert parse_month("0001-01") == (1, 1) and parse_month("9999-12") == (9999, 12)
