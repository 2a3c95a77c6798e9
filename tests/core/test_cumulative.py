"""本年累计: last month's cumulative in force plus this month, checked when typed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantu.core.cumulative import Basis, year_to_date
from lantu.core.periods import month_label

D = Decimal
money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def test_january_builds_on_nothing():
    check = year_to_date(period="2026-01", basis=None, month=D("120"), typed=None)
    assert (check.expected, check.cumulative, check.difference, check.backwards) == (
        D("120"),
        D("120"),
        None,
        False,
    )
    assert check.checkable and not check.needs_reason


def test_left_empty_it_is_last_month_plus_this_month():
    check = year_to_date(period="2026-09", basis=Basis("2026-08", D("800")), month=D("100"), typed=None)
    assert check.cumulative == D("900") and not check.needs_reason


def test_a_typed_figure_that_does_not_add_up_says_by_how_much():
    check = year_to_date(period="2026-09", basis=Basis("2026-08", D("800")), month=D("100"), typed=D("950"))
    assert (check.expected, check.cumulative, check.difference) == (D("900"), D("950"), D("50"))
    assert check.needs_reason and not check.backwards


def test_a_typed_figure_equal_to_the_sum_passes_whatever_its_scale():
    check = year_to_date(
        period="2026-09", basis=Basis("2026-08", D("800.00")), month=D("100"), typed=D("900.0")
    )
    assert check.difference is None and not check.needs_reason


def test_going_below_last_month_is_backwards_and_needs_a_reason():
    check = year_to_date(period="2026-09", basis=Basis("2026-08", D("800")), month=D("10"), typed=D("700"))
    assert check.backwards and check.difference == D("-110") and check.needs_reason


def test_a_gap_month_cannot_be_summed_but_is_still_checked_for_going_backwards():
    basis = Basis("2026-07", D("800"))
    ahead = year_to_date(period="2026-09", basis=basis, month=D("100"), typed=D("1000"))
    assert not ahead.checkable and ahead.gap == "2026-08"
    assert (ahead.expected, ahead.difference, ahead.needs_reason) == (None, None, False)
    empty = year_to_date(period="2026-09", basis=basis, month=D("100"), typed=None)
    assert empty.cumulative is None
    back = year_to_date(period="2026-09", basis=basis, month=D("100"), typed=D("750"))
    assert back.backwards and back.needs_reason


def test_no_report_earlier_in_the_year_leaves_a_later_month_unsummed():
    check = year_to_date(period="2026-09", basis=None, month=D("100"), typed=D("900"))
    assert not check.checkable and check.difference is None and not check.needs_reason


def test_this_month_alone_above_the_year_to_date_is_flagged():
    check = year_to_date(period="2026-09", basis=None, month=D("100"), typed=D("90"))
    assert check.exceeds


@pytest.mark.parametrize(
    "basis", [Basis("2025-12", D("1")), Basis("2026-09", D("1")), Basis("2026-10", D("1"))]
)
def test_a_basis_outside_the_earlier_months_of_the_year_is_refused(basis):
    with pytest.raises(ValueError, match="not an earlier month"):
        year_to_date(period="2026-09", basis=basis, month=D("1"), typed=None)


@given(st.lists(money, min_size=1, max_size=12))
def test_computed_month_after_month_the_cumulative_is_the_running_sum_and_never_needs_a_reason(months):
    basis = None
    for index, amount in enumerate(months, start=1):
        check = year_to_date(period=month_label(2026, index), basis=basis, month=amount, typed=None)
        assert not check.needs_reason and not check.exceeds
        basis = Basis(check.period, check.cumulative)
    assert basis.cumulative == sum(months, D(0))


@given(money, money, money, st.integers(min_value=2, max_value=12))
def test_a_typed_figure_is_off_by_exactly_its_distance_from_the_sum(previous, month, typed, number):
    period = month_label(2026, number)
    check = year_to_date(
        period=period, basis=Basis(month_label(2026, number - 1), previous), month=month, typed=typed
    )
    assert check.cumulative == typed
    assert (check.difference or D(0)) == typed - (previous + month)
    assert check.backwards == (typed < previous)
    assert check.needs_reason == (typed != previous + month)
