"""Target splits (指标分解): do the shares add up to the parent, and how does the parent roll up?

Pure Python: takes dataclasses, returns dataclasses. Quantities (万亩, 亿元) add up; rates and ratios
(annual growth, cumulative change, values in %) are averaged with weights: a share's weight, or its
baseline when it has none.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from lantu.core.rollup import Part, combine
from lantu.core.trajectory import SEVERITY, Status, Target, TargetKind, achievement

RATE_KINDS = (TargetKind.ANNUAL_GROWTH, TargetKind.CUMULATIVE_CHANGE)
# Units and names of figures that average rather than add up: shares, rates, intensities, densities,
# concentrations, per-capita figures. A heuristic: the indicator model has no aggregation field.
RATIO_UNIT_MARKS = ("%", "％", "‰", "百分点", "/", "／", "每", "岁")
RATIO_NAME_MARKS = ("人均", "率", "强度", "浓度", "比重", "占比", "密度", "指数", "寿命", "比例")
# Below this absolute difference two figures are the same whatever the relative tolerance says.
_ABS_FLOOR = 1e-9


class Aggregation(StrEnum):
    """How shares combine into the parent."""

    SUM = "sum"
    WEIGHTED = "weighted"


class Measure(StrEnum):
    """What a sum check compares."""

    TARGET = "target"
    RATE = "rate"
    BASELINE = "baseline"


def is_ratio(unit: str, name: str = "") -> bool:
    """Return whether an indicator's values are ratios that average rather than add up."""
    return any(m in unit for m in RATIO_UNIT_MARKS) or any(m in name for m in RATIO_NAME_MARKS)


def value_aggregation(unit: str, name: str = "") -> Aggregation:
    """Return how the shares' observed values combine: summed, or averaged for ratios."""
    return Aggregation.WEIGHTED if is_ratio(unit, name) else Aggregation.SUM


def target_aggregation(kind: TargetKind, unit: str, name: str = "") -> Aggregation:
    """Return how the shares' targets combine: rates and ratios are weighted, quantities summed."""
    return Aggregation.WEIGHTED if kind in RATE_KINDS or is_ratio(unit, name) else Aggregation.SUM


@dataclass(frozen=True)
class ShareTarget:
    """One share's target: `target` is a value, or a rate in percent for rate kinds."""

    key: Hashable
    baseline: float
    target: float | None
    weight: float | None = None

    @property
    def effective_weight(self) -> float:
        """Return the share's weight in averages: its own weight, else its baseline."""
        return self.weight if self.weight is not None else self.baseline


@dataclass(frozen=True)
class SumCheck:
    """The shares' total (or weighted average) of one measure against the parent's figure."""

    measure: Measure
    aggregation: Aggregation
    total: float
    expected: float
    tolerance: float

    @property
    def difference(self) -> float:
        """Return total − expected: positive when the shares promise more than the parent."""
        return self.total - self.expected

    @property
    def ok(self) -> bool:
        """Return whether the shares add up to the parent within the tolerance."""
        return abs(self.difference) <= self.tolerance


def tolerance_for(expected: float, relative: float) -> float:
    """Return the allowed difference around an expected figure."""
    return max(abs(expected) * relative, _ABS_FLOOR)


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Return the weighted mean of (value, weight) pairs; None when the weights sum to zero."""
    total_weight = sum(w for _, w in pairs)
    if not pairs or math.isclose(total_weight, 0.0, abs_tol=1e-12):
        return None
    return sum(v * w for v, w in pairs) / total_weight


def _combined(values: list[tuple[float, float]], aggregation: Aggregation) -> float | None:
    if aggregation == Aggregation.SUM:
        return sum(v for v, _ in values)
    return weighted_mean(values)


def check_shares(
    *,
    kind: TargetKind,
    unit: str,
    parent_baseline: float,
    parent_target: float | None,
    shares: Sequence[ShareTarget],
    relative_tolerance: float,
    name: str = "",
) -> list[SumCheck]:
    """Return the checks that shares add up: targets (or rates) and, for quantities, baselines.

    `parent_target` is the parent's target value, or its rate in percent for rate kinds.
    """
    if not shares:
        return []
    aggregation = target_aggregation(kind, unit, name)
    checks: list[SumCheck] = []
    measure = Measure.RATE if kind in RATE_KINDS else Measure.TARGET
    targets = [(s.target, s.effective_weight) for s in shares if s.target is not None]
    if parent_target is not None and len(targets) == len(shares):
        total = _combined(targets, aggregation)
        if total is not None:
            tolerance = tolerance_for(parent_target, relative_tolerance)
            checks.append(SumCheck(measure, aggregation, total, parent_target, tolerance))
    # Baselines add up for quantities; weighted baselines of ratios must match the parent's ratio.
    if kind not in RATE_KINDS:
        baselines = [(s.baseline, s.effective_weight) for s in shares]
        total = _combined(baselines, aggregation)
        if total is not None:
            tolerance = tolerance_for(parent_baseline, relative_tolerance)
            checks.append(SumCheck(Measure.BASELINE, aggregation, total, parent_baseline, tolerance))
    return checks


@dataclass(frozen=True)
class ShareState:
    """One share's latest approved value (`t` years after the baseline) and its assessed status."""

    key: Hashable
    status: Status
    achievement: float | None = None
    latest: float | None = None
    t: float | None = None
    weight: float = 1.0
    binding: bool = False


