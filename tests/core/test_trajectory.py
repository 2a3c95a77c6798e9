"""Expected paths, achievement and status of indicators."""

import ast
import math
import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantu.core.trajectory import (
    Point,
    Status,
    Target,
    TargetKind,
    Thresholds,
    achievement,
    assess,
    expected_value,
    path,
    worst,
)

GDP = Target(TargetKind.ANNUAL_GROWTH, 2025, 2509.23, 2030, rate=0.065)


def test_level_target_moves_linearly_from_baseline():
    farmland = Target(TargetKind.LEVEL, 2025, 530.76, 2030, target_value=630.76)
    assert expected_value(farmland, 0) == pytest.approx(530.76)
    assert expected_value(farmland, 2.5) == pytest.approx(580.76)
    assert expected_value(farmland, 5) == pytest.approx(630.76)


def test_growth_target_compounds_every_year():
    assert expected_value(GDP, 2) == pytest.approx(2509.23 * 1.065**2)
    assert GDP.final_value == pytest.approx(2509.23 * 1.065**5)


def test_cumulative_change_spreads_the_total_over_the_period():
    energy = Target(TargetKind.CUMULATIVE_CHANGE, 2025, 1.0, 2030, rate=-0.135, lower_is_better=True)
    assert expected_value(energy, 5) == pytest.approx(0.865)
    assert expected_value(energy, 1) == pytest.approx(0.865**0.2)


def test_growth_indicator_on_its_path_is_on_track():
    assert assess(GDP, [Point(1, 2509.23 * 1.065)]).status == Status.ON_TRACK


def test_lagging_growth_indicator_turns_amber_then_red():
    expected_gain = 2509.23 * 0.065
    lagging = assess(GDP, [Point(1, 2509.23 + 0.95 * expected_gain)])
    assert lagging.status == Status.LAGGING and lagging.achievement == pytest.approx(0.95)
    assert assess(GDP, [Point(1, 2509.23 + 0.5 * expected_gain)]).status == Status.OFF_TRACK


def test_binding_indicator_below_its_path_is_always_red():
    binding = Target(TargetKind.LEVEL, 2025, 100, 2030, target_value=150, binding=True)
    assert assess(binding, [Point(1, 109.5)]).status == Status.OFF_TRACK


def test_lower_is_better_mirrors_the_comparison():
    emissions = Target(TargetKind.LEVEL, 2025, 100, 2030, target_value=80, lower_is_better=True)
    assert achievement(emissions, 1, 96) == pytest.approx(1.0)
    assert assess(emissions, [Point(1, 99)]).status == Status.OFF_TRACK
    assert assess(emissions, [Point(1, 79)]).status == Status.AHEAD


# Was test_ceiling_is_judged_by_the_bound_alone (36 in the first year of a 40 → 35 ceiling was off
# track); a ceiling now follows its glide path from the baseline to the bound.
PM25 = Target(TargetKind.CEILING, 2025, 38, 2030, target_value=35)


def test_ceiling_above_its_bound_follows_a_glide_path_from_the_baseline():
    assert [round(p.value, 4) for p in path(PM25)] == [38, 37.4, 36.8, 36.2, 35.6, 35]
    first_year = assess(PM25, [Point(1, 36.3)])
    assert first_year.status == Status.ON_TRACK  # below the path's 37.4, though above 35
    assert first_year.expected == pytest.approx(37.4)
    assert first_year.achievement == pytest.approx(1.7 / 0.6)


def test_ceiling_on_its_glide_path_is_on_track_and_above_it_lags():
    assert assess(PM25, [Point(2, 36.8)]).status == Status.ON_TRACK
    assert assess(PM25, [Point(2, 36.9)]).status == Status.LAGGING  # 1.1 of 1.2 planned: 92 %
    assert assess(PM25, [Point(2, 37.5)]).status == Status.OFF_TRACK
    assert assess(PM25, [Point(2, 34.9)]).status == Status.AHEAD  # the bound is already reached


def test_ceiling_the_baseline_already_meets_applies_every_year():
    pm25 = Target(TargetKind.CEILING, 2025, 30, 2030, target_value=35)
    assert [p.value for p in path(pm25)] == [35] * 6
    assert assess(pm25, [Point(1, 34.9)]).status == Status.ON_TRACK
    assert assess(pm25, [Point(1, 35)]).status == Status.ON_TRACK
    assert assess(pm25, [Point(1, 35.1)]).status == Status.OFF_TRACK


