"""Expected path from baseline to target, achievement and status of an indicator.

Pure Python: takes dataclasses, returns dataclasses; the caller passes `now`. The rules are written
for users in docs/status-rules.md; tests/core/test_status_rules_doc.py checks its worked examples.
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


BOUND_KINDS = (TargetKind.CEILING, TargetKind.FLOOR)


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

    @property
    def lower_better(self) -> bool:
        """Return whether lower values are better: always for a ceiling, never for a floor."""
        if self.kind == TargetKind.CEILING:
            return True
        if self.kind == TargetKind.FLOOR:
            return False
        return self.lower_is_better

    @property
    def glides(self) -> bool:
        """Return whether a ceiling or floor starts on the wrong side of its bound (a glide path)."""
        if self.kind not in BOUND_KINDS:
            return False
        assert self.target_value is not None
        return not within(self, self.baseline_value, self.target_value)

    @property
    def rate_is_goal(self) -> bool:
        """Return whether a growth rate asks for a move the good way (else it is a limit on the rate)."""
        if self.kind != TargetKind.ANNUAL_GROWTH or self.rate is None:
            return False
        return self.rate < 0 if self.lower_better else self.rate > 0


def within(target: Target, value: float, bound: float) -> bool:
    """Return whether a value is on the good side of a bound (or equal to it)."""
    return value <= bound if target.lower_better else value >= bound


@dataclass(frozen=True)
class Point:
    """An approved observation at `t` years after the baseline year."""

    t: float
    value: float


@dataclass(frozen=True)
class Assessment:
    """The status of the latest point and the figures it rests on.

    `achievement` is the ratio that was classified: for annual growth the realised average annual
    growth over the target rate, else the share of the planned change (baseline to path) realised.
    `realised_rate` is the realised average annual growth (annual growth targets only).
    """

    status: Status
    achievement: float | None
    expected: float | None
    latest: Point | None
    realised_rate: float | None = None


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
            if target.glides:  # straight from the baseline down (or up) to the bound
                return b + (target.target_value - b) * t / target.span
            return target.target_value
    raise ValueError(f"unknown target kind {target.kind}")


def realised_rate(target: Target, t: float, actual: float) -> float | None:
    """Return the realised average annual growth (actual / baseline)^(1/t) − 1; None if undefined."""
    if t <= 0 or target.baseline_value <= 0 or actual <= 0:
        return None
    return (actual / target.baseline_value) ** (1 / t) - 1


_DIGITS = 9


def achievement(target: Target, t: float, actual: float) -> float | None:
    """Return the ratio that is classified (see Assessment); None where there is no ratio.

    Annual growth: realised rate / target rate, when the rate asks for a move the good way. Other
    kinds: (actual − baseline) / (expected − baseline), mirrored when lower is better. A bound that
    the baseline already satisfies, and a growth rate that is a limit, have no ratio: see `assess`.
    """
    if target.kind == TargetKind.ANNUAL_GROWTH:
        realised = realised_rate(target, t, actual)
        if realised is None or not target.rate_is_goal:
            return None
        assert target.rate is not None
        # Rounded so that a value on the path (realised == rate up to float noise) classifies as on it.
        return round(realised / target.rate, _DIGITS)
    if target.kind in BOUND_KINDS and not target.glides:
        return None
    expected = expected_value(target, t)
    planned = expected - target.baseline_value
    done = actual - target.baseline_value
    if target.lower_better:
        planned, done = -planned, -done
    if math.isclose(planned, 0.0, abs_tol=1e-12):
        return None
    return done / planned


DEFAULT_THRESHOLDS = Thresholds()


def _held(held: bool, thresholds: Thresholds) -> Status:
    """Return the status of a bound or rate limit: held is on track, crossed is off track."""
    return classify(math.inf if held else -math.inf, thresholds)


def judge(target: Target, t: float, actual: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Status:
    """Return the status of a value `t` years after the baseline (the rules of docs/status-rules.md)."""
    if target.kind in BOUND_KINDS and not target.glides:
        assert target.target_value is not None
        return _held(within(target, actual, target.target_value), thresholds)
    if target.kind == TargetKind.ANNUAL_GROWTH and not target.rate_is_goal:
        realised = realised_rate(target, t, actual)
        if realised is None:
            return Status.NO_DATA
        assert target.rate is not None
        return _held(within(target, realised, target.rate), thresholds)
    ratio = achievement(target, t, actual)
    if ratio is None:
        return Status.NO_DATA
    reached = within(target, actual, target.final_value)
    return classify(ratio, thresholds, binding=target.binding, reached=reached)


def assess(target: Target, points: list[Point], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Assessment:
    """Return the status of the latest approved point after the baseline."""
    after = sorted((p for p in points if p.t > 0), key=lambda p: p.t)
    if not after:
        return Assessment(Status.NO_DATA, None, None, None)
    latest = after[-1]
    expected = expected_value(target, latest.t)
    ratio = achievement(target, latest.t, latest.value)
    realised = (
        realised_rate(target, latest.t, latest.value) if target.kind == TargetKind.ANNUAL_GROWTH else None
    )
    status = judge(target, latest.t, latest.value, thresholds)
    return Assessment(status, ratio, expected, latest, realised)


def path(target: Target, steps_per_year: int = 1) -> list[Point]:
    """Return the expected path from baseline to target year, for charts."""
    n = int(target.span * steps_per_year)
    return [Point(i / steps_per_year, expected_value(target, i / steps_per_year)) for i in range(n + 1)]
