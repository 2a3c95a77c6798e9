"""Projection to the target year, and the roll-up of plan item health."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantu.core.projection import project
from lantu.core.rollup import Part, combine, roll_up
from lantu.core.trajectory import Point, Status, Target, TargetKind

GDP = Target(TargetKind.ANNUAL_GROWTH, 2025, 2509.23, 2030, rate=0.06)


def test_growth_on_its_path_projects_the_target_and_is_likely_to_meet():
    result = project(GDP, [Point(1, 2509.23 * 1.06), Point(2, 2509.23 * 1.06**2)])
    assert result is not None and result.method == "compound"
    assert result.final == pytest.approx(2509.23 * 1.06**5)
    assert result.likely_to_meet


def test_slow_growth_projects_a_miss():
    result = project(GDP, [Point(1, 2509.23 * 1.04), Point(2, 2509.23 * 1.04**2)])
    assert result is not None
    assert result.final == pytest.approx(2509.23 * 1.04**5)
    assert not result.likely_to_meet


def test_level_target_projects_a_straight_line():
    farmland = Target(TargetKind.LEVEL, 2025, 500, 2030, target_value=600)
    result = project(farmland, [Point(1, 510), Point(2, 520)])
    assert result is not None and result.method == "linear"
    assert result.final == pytest.approx(550)
    assert not result.likely_to_meet


def test_the_baseline_counts_as_a_value():
    farmland = Target(TargetKind.LEVEL, 2025, 500, 2030, target_value=600)
    assert project(farmland, [Point(1, 520)]).final == pytest.approx(600)
    assert project(farmland, [Point(1, 520)], include_baseline=False) is None
    assert project(farmland, []) is None


def test_history_before_the_baseline_is_not_part_of_the_trend():
    farmland = Target(TargetKind.LEVEL, 2025, 500, 2030, target_value=600)
    assert project(farmland, [Point(-5, 100), Point(1, 520)]).final == pytest.approx(600)


def test_energy_intensity_cut_projects_below_the_ceiling_of_the_path():
    energy = Target(TargetKind.CUMULATIVE_CHANGE, 2025, 1.0, 2030, rate=-0.135, lower_is_better=True)
    on_path = project(energy, [Point(1, 0.865**0.2), Point(2, 0.865**0.4)])
    assert on_path.final == pytest.approx(0.865) and on_path.likely_to_meet
    too_slow = project(energy, [Point(1, 0.99), Point(2, 0.98)])
    assert not too_slow.likely_to_meet


def test_floor_is_met_only_while_trend_and_latest_value_hold_it():
    farmland = Target(TargetKind.FLOOR, 2025, 520, 2030, target_value=500)
    assert project(farmland, [Point(1, 519), Point(2, 518)]).likely_to_meet
    assert not project(farmland, [Point(1, 515), Point(2, 512)]).likely_to_meet  # falls through by 2030
    assert not project(farmland, [Point(1, 520), Point(2, 499)]).likely_to_meet


def test_negative_values_fall_back_to_a_straight_line():
    balance = Target(TargetKind.ANNUAL_GROWTH, 2025, 10, 2030, rate=0.05)
    result = project(balance, [Point(1, -2), Point(2, 5)])
    assert result.method == "linear" and math.isfinite(result.final)


def test_projection_points_run_from_the_latest_value_to_the_target_year():
    result = project(GDP, [Point(1.25, 2600), Point(1.5, 2650)])
    assert result.points[0] == Point(1.5, 2650)
    assert [p.t for p in result.points[1:]] == [2.0, 3.0, 4.0, 5.0]


@given(rate=st.floats(-0.2, 0.3), share=st.floats(0.5, 1.5), t=st.integers(1, 4))
def test_compound_projection_of_exact_growth_recovers_the_growth(rate, share, t):
    target = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=rate)
    actual = rate * share
    points = [Point(float(i), 100 * (1 + actual) ** i) for i in range(1, t + 1)]
    assert project(target, points).final == pytest.approx(100 * (1 + actual) ** 5, rel=1e-6)


def test_worst_of_roll_up_reaches_the_root():
    parents = {"goal": None, "measure": "goal", "task": "measure", "other": "goal"}
    own = {"task": [Part(Status.LAGGING)], "other": [Part(Status.AHEAD)], "goal": [Part(Status.ON_TRACK)]}
    health = roll_up(parents, own)
    assert health == {
        "goal": Status.LAGGING,
        "measure": Status.LAGGING,
        "task": Status.LAGGING,
        "other": Status.AHEAD,
    }


def test_item_without_indicators_anywhere_has_no_data():
    assert roll_up({"a": None, "b": "a"}, {}) == {"a": Status.NO_DATA, "b": Status.NO_DATA}


def test_weights_let_heavy_indicators_count_more():
    parts = [Part(Status.ON_TRACK, 3), Part(Status.OFF_TRACK, 1)]
    assert combine(parts) == Status.OFF_TRACK
    assert combine(parts, weighted=True) == Status.ON_TRACK
    assert combine([Part(Status.ON_TRACK, 1), Part(Status.OFF_TRACK, 1)], weighted=True) == Status.LAGGING


def test_an_off_track_binding_indicator_sinks_even_a_weighted_roll_up():
    parts = [Part(Status.AHEAD, 10), Part(Status.OFF_TRACK, 1, binding=True)]
    assert combine(parts, weighted=True) == Status.OFF_TRACK


def test_a_cycle_in_a_broken_tree_does_not_loop():
    health = roll_up({"a": "b", "b": "a"}, {"a": [Part(Status.LAGGING)]})
    assert health["a"] == Status.LAGGING