def test_floor_below_its_bound_glides_up_to_it():
    forest = Target(TargetKind.FLOOR, 2025, 4.0, 2030, target_value=5.0)
    assert expected_value(forest, 1) == pytest.approx(4.2)
    assert assess(forest, [Point(1, 4.2)]).status == Status.ON_TRACK
    assert assess(forest, [Point(1, 4.19)]).status == Status.LAGGING
    assert assess(forest, [Point(1, 4.1)]).status == Status.OFF_TRACK
    assert assess(forest, [Point(1, 5.0)]).status == Status.AHEAD


def test_ceiling_is_lower_is_better_whatever_the_direction_field_says():
    higher = Target(TargetKind.CEILING, 2025, 38, 2030, target_value=35, lower_is_better=False)
    assert assess(higher, [Point(1, 36.3)]).status == Status.ON_TRACK


def test_growth_target_is_judged_by_realised_average_annual_growth():
    gdp = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=0.065)
    result = assess(gdp, [Point(2, 100 * 1.061**2)])
    assert result.realised_rate == pytest.approx(0.061)
    assert result.achievement == pytest.approx(0.061 / 0.065)
    assert result.status == Status.LAGGING
    assert assess(gdp, [Point(2, 100 * 1.07**2)]).status == Status.ON_TRACK


def test_growth_ratio_compares_rates_not_gains():
    # 6.1 % a year for three years realises 93.8 % of the planned rate but only 93.1 % of the gain.
    gdp = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=0.065)
    value = 100 * 1.061**3
    assert assess(gdp, [Point(3, value)]).achievement == pytest.approx(0.061 / 0.065)
    assert assess(gdp, [Point(3, value)]).achievement != pytest.approx((value - 100) / (1.065**3 * 100 - 100))


def test_planned_decline_is_met_by_declining_at_least_as_fast():
    coal = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=-0.02, lower_is_better=True)
    assert assess(coal, [Point(1, 97)]).status == Status.ON_TRACK
    assert assess(coal, [Point(1, 98.15)]).status == Status.LAGGING  # −1.85 % of −2 %
    assert assess(coal, [Point(1, 101)]).status == Status.OFF_TRACK  # it grew


def test_growth_rate_that_is_a_limit_is_held_or_crossed():
    energy = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=0.03, lower_is_better=True)
    assert assess(energy, [Point(1, 102)]).status == Status.ON_TRACK  # 2 % under a 3 % limit
    assert assess(energy, [Point(1, 103.5)]).status == Status.OFF_TRACK
    flat = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=0.0)
    assert assess(flat, [Point(1, 100)]).status == Status.ON_TRACK
    assert assess(flat, [Point(1, 99)]).status == Status.OFF_TRACK
    assert assess(flat, [Point(1, 99)]).achievement is None


def test_growth_without_a_positive_value_has_no_status():
    gdp = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=0.065)
    assert assess(gdp, [Point(1, 0)]).status == Status.NO_DATA


def test_no_value_after_the_baseline_means_no_data():
    assert assess(GDP, []).status == Status.NO_DATA
    assert assess(GDP, [Point(0, 2509.23), Point(-5, 1405)]).status == Status.NO_DATA


def test_the_latest_point_decides():
    points = [Point(2, 2509.23 * 1.065**2), Point(1, 1000)]
    assert assess(GDP, points).status == Status.ON_TRACK


def test_thresholds_are_parameters():
    point = [Point(1, 2509.23 + 0.95 * 2509.23 * 0.065)]
    assert assess(GDP, point, Thresholds(on_track=0.9, lagging=0.8)).status == Status.ON_TRACK


def test_invalid_targets_are_refused():
    with pytest.raises(ValueError):
        Target(TargetKind.LEVEL, 2025, 1, 2030)
    with pytest.raises(ValueError):
        Target(TargetKind.ANNUAL_GROWTH, 2025, 1, 2025, rate=0.1)


def test_roll_up_takes_the_worst_known_status():
    assert worst([Status.ON_TRACK, Status.LAGGING, Status.NO_DATA]) == Status.LAGGING
    assert worst([Status.NO_DATA]) == Status.NO_DATA
    assert worst([Status.AHEAD, Status.OFF_TRACK]) == Status.OFF_TRACK


