"""Time progress and investment completion (core.progress): pure, no database."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantu.core import progress
from lantu.core.status import Status, Thresholds

LIMITS = Thresholds(on_track=1.0, lagging=0.9)


def test_year_share_is_the_months_elapsed_over_twelve():
    assert progress.year_share("2026-09") == Decimal(9) / 12
    assert progress.year_share("2026-12") == 1


def test_months_elapsed_count_a_past_year_whole_and_a_future_one_not_at_all():
    assert [progress.months_elapsed("2026-10", year) for year in (2025, 2026, 2027)] == [12, 10, 0]


def test_plan_share_runs_from_the_first_of_january_to_the_last_of_december():
    assert progress.plan_share(2026, 2030, date(2025, 6, 1)) == 0
    assert progress.plan_share(2026, 2030, date(2028, 7, 2)) == pytest.approx(0.5, abs=0.01)
    assert progress.plan_share(2026, 2030, date(2031, 1, 1)) == 1


def test_span_share_of_an_empty_span_is_complete():
    assert progress.span_share(date(2026, 1, 1), date(2026, 1, 1), date(2025, 1, 1)) == 1
    assert progress.span_share(date(2026, 1, 1), date(2027, 1, 1), date(2025, 1, 1)) == 0


def test_completion_keeping_pace_with_the_year_is_on_track():
    completion = progress.Completion(Decimal(1200), Decimal(900), progress.year_share("2026-09"), LIMITS)
    assert (completion.rate, completion.against_time) == (Decimal("75.0"), Decimal("100.0"))
    assert completion.status == Status.ON_TRACK


def test_completion_shown_as_keeping_pace_is_never_lagging():
    """899.99 of 1200 at 75 % of the year reads 100.0 % against time; its status agrees."""
    completion = progress.Completion(Decimal(1200), Decimal("899.99"), Decimal("0.75"), LIMITS)
    assert completion.against_time == Decimal("100.0") and completion.status == Status.ON_TRACK


def test_completion_without_a_plan_has_no_data():
    completion = progress.Completion(Decimal(0), Decimal(10), Decimal("0.5"), LIMITS)
    assert completion.rate is None and completion.status == Status.NO_DATA


def test_task_done_before_its_deadline_is_ahead_and_nothing_elapsed_is_on_track():
    assert progress.task_status(Decimal(100), 0.5, LIMITS, finished=False) == Status.AHEAD
    assert progress.task_status(Decimal(100), 1.0, LIMITS, finished=True) == Status.ON_TRACK
    assert progress.task_status(Decimal(0), 0.0, LIMITS, finished=False) == Status.ON_TRACK
    assert progress.task_status(None, 0.5, LIMITS, finished=False) == Status.NO_DATA


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@given(amounts, amounts, st.integers(min_value=1, max_value=12))
def test_more_completed_never_worsens_the_status(planned, completed, month):
    share = progress.year_share(f"2026-{month:02d}")
    less = progress.Completion(planned, completed, share, LIMITS)
    more = progress.Completion(planned, completed + 1, share, LIMITS)
    order = [Status.NO_DATA, Status.OFF_TRACK, Status.LAGGING, Status.ON_TRACK]
    assert order.index(more.status) >= order.index(less.status)


@given(st.lists(st.tuples(amounts, amounts), max_size=6), st.integers(min_value=1, max_value=12))
def test_a_groups_completion_sums_its_members(pairs, month):
    share = progress.year_share(f"2026-{month:02d}")
    members = [progress.Completion(p, c, share, LIMITS) for p, c in pairs]
    group = progress.total(members, share, LIMITS)
    assert group.planned == sum((p for p, _ in pairs), Decimal(0))
    assert group.completed == sum((c for _, c in pairs), Decimal(0))


@given(
    planned=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(10**9), places=4),
    completed=st.decimals(min_value=Decimal(0), max_value=Decimal(10**9), places=4),
    month=st.integers(1, 12),
    on_track=st.sampled_from([1.0, 0.95, 0.9, 0.8, 0.7]),
    gap=st.sampled_from([0.0, 0.1, 0.2]),
)
def test_the_on_track_floor_agrees_with_the_status_on_every_project(planned, completed, month, on_track, gap):
    share = progress.year_share(f"2026-{month:02d}")
    limits = Thresholds(on_track=on_track, lagging=on_track - gap)
    floor = progress.on_track_floor(share, limits)
    status = progress.Completion(planned, completed, share, limits).status
    assert floor.holds(planned, completed) == (status in (Status.ON_TRACK, Status.AHEAD))


@pytest.mark.parametrize("month", range(1, 13))
def test_the_on_track_floor_agrees_at_its_own_boundary(month):
    # The rounding edges, where a sampled value rarely lands: the tenths either side of the floor.
    share, limits = progress.year_share(f"2026-{month:02d}"), Thresholds()
    floor = progress.on_track_floor(share, limits)
    planned = Decimal(1000)
    for step in range(-20, 21):
        completed = floor.tenths + Decimal(step) / 40
        status = progress.Completion(planned, completed, share, limits).status
        assert floor.holds(planned, completed) == (status in (Status.ON_TRACK, Status.AHEAD)), completed
