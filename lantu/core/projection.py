"""Projection of an indicator to its target year from the approved values so far.

Growth kinds (annual growth, cumulative change) follow a compound trend, a least-squares line through
the logarithms of the values; the other kinds a least-squares straight line. The baseline counts as a
value at t = 0, so one approved value after the baseline already gives a trend.
"""

import math
from dataclasses import dataclass

from lantu.core.trajectory import Point, Target, TargetKind

GROWTH_KINDS = (TargetKind.ANNUAL_GROWTH, TargetKind.CUMULATIVE_CHANGE)


@dataclass(frozen=True)
class Projection:
    """The value a trend reaches in the target year and whether that meets the target."""

    final: float
    likely_to_meet: bool
    method: str  # compound | linear
    points: tuple[Point, ...]  # from the latest value to the target year, for charts
    # The range between the trend since the baseline and the recent pace (over the latest year or more);
    # both equal `final` while there are fewer than three values or no year between them.
    low: float | None = None
    high: float | None = None


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Return (intercept, slope) of the least-squares line through the points."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return my - slope * mx, slope


def meets(target: Target, value: float) -> bool:
    """Return whether a value in the target year meets the target."""
    if target.kind == TargetKind.CEILING:
        assert target.target_value is not None
        return value <= target.target_value
    if target.kind == TargetKind.FLOOR:
        assert target.target_value is not None
        return value >= target.target_value
    final = target.final_value
    tolerance = 1e-9 * max(1.0, abs(final))
    return value <= final + tolerance if target.lower_is_better else value >= final - tolerance


def project(target: Target, points: list[Point], *, include_baseline: bool = True) -> Projection | None:
    """Return the projection from the values since the baseline; None with fewer than two moments."""
    since = {p.t: p.value for p in points if 0 <= p.t <= target.span}
    if include_baseline:
        since.setdefault(0.0, target.baseline_value)
    if len(since) < 2:
        return None
    xs = sorted(since)
    ys = [since[x] for x in xs]
    compound = target.kind in GROWTH_KINDS and all(y > 0 for y in ys)
    at = _trend(xs, ys, compound)
    final = at(target.span)
    # The recent pace: from the latest value a year or more before the last one, to the last one.
    earlier = [i for i, x in enumerate(xs[:-1]) if x <= xs[-1] - 1]
    recent = final
    if len(xs) >= 3 and earlier:
        i = earlier[-1]
        recent = _trend([xs[i], xs[-1]], [ys[i], ys[-1]], compound)(target.span)
    ahead = [xs[-1]] + [float(y) for y in range(math.floor(xs[-1]) + 1, int(target.span) + 1)]
    trend = tuple(Point(t, ys[-1] if t == xs[-1] else at(t)) for t in ahead)
    likely = meets(target, final)
    if target.kind in (TargetKind.CEILING, TargetKind.FLOOR) and not target.glides:
        # A bound the baseline already met must hold every period: the latest value must be inside it.
        likely = likely and meets(target, ys[-1])
    method = "compound" if compound else "linear"
    return Projection(final, likely, method, trend, min(final, recent), max(final, recent))


def _trend(xs: list[float], ys: list[float], compound: bool):
    """Return the least-squares trend through the points as a function of t (compound: through logs)."""
    if compound:
        intercept, slope = _fit(xs, [math.log(y) for y in ys])
        return lambda t: math.exp(intercept + slope * t)
    intercept, slope = _fit(xs, ys)
    return lambda t: intercept + slope * t