@given(
    baseline=st.floats(1, 1e6),
    target=st.floats(1, 1e6),
    years=st.integers(1, 10),
    steps=st.sampled_from([1, 4, 12]),
)
def test_path_starts_at_baseline_and_ends_at_target(baseline, target, years, steps):
    level = Target(TargetKind.LEVEL, 2025, baseline, 2025 + years, target_value=target)
    points = path(level, steps)
    assert points[0].value == pytest.approx(baseline) and points[-1].value == pytest.approx(target)
    assert len(points) == years * steps + 1


@given(rate=st.floats(0.001, 0.5), t=st.floats(0.1, 5), share=st.floats(0, 2))
def test_status_never_improves_as_the_actual_value_falls(rate, t, share):
    growth = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=rate)
    gain = expected_value(growth, t) - 100
    better = assess(growth, [Point(t, 100 + gain * share)]).status
    poorer = assess(growth, [Point(t, 100 + gain * share * 0.8)]).status
    order = [Status.OFF_TRACK, Status.LAGGING, Status.ON_TRACK, Status.AHEAD]
    assert order.index(poorer) <= order.index(better)


def test_core_never_imports_django():
    for module in pathlib.Path("lantu/core").rglob("*.py"):
        tree = ast.parse(module.read_text())
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] == "django"], module


ORDER = [Status.OFF_TRACK, Status.LAGGING, Status.ON_TRACK, Status.AHEAD, Status.NO_DATA]
KINDS = st.sampled_from([TargetKind.LEVEL, TargetKind.ANNUAL_GROWTH, TargetKind.CUMULATIVE_CHANGE])


def _target(kind, baseline, goal, lower=False, binding=False, years=5):
    if kind == TargetKind.LEVEL:
        return Target(
            kind, 2025, baseline, 2025 + years, target_value=goal, lower_is_better=lower, binding=binding
        )
    return Target(kind, 2025, baseline, 2025 + years, rate=goal, lower_is_better=lower, binding=binding)


def _far_from_thresholds(target, t, value):
    ratio = achievement(target, t, value)
    return ratio is None or all(abs(ratio - edge) > 1e-6 for edge in (0.9, 1.0))


@given(
    kind=KINDS,
    baseline=st.floats(1, 1e5),
    rate=st.floats(-0.3, 0.5).filter(lambda r: abs(r) > 1e-3),
    years=st.integers(1, 10),
)
def test_every_path_starts_at_baseline_and_ends_at_target(kind, baseline, rate, years):
    target = _target(kind, baseline, baseline * (1 + rate) if kind == TargetKind.LEVEL else rate, years=years)
    points = path(target)
    assert points[0].value == pytest.approx(baseline)
    assert points[-1].value == pytest.approx(target.final_value)
    if kind == TargetKind.ANNUAL_GROWTH:
        assert points[-1].value == pytest.approx(baseline * (1 + rate) ** years)
    if kind == TargetKind.CUMULATIVE_CHANGE:
        assert points[-1].value == pytest.approx(baseline * (1 + rate))


@given(
    kind=KINDS,
    baseline=st.floats(1, 1e4),
    goal_share=st.floats(0.05, 1.0),
    t=st.floats(0.25, 5),
    share=st.floats(-0.5, 2),
    factor=st.floats(0.001, 1000),
    lower=st.booleans(),
)
def test_status_is_unchanged_when_all_values_are_scaled(kind, baseline, goal_share, t, share, factor, lower):
    sign = -1 if lower else 1
    goal = baseline * (1 + sign * goal_share) if kind == TargetKind.LEVEL else sign * goal_share * 0.5
    target = _target(kind, baseline, goal, lower=lower)
    value = baseline + (expected_value(target, t) - baseline) * share
    if not _far_from_thresholds(target, t, value) or math.isclose(value, target.final_value, rel_tol=1e-6):
        return
    scaled = _target(
        kind, baseline * factor, goal * factor if kind == TargetKind.LEVEL else goal, lower=lower
    )
    assert assess(target, [Point(t, value)]).status == assess(scaled, [Point(t, value * factor)]).status