@dataclass(frozen=True)
class ShareRollUp:
    """The parent seen through its shares."""

    status: Status
    actual: float | None
    t: float | None
    reported: tuple[Hashable, ...]
    missing: tuple[Hashable, ...]
    achievement: float | None
    dragging: tuple[ShareState, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        """Return whether every share has a value for the period the actual is given for."""
        return not self.missing


def _drag_key(share: ShareState) -> tuple[int, float]:
    ratio = share.achievement if share.achievement is not None else math.inf
    return (SEVERITY[share.status], ratio)


def dragging(shares: Sequence[ShareState]) -> tuple[ShareState, ...]:
    """Return the shares worse than on track, worst first (then lowest achievement)."""
    behind = [s for s in shares if s.status in (Status.LAGGING, Status.OFF_TRACK)]
    return tuple(sorted(behind, key=_drag_key))


def roll_up_shares(
    shares: Sequence[ShareState],
    *,
    aggregation: Aggregation,
    weighted: bool = False,
    parent: Target | None = None,
) -> ShareRollUp:
    """Return the parent's roll-up from its shares: status, aggregate latest value and laggards.

    The status combines the shares' statuses as item health does (worst-of, or weighted). The actual
    is the sum (or weighted mean) of the values of the latest period any share reports; shares without
    a value for that period are listed as missing, and achievement against the parent's path is only
    given when none is missing.
    """
    status = combine([Part(s.status, s.weight, s.binding) for s in shares], weighted=weighted)
    timed = [s for s in shares if s.latest is not None and s.t is not None]
    if not timed:
        keys = tuple(s.key for s in shares)
        return ShareRollUp(status, None, None, (), keys, None, dragging(shares))
    t = max(s.t for s in timed if s.t is not None)
    current = [s for s in timed if s.t is not None and math.isclose(s.t, t)]
    values = [(s.latest, s.weight) for s in current if s.latest is not None]
    actual = _combined(values, aggregation)
    reported = tuple(s.key for s in current)
    missing = tuple(s.key for s in shares if s.key not in set(reported))
    ratio = None
    if parent is not None and actual is not None and not missing and t > 0:
        ratio = achievement(parent, t, actual)
    return ShareRollUp(status, actual, t, reported, missing, ratio, dragging(shares))


class Basis(StrEnum):
    """Which figure a split parent's status rests on."""

    OWN = "own"  # the parent's own approved value
    SHARES = "shares"  # the roll-up of its shares


def governing_basis(own: Status, own_t: float | None, rollup: ShareRollUp) -> Basis:
    """Return which figure governs a split parent's status (the rule of docs/status-rules.md).

    The parent's own approved value governs: it is the official figure for the whole target, and every
    share already carries its own warning. The shares' roll-up governs when the parent has no assessed
    value of its own, or when every share has reported a later period than the parent's latest value.
    """
    if own == Status.NO_DATA or own_t is None:
        return Basis.OWN if rollup.status == Status.NO_DATA else Basis.SHARES
    if rollup.complete and rollup.t is not None and rollup.t > own_t + 1e-9:
        return Basis.SHARES
    return Basis.OWN
