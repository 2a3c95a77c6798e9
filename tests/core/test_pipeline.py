"""The project pipeline of an indicator: realised, expected by year, gap to target."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantu.core import trajectory as tj
from lantu.core.pipeline import Contribution, pipeline

CAPACITY = tj.Target(
    kind=tj.TargetKind.LEVEL, baseline_year=2024, baseline_value=4205, target_year=2030, target_value=8000
)
INTENSITY = tj.Target(
    kind=tj.TargetKind.LEVEL,
    baseline_year=2025,
    baseline_value=1.0,
    target_year=2030,
    target_value=0.8,
    lower_is_better=True,
)


def test_realised_contributions_are_shown_but_not_added_to_the_latest_value():
    result = pipeline(
        [Contribution(120, realised=True, expected_year=2024), Contribution(100, False, 2027)],
        latest=4600,
        target=CAPACITY,
        current_year=2026,
    )
    assert result.realised == 120
    assert result.expected == 100
    assert result.after_pipeline == 4700
    assert result.gap == 3300
    assert result.shortfall == 3300
    assert result.suffices is False


def test_expected_additions_are_grouped_by_year_in_order():
    result = pipeline(
        [Contribution(100, False, 2027), Contribution(132, False, 2026), Contribution(50, False, 2027)],
        latest=4600,
        target=CAPACITY,
        current_year=2026,
    )
    assert [(y.year, y.amount, y.count) for y in result.by_year] == [(2026, 132, 1), (2027, 150, 2)]


def test_overdue_contribution_counts_in_the_current_year_and_is_flagged():
    result = pipeline([Contribution(80, False, 2024)], latest=4600, target=CAPACITY, current_year=2026)
    assert [(y.year, y.amount, y.overdue) for y in result.by_year] == [(2026, 80, 1)]
    assert result.overdue == 80


def test_contribution_expected_after_the_target_year_does_not_close_the_gap():
    result = pipeline([Contribution(500, False, 2031)], latest=4600, target=CAPACITY, current_year=2026)
    assert result.expected == 0
    assert result.after_target == 500
    assert result.gap == 3400


def test_enough_projects_turn_the_gap_into_a_surplus():
    result = pipeline([Contribution(4000, False, 2028)], latest=4600, target=CAPACITY, current_year=2026)
    assert result.suffices is True
    assert result.shortfall == 0
    assert result.surplus == 600
    assert result.gap == -600


def test_growth_target_is_measured_at_its_target_year_value():
    gdp = tj.Target(
        kind=tj.TargetKind.ANNUAL_GROWTH,
        baseline_year=2025,
        baseline_value=2509.23,
        target_year=2030,
        rate=0.065,
    )
    result = pipeline([Contribution(100, False, 2028)], latest=2680, target=gdp, current_year=2026)
    assert result.target == pytest.approx(2509.23 * 1.065**5)
    assert result.gap == pytest.approx(2509.23 * 1.065**5 - 2780)


def test_lower_is_better_gap_is_mirrored():
    result = pipeline([Contribution(-0.05, False, 2027)], latest=0.95, target=INTENSITY, current_year=2026)
    assert result.needed == pytest.approx(0.15)
    assert result.gap == pytest.approx(0.10)
    assert result.coverage == pytest.approx(1 / 3)
    assert result.suffices is False


def test_ceiling_counts_as_lower_is_better_even_with_the_default_direction():
    ceiling = tj.Target(
        kind=tj.TargetKind.CEILING, baseline_year=2025, baseline_value=90, target_year=2030, target_value=100
    )
    result = pipeline([Contribution(5, False, 2027)], latest=92, target=ceiling, current_year=2026)
    assert result.lower_is_better is True
    assert result.suffices is True
    assert result.surplus == pytest.approx(3)


def test_without_a_target_there_is_no_gap():
    result = pipeline([Contribution(10, False, 2027)], latest=100, target=None, current_year=2026)
    assert result.gap is None and result.shortfall is None and result.suffices is None
    assert result.expected == 10


amounts = st.floats(min_value=0.01, max_value=1e5, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2020, max_value=2035)
contributions = st.lists(
    st.builds(Contribution, st.floats(-1e5, 1e5, allow_nan=False), st.booleans(), years), max_size=8
)
targets = st.sampled_from([CAPACITY, INTENSITY])


@given(contributions, amounts, years, targets, st.floats(0, 1e4, allow_nan=False))
def test_a_contribution_in_the_wrong_direction_never_shrinks_the_gap(items, size, year, target, latest):
    before = pipeline(items, latest=latest, target=target, current_year=2026)
    worse = -size if not target.lower_is_better else size
    after = pipeline(
        [*items, Contribution(worse, False, year)], latest=latest, target=target, current_year=2026
    )
    assert after.gap >= before.gap - 1e-6 * max(1.0, abs(before.gap))
    assert after.shortfall >= before.shortfall - 1e-6 * max(1.0, before.shortfall)
    assert after.shortfall >= 0


@given(contributions, amounts, years, targets, st.floats(0, 1e4, allow_nan=False))
def test_a_contribution_in_the_right_direction_never_widens_the_gap(items, size, year, target, latest):
    before = pipeline(items, latest=latest, target=target, current_year=2026)
    better = size if not target.lower_is_better else -size
    after = pipeline(
        [*items, Contribution(better, False, year)], latest=latest, target=target, current_year=2026
    )
    assert after.shortfall <= before.shortfall + 1e-6 * max(1.0, before.shortfall)
    assert after.shortfall >= 0


@given(contributions, targets, st.floats(0, 1e4, allow_nan=False))
def test_realised_contributions_never_change_the_gap(items, target, latest):
    only_unrealised = [c for c in items if not c.realised]
    full = pipeline(items, latest=latest, target=target, current_year=2026)
    bare = pipeline(only_unrealised, latest=latest, target=target, current_year=2026)
    assert full.gap == bare.gap
    assert math.isclose(full.realised, math.fsum(c.amount for c in items if c.realised), abs_tol=1e-6)


@given(contributions, targets, st.floats(0, 1e4, allow_nan=False))
def test_by_year_additions_add_up_to_the_expected_total(items, target, latest):
    result = pipeline(items, latest=latest, target=target, current_year=2026)
    assert math.isclose(result.expected, math.fsum(y.amount for y in result.by_year), abs_tol=1e-6)
    assert all(y.year >= 2026 and y.year <= target.target_year for y in result.by_year)
    counted = sum(y.count for y in result.by_year)
    assert counted == sum(1 for c in items if not c.realised and c.expected_year <= target.target_year)