@given(
    kind=KINDS,
    baseline=st.floats(1, 1e4),
    goal_share=st.floats(0.05, 0.9),
    t=st.floats(0.25, 5),
    share=st.floats(-0.5, 2),
)
def test_lower_is_better_mirrors_higher_is_better(kind, baseline, goal_share, t, share):
    up_goal = baseline * (1 + goal_share) if kind == TargetKind.LEVEL else goal_share
    down_goal = baseline * (1 - goal_share) if kind == TargetKind.LEVEL else -goal_share
    up, down = _target(kind, baseline, up_goal), _target(kind, baseline, down_goal, lower=True)
    if kind != TargetKind.LEVEL:
        return  # compound paths are not symmetric: mirror only what mirrors exactly
    gain = expected_value(up, t) - baseline
    rise, fall = baseline + gain * share, baseline - gain * share
    assert achievement(up, t, rise) == pytest.approx(achievement(down, t, fall))
    if _far_from_thresholds(up, t, rise) and not math.isclose(share * min(t, 5) / 5, 1.0, rel_tol=1e-6):
        assert assess(up, [Point(t, rise)]).status == assess(down, [Point(t, fall)]).status


@given(
    kind=KINDS,
    baseline=st.floats(1, 1e4),
    goal_share=st.floats(0.05, 1.0),
    t=st.floats(0.25, 5),
    share=st.floats(-0.5, 2),
    lower=st.booleans(),
)
def test_binding_indicator_never_shows_better_than_a_matching_expected_one(
    kind, baseline, goal_share, t, share, lower
):
    sign = -1 if lower else 1
    goal = baseline * (1 + sign * goal_share) if kind == TargetKind.LEVEL else sign * goal_share * 0.5
    expected = _target(kind, baseline, goal, lower=lower)
    binding = _target(kind, baseline, goal, lower=lower, binding=True)
    value = baseline + (expected_value(expected, t) - baseline) * share
    soft = assess(expected, [Point(t, value)]).status
    hard = assess(binding, [Point(t, value)]).status
    assert ORDER.index(hard) <= ORDER.index(soft)


def test_worked_example_gdp_growing_six_percent_a_year():
    gdp = Target(TargetKind.ANNUAL_GROWTH, 2025, 2509.23, 2030, rate=0.06)
    assert gdp.final_value == pytest.approx(3357.9, abs=0.1)  # 2509.23 × 1.06⁵
    assert expected_value(gdp, 2) == pytest.approx(2819.37, abs=0.01)
    assert assess(gdp, [Point(2, 2819.4)]).status == Status.ON_TRACK
    assert assess(gdp, [Point(2, 2800)]).status == Status.LAGGING  # 5.6 % a year: 94 % of the rate
    assert assess(gdp, [Point(2, 2700)]).status == Status.OFF_TRACK


def test_worked_example_energy_intensity_cut_by_thirteen_and_a_half_percent():
    energy = Target(
        TargetKind.CUMULATIVE_CHANGE, 2025, 1.0, 2030, rate=-0.135, lower_is_better=True, binding=True
    )
    assert expected_value(energy, 1) == pytest.approx(0.9714, abs=1e-4)  # 0.865^(1/5): −2.86 % a year
    assert assess(energy, [Point(1, 0.970)]).status == Status.ON_TRACK
    assert assess(energy, [Point(1, 0.975)]).status == Status.OFF_TRACK  # binding: any shortfall is red
    assert assess(energy, [Point(5, 0.86)]).status == Status.AHEAD


def test_worked_example_farmland_floor():
    farmland = Target(TargetKind.FLOOR, 2025, 530.76, 2030, target_value=520, binding=True)
    assert assess(farmland, [Point(1, 525)]).status == Status.ON_TRACK
    assert assess(farmland, [Point(1, 520)]).status == Status.ON_TRACK
    assert assess(farmland, [Point(1, 519.9)]).status == Status.OFF_TRACK
    assert [p.value for p in path(farmland)] == [520] * 6


ALL_KINDS = st.sampled_from(list(TargetKind))


