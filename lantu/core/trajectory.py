"""Expected path from baseline to target, achievement and status of an indicator.

Pure Python: takes dataclasses, returns dataclasses; the caller passes `now`.
"""

import math
from dataclasses import dataclass
from enum import StrEnum

# Status, SEVERITY, Thresholds and worst live in core.status; they are re-exported for callers.
from lantu.core.status import SEVERITY, Status, Thresholds, classify, worst  # noqa: F401


class TargetKind(StrEnum):
    LEVEL = "level"
    ANNUAL_GROWTH = "annual_growth"
    CUMULATIVE_CHANGE = "cumulative_change"
    CEILING = "ceiling"
    FLOOR = "floor"


@dataclass(frozen=True)
class Target:
    """What an indicator must reach; `rate` is a fraction (0.065 for 6.5 %)."""

    kind: TargetKind
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float | None = None
    rate: float | None = None
    lower_is_better: bool = False
    binding: bool = False

    def __post_init__(self) -> None:
        if self.target_year <= self.baseline_year:
            raise ValueError("target year must come after the baseline year")
        needs_value = self.kind in (TargetKind.LEVEL, TargetKind.CEILING, TargetKind.FLOOR)
        if needs_value and self.target_value is None:
            raise ValueError(f"a {self.kind} target needs a target value")
        if not needs_value and self.rate is None:
            raise ValueError(f"a {self.kind} target needs a rate")

    @property
    def span(self) -> float:
        """Return the years from baseline to target."""
        return float(self.target_year - self.baseline_year)

    @property
    def final_value(self) -> float:
        """Return the value the path reaches in the target year."""
        return expected_value(self, self.span)


@dataclass(frozen=True)
class Point:
    """An approved observation at `t` years after the baseline year."""

    t: float
    value: float


@dataclass(frozen=True)
class Assessment:
    status: Status
    achievement: float | None
    expected: float | None
    latest: Point | None


def expected_value(target: Target, t: float) -> float:
    """Return the value the path expects `t` years after the baseline year."""
    t = max(0.0, min(t, target.span))
    b = target.baseline_value
    match target.kind:
        case TargetKind.LEVEL:
            assert target.target_value is not None
            return b + (target.target_value - b) * t / target.span
        case TargetKind.ANNUAL_GROWTH:
            assert target.rate is not None
            return b * (1 + target.rate) ** t
        case TargetKind.CUMULATIVE_CHANGE:
            assert target.rate is not None
            return b * (1 + target.rate) ** (t / target.span)
        case TargetKind.CEILING | TargetKind.FLOOR:
            assert target.target_value is not None
            return target.target_value
    raise ValueError(f"unknown target kind {target.kind}")


def achievement(target: Target, t: float, actual: float) -> float | None:
    """Return (actual − baseline) / (expected − baseline), mirrored when lower is better."""
    expected = expected_value(target, t)
    planned = expected - target.baseline_value
    done = actual - target.baseline_value
    if target.lower_is_better:
        planned, done = -planned, -done
    if math.isclose(planned, 0.0, abs_tol=1e-12):
        return None
    return done / planned


DEFAULT_THRESHOLDS = Thresholds()


def assess(target: Target, points: list[Point], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Assessment:
    """Return the status of the latest approved point after the baseline."""
    after = sorted((p for p in points if p.t > 0), key=lambda p: p.t)
    if not after:
        return Assessment(Status.NO_DATA, None, None, None)
    latest = after[-1]
    expected = expected_value(target, latest.t)
    if target.kind in (TargetKind.CEILING, TargetKind.FLOOR):
        ok = latest.value <= expected if target.kind == TargetKind.CEILING else latest.value >= expected
        return Assessment(Status.ON_TRACK if ok else Status.OFF_TRACK, None, expected, latest)
    ratio = achievement(target, latest.t, latest.value)
    if ratio is None:
        return Assessment(Status.NO_DATA, None, expected, latest)
    return Assessment(_status_for(ratio, target, latest.value, thresholds), ratio, expected, latest)


def _status_for(ratio: float, target: Target, value: float, thresholds: Thresholds) -> Status:
    final = target.final_value
    reached = value <= final if target.lower_is_better else value >= final
    return classify(ratio, thresholds, binding=target.binding, reached=reached)


def path(target: Target, steps_per_year: int = 1) -> list[Point]:
    """Return the expected path from baseline to target year, for charts."""
    n = int(target.span * steps_per_year)
    return [Point(i / steps_per_year, expected_value(target, i / steps_per_year)) for i in range(n + 1)]
