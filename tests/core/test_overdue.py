"""The one overdue rule: due day itself on time, a later completion does not count for a past day."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lantu.core.overdue import Timeliness, days_overdue, is_overdue, submitted_late, timeliness

DUE = date(2026, 11, 20)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


def test_the_due_day_itself_is_not_overdue_and_the_next_day_is():
    assert not is_overdue(DUE, on=DUE)
    assert is_overdue(DUE, on=DUE + timedelta(days=1))
    assert days_overdue(DUE, on=DUE + timedelta(days=1)) == 1


def test_an_item_done_by_the_day_is_not_overdue_even_if_done_late():
    assert not is_overdue(DUE, on=date(2026, 12, 1), done=date(2026, 11, 25))
    assert days_overdue(DUE, on=date(2026, 12, 1), done=date(2026, 11, 25)) == 0


def test_an_item_done_after_the_day_looked_at_was_overdue_on_that_day():
    assert is_overdue(DUE, on=date(2026, 11, 25), done=date(2026, 12, 1))
    assert days_overdue(DUE, on=date(2026, 11, 25), done=date(2026, 12, 1)) == 5


def test_a_report_is_due_then_overdue_then_on_time_or_late():
    assert timeliness(DUE, on=DUE, submitted=None) is Timeliness.DUE
    assert timeliness(DUE, on=DUE + timedelta(days=1), submitted=None) is Timeliness.OVERDUE
    assert timeliness(DUE, on=date(2026, 12, 1), submitted=DUE) is Timeliness.ON_TIME
    assert timeliness(DUE, on=date(2026, 12, 1), submitted=DUE + timedelta(days=1)) is Timeliness.LATE
    assert timeliness(DUE, on=DUE, submitted=DUE + timedelta(days=1)) is Timeliness.DUE  # not yet on that day


@given(due=days, on=days, done=st.none() | days)
def test_days_overdue_is_positive_exactly_when_overdue(due, on, done):
    late = days_overdue(due, on=on, done=done)
    assert (late > 0) == is_overdue(due, on=on, done=done)
    assert late == 0 or late == (on - due).days


@given(due=days, on=days, done=st.none() | days)
def test_an_overdue_item_stays_overdue_until_it_is_done(due, on, done):
    later = on + timedelta(days=7)
    if is_overdue(due, on=on, done=done) and (done is None or done > later):
        assert is_overdue(due, on=later, done=done)
        assert days_overdue(due, on=later, done=done) == days_overdue(due, on=on, done=done) + 7


@given(due=days, on=days, submitted=st.none() | days)
def test_timeliness_agrees_with_overdue_and_late(due, on, submitted):
    found = timeliness(due, on=on, submitted=submitted)
    if found in (Timeliness.DUE, Timeliness.OVERDUE):
        assert (found is Timeliness.OVERDUE) == is_overdue(due, on=on, done=submitted)
    else:
        assert (found is Timeliness.LATE) == submitted_late(due, submitted)