def _any_target(kind, baseline, goal_share, lower, binding=False, years=5):
    """Return a target of any kind moving `goal_share` of the baseline the good way (bounds: either side)."""
    sign = -1 if lower else 1
    if kind == TargetKind.LEVEL:
        return _target(kind, baseline, baseline * (1 + sign * goal_share), lower, binding, years)
    if kind in (TargetKind.ANNUAL_GROWTH, TargetKind.CUMULATIVE_CHANGE):
        return _target(kind, baseline, sign * goal_share * 0.5, lower, binding, years)
    bound = baseline * (1 + goal_share) if lower else baseline * (1 - goal_share * 0.5)
    return Target(kind, 2025, baseline, 2025 + years, target_value=bound, binding=binding)


@given(
    kind=ALL_KINDS,
    baseline=st.floats(1, 1e4),
    goal_share=st.floats(-0.9, 0.9).filter(lambda g: abs(g) > 1e-3),
    t=st.floats(0.25, 6),
    share=st.floats(-0.5, 2),
    step=st.floats(0.001, 0.5),
    lower=st.booleans(),
    binding=st.booleans(),
)
def test_status_never_improves_as_the_value_moves_the_wrong_way(
    kind, baseline, goal_share, t, share, step, lower, binding
):
    target = _any_target(kind, baseline, abs(goal_share), lower, binding)
    if kind in (TargetKind.CEILING, TargetKind.FLOOR) and goal_share < 0:
        # a bound on the wrong side of the baseline: a glide path
        bound = baseline * (1 - abs(goal_share) * 0.5) if kind == TargetKind.CEILING else baseline * 1.5
        target = Target(kind, 2025, baseline, 2030, target_value=bound, binding=binding)
    value = baseline + (expected_value(target, t) - baseline) * share
    if value <= 0:
        return
    worse = value * (1 + step) if target.lower_better else value * (1 - step)
    better_status = assess(target, [Point(t, value)]).status
    worse_status = assess(target, [Point(t, worse)]).status
    if Status.NO_DATA in (better_status, worse_status):
        return
    assert ORDER.index(worse_status) <= ORDER.index(better_status)


@given(
    kind=ALL_KINDS,
    baseline=st.floats(1, 1e4),
    goal_share=st.floats(0.05, 0.9),
    t=st.floats(0.25, 5),
    lower=st.booleans(),
    binding=st.booleans(),
    glide=st.booleans(),
)
def test_a_value_on_the_path_is_on_track_or_ahead(kind, baseline, goal_share, t, lower, binding, glide):
    target = _any_target(kind, baseline, goal_share, lower, binding)
    if kind in (TargetKind.CEILING, TargetKind.FLOOR) and glide:
        bound = (
            baseline * (1 - goal_share * 0.5) if kind == TargetKind.CEILING else baseline * (1 + goal_share)
        )
        target = Target(kind, 2025, baseline, 2030, target_value=bound, binding=binding)
    status = assess(target, [Point(t, expected_value(target, t))]).status
    assert status in (Status.ON_TRACK, Status.AHEAD)


@given(
    kind=ALL_KINDS,
    baseline=st.floats(1, 1e4),
    goal_share=st.floats(0.05, 0.9),
    t=st.floats(0.25, 5),
    share=st.floats(-0.5, 2),
    lagging=st.floats(0, 1),
    on_track=st.floats(0, 1.5),
)
def test_stricter_thresholds_never_show_a_better_status(
    kind, baseline, goal_share, t, share, lagging, on_track
):
    target = _any_target(kind, baseline, goal_share, False)
    value = baseline + (expected_value(target, t) - baseline) * share
    if value <= 0:
        return
    loose = Thresholds(on_track=min(lagging, on_track), lagging=min(lagging, on_track) * 0.5)
    strict = Thresholds(on_track=max(lagging, on_track), lagging=max(lagging, on_track) * 0.9)
    soft = assess(target, [Point(t, value)], loose).status
    hard = assess(target, [Point(t, value)], strict).status
    assert ORDER.index(hard) <= ORDER.index(soft)


def test_thresholds_passed_in_override_the_defaults():
    value = [Point(1, 2509.23 * 1.06)]  # 6 % of a 6.5 % target: 92 %
    assert assess(GDP, value).status == Status.LAGGING
    assert assess(GDP, value, Thresholds(on_track=0.9, lagging=0.8)).status == Status.ON_TRACK
    assert assess(GDP, value, Thresholds(on_track=1.0, lagging=0.95)).status == Status.OFF_TRACK
