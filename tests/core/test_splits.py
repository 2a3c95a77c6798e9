"""Target splits: shares that add up pass the check, and the parent rolls up from its shares."""

import math

from hypothesis import given
from hypothesis import strategies as st

from lantu.core.splits import (
    Aggregation,
    Measure,
    ShareState,
    ShareTarget,
    check_shares,
    roll_up_shares,
    target_aggregation,
    weighted_mean,
)
from lantu.core.trajectory import SEVERITY, Status, Target, TargetKind, worst

TOLERANCE = 1e-6
amounts = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
fractions = st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=1, max_size=12)
rates = st.floats(min_value=-20, max_value=30, allow_nan=False, allow_infinity=False)
statuses = st.sampled_from(list(Status))
factors = st.floats(min_value=0.001, max_value=1000)


def _split(total: float, parts: list[float]) -> list[float]:
    return [total * p / sum(parts) for p in parts]


@given(baseline=amounts, target=amounts, parts=fractions, kind=st.sampled_from(["level", "ceiling", "floor"]))
def test_shares_that_add_up_always_pass(baseline, target, parts, kind) -> None:
    shares = [
        ShareTarget(n, b, t)
        for n, (b, t) in enumerate(zip(_split(baseline, parts), _split(target, parts), strict=True))
    ]
    checks = check_shares(
        kind=TargetKind(kind),
        unit="万亩",
        parent_baseline=baseline,
        parent_target=target,
        shares=shares,
        relative_tolerance=TOLERANCE,
    )
    assert [c.measure for c in checks] == [Measure.TARGET, Measure.BASELINE]
    assert all(c.ok for c in checks)


@given(target=amounts, parts=fractions, extra=st.floats(min_value=0.01, max_value=0.5))
def test_a_share_missing_part_of_the_target_fails_with_the_difference(target, parts, extra) -> None:
    values = _split(target, parts)
    values[0] -= target * extra
    shares = [ShareTarget(n, 1.0 / len(values), v) for n, v in enumerate(values)]
    check = check_shares(
        kind=TargetKind.LEVEL,
        unit="万亩",
        parent_baseline=1.0,
        parent_target=target,
        shares=shares,
        relative_tolerance=TOLERANCE,
    )[0]
    assert not check.ok
    assert math.isclose(check.difference, -target * extra, rel_tol=1e-6)
    assert check.expected == target


@given(rate=rates, weights=st.lists(amounts, min_size=1, max_size=8))
def test_equal_rates_average_to_the_parent_rate_whatever_the_weights(rate, weights) -> None:
    shares = [ShareTarget(n, w, rate) for n, w in enumerate(weights)]
    checks = check_shares(
        kind=TargetKind.ANNUAL_GROWTH,
        unit="亿元",
        parent_baseline=sum(weights),
        parent_target=rate,
        shares=shares,
        relative_tolerance=TOLERANCE,
    )
    assert [(c.measure, c.aggregation, c.ok) for c in checks] == [(Measure.RATE, Aggregation.WEIGHTED, True)]


@given(pairs=st.lists(st.tuples(rates, amounts), min_size=1, max_size=10))
def test_weighted_rate_average_lies_between_the_lowest_and_highest_share_rate(pairs) -> None:
    mean = weighted_mean(pairs)
    assert mean is not None
    low, high = min(r for r, _ in pairs), max(r for r, _ in pairs)
    assert low - 1e-9 * max(1, abs(low)) <= mean <= high + 1e-9 * max(1, abs(high))


def test_explicit_weights_override_baselines_in_the_rate_average() -> None:
    shares = [ShareTarget("a", 100, 10, weight=1), ShareTarget("b", 900, 0, weight=1)]
    [check] = check_shares(
        kind=TargetKind.ANNUAL_GROWTH,
        unit="亿元",
        parent_baseline=1000,
        parent_target=5,
        shares=shares,
        relative_tolerance=TOLERANCE,
    )
    assert check.ok and check.total == 5
    by_baseline = [ShareTarget("a", 100, 10), ShareTarget("b", 900, 0)]
    [check] = check_shares(
        kind=TargetKind.ANNUAL_GROWTH,
        unit="亿元",
        parent_baseline=1000,
        parent_target=5,
        shares=by_baseline,
        relative_tolerance=TOLERANCE,
    )
    assert not check.ok and math.isclose(check.total, 1.0)


def test_percent_levels_are_averaged_not_summed() -> None:
    assert target_aggregation(TargetKind.LEVEL, "%") == Aggregation.WEIGHTED
    assert target_aggregation(TargetKind.LEVEL, "万亩") == Aggregation.SUM
    assert target_aggregation(TargetKind.CEILING, "微克/立方米") == Aggregation.WEIGHTED
    assert target_aggregation(TargetKind.LEVEL, "元", "城镇居民人均可支配收入") == Aggregation.WEIGHTED
    assert target_aggregation(TargetKind.CEILING, "万吨标准煤", "能源消费总量") == Aggregation.SUM
    shares = [ShareTarget("a", 50, 60), ShareTarget("b", 50, 60)]
    checks = check_shares(
        kind=TargetKind.LEVEL,
        unit="%",
        parent_baseline=50,
        parent_target=60,
        shares=shares,
        relative_tolerance=TOLERANCE,
    )
    assert all(c.ok for c in checks)


