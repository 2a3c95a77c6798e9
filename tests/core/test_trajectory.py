"""Expected paths, achievement and status of indicators."""

import ast
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


def test_ceiling_is_judged_by_the_bound_alone():
    pm25 = Target(TargetKind.CEILING, 2025, 40, 2030, target_value=35, lower_is_better=True)
    assert assess(pm25, [Point(1, 34)]).status == Status.ON_TRACK
    assert assess(pm25, [Point(1, 36)]).status == Status.OFF_TRACK


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