@given(baseline=amounts, target=amounts, parts=fractions, factor=factors, shift=st.floats(-0.5, 0.5))
def test_scaling_shares_and_parent_keeps_the_check(baseline, target, parts, factor, shift) -> None:
    def verdict(scale: float) -> list[bool]:
        values = _split(target * scale, parts)
        values[0] += shift * target * scale
        shares = [
            ShareTarget(n, b, v)
            for n, (b, v) in enumerate(zip(_split(baseline * scale, parts), values, strict=True))
        ]
        checks = check_shares(
            kind=TargetKind.LEVEL,
            unit="万亩",
            parent_baseline=baseline * scale,
            parent_target=target * scale,
            shares=shares,
            relative_tolerance=1e-3,
        )
        return [c.ok for c in checks]

    if abs(shift) > 1e-2 or shift == 0:  # away from the tolerance edge, where rounding may tip it
        assert verdict(1.0) == verdict(factor)


share_states = st.lists(
    st.builds(
        ShareState,
        key=st.uuids(),
        status=statuses,
        achievement=st.one_of(st.none(), st.floats(-2, 3)),
        latest=st.one_of(st.none(), amounts),
        t=st.sampled_from([None, 1.0, 2.0]),
        weight=amounts,
        binding=st.booleans(),
    ),
    min_size=1,
    max_size=10,
)


@given(shares=share_states)
def test_worst_of_roll_up_is_never_better_than_the_worst_share(shares) -> None:
    rolled = roll_up_shares(shares, aggregation=Aggregation.SUM)
    known = [s.status for s in shares if s.status != Status.NO_DATA]
    if known:
        assert SEVERITY[rolled.status] <= min(SEVERITY[s] for s in known)
    assert rolled.status == worst([s.status for s in shares])


@given(shares=share_states)
def test_dragging_shares_are_behind_and_worst_first(shares) -> None:
    rolled = roll_up_shares(shares, aggregation=Aggregation.SUM)
    assert all(s.status in (Status.LAGGING, Status.OFF_TRACK) for s in rolled.dragging)
    assert {s.key for s in rolled.dragging} == {
        s.key for s in shares if s.status in (Status.LAGGING, Status.OFF_TRACK)
    }
    severities = [SEVERITY[s.status] for s in rolled.dragging]
    assert severities == sorted(severities)


@given(shares=share_states, factor=factors, weighted=st.booleans())
def test_scaling_every_value_keeps_the_roll_up(shares, factor, weighted) -> None:
    scaled = [
        ShareState(
            s.key,
            s.status,
            s.achievement,
            None if s.latest is None else s.latest * factor,
            s.t,
            s.weight * factor,
            s.binding,
        )
        for s in shares
    ]
    before = roll_up_shares(shares, aggregation=Aggregation.SUM, weighted=weighted)
    after = roll_up_shares(scaled, aggregation=Aggregation.SUM, weighted=weighted)
    assert after.status == before.status
    assert after.missing == before.missing
    assert [s.key for s in after.dragging] == [s.key for s in before.dragging]
    if before.actual is not None:
        assert math.isclose(after.actual, before.actual * factor, rel_tol=1e-9)


@given(
    status=statuses,
    ratio=st.one_of(st.none(), st.floats(-2, 3)),
    value=amounts,
    weighted=st.booleans(),
)
def test_a_single_share_equal_to_the_parent_rolls_up_to_its_status(status, ratio, value, weighted) -> None:
    parent = Target(TargetKind.LEVEL, 2025, 100.0, 2030, target_value=200.0)
    share = ShareState("only", status, ratio, value, 1.0)
    rolled = roll_up_shares([share], aggregation=Aggregation.SUM, weighted=weighted, parent=parent)
    assert rolled.status == status
    assert rolled.actual == value and rolled.complete


def test_shares_without_a_value_for_the_latest_period_are_missing_and_skip_achievement() -> None:
    parent = Target(TargetKind.LEVEL, 2025, 100.0, 2030, target_value=200.0)
    shares = [
        ShareState("a", Status.ON_TRACK, 1.0, 70.0, 2.0),
        ShareState("b", Status.LAGGING, 0.9, 50.0, 1.0),
    ]
    rolled = roll_up_shares(shares, aggregation=Aggregation.SUM, parent=parent)
    assert (rolled.actual, rolled.t, rolled.missing) == (70.0, 2.0, ("b",))
    assert rolled.achievement is None
    complete = roll_up_shares(
        [ShareState("a", Status.ON_TRACK, 1.0, 70.0, 1.0), ShareState("b", Status.LAGGING, 0.9, 50.0, 1.0)],
        aggregation=Aggregation.SUM,
        parent=parent,
    )
    assert complete.actual == 120.0 and math.isclose(complete.achievement, 1.0)


def test_weighted_roll_up_exactly_between_two_statuses_does_not_depend_on_the_weights_scale() -> None:
    # Found by test_scaling_every_value_keeps_the_roll_up: 1.5 × 26214.63 tipped 2.5 below the edge.
    for weight in (26214.626699823668, 26214.626699823668 * 1.5):
        pair = [ShareState("a", Status.ON_TRACK, weight=weight), ShareState("b", Status.AHEAD, weight=weight)]
        assert roll_up_shares(pair, aggregation=Aggregation.SUM, weighted=True).status == Status.AHEAD
