"""Project pipeline of an indicator: what projects add to it and the gap left to its target.

Pure Python: takes dataclasses, returns dataclasses; the caller passes the current year.

A contribution is the change a project brings to the indicator's value (in the indicator's unit,
signed: +120 万千瓦 of installed capacity, −0.02 吨标煤/万元 of energy intensity) once the
project reaches a stage. Realised contributions (the project has reached that stage) are already
contained in the latest statistical value, which counts every plant in operation; they are shown
for information and never added again. Only unrealised contributions are added to the latest
value, in the year they are expected; one expected in a year already past is overdue and counted
in the current year, one expected after the target year does not count towards the target.
"""

import math
from dataclasses import dataclass

from lantu.core import trajectory as tj

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Contribution:
    """A project's declared change to an indicator, and whether the project has realised it."""

    amount: float
    realised: bool
    expected_year: int
    key: object = None


@dataclass(frozen=True)
class YearAddition:
    """The unrealised contributions counted in one year."""

    year: int
    amount: float
    count: int
    overdue: int = 0


@dataclass(frozen=True)
class Pipeline:
    """The latest value, the project pipeline and the gap left to the target."""

    latest: float
    realised: float
    by_year: tuple[YearAddition, ...]
    expected: float
    after_target: float
    overdue: float
    target: float | None
    target_year: int | None
    lower_is_better: bool

    @property
    def after_pipeline(self) -> float:
        """Return the value once every unrealised contribution due by the target year is in."""
        return self.latest + self.expected

    @property
    def needed(self) -> float | None:
        """Return how far the latest value is from the target, positive while it falls short."""
        return None if self.target is None else self._toward(self.target - self.latest)

    @property
    def gap(self) -> float | None:
        """Return how far the value after the pipeline is from the target (negative: a surplus)."""
        return None if self.target is None else self._toward(self.target - self.after_pipeline)

    @property
    def shortfall(self) -> float | None:
        """Return what the projects in hand leave missing, never negative."""
        gap = self.gap
        return None if gap is None else max(0.0, gap)

    @property
    def surplus(self) -> float | None:
        """Return how far the projects in hand take the value beyond the target, never negative."""
        gap = self.gap
        return None if gap is None else max(0.0, -gap)

    @property
    def suffices(self) -> bool | None:
        """Return whether the projects in hand reach the target (None without a target)."""
        gap = self.gap
        return None if gap is None else gap <= _TOLERANCE * max(1.0, abs(self.target or 0.0))

    @property
    def coverage(self) -> float | None:
        """Return the share of what is needed that the pipeline brings (None when nothing is needed)."""
        needed = self.needed
        if needed is None or needed <= _TOLERANCE:
            return None
        return self._toward(self.expected) / needed

    def _toward(self, change: float) -> float:
        """Return a change measured in the direction of improvement."""
        return -change if self.lower_is_better else change


def lower_is_better(target: tj.Target) -> bool:
    """Return whether smaller values are better: ceilings always, floors never, else the direction."""
    return target.lower_better


def pipeline(
    contributions: list[Contribution],
    *,
    latest: float,
    target: tj.Target | None,
    current_year: int,
    lower_is_better_default: bool = False,
) -> Pipeline:
    """Return the pipeline of an indicator from its contributions, latest value and target.

    The target value is the target-year value of the target's path (for a growth target,
    baseline × (1 + rate)^years); `lower_is_better_default` applies only when there is no target.
    """
    realised = math.fsum(c.amount for c in contributions if c.realised)
    last_year = target.target_year if target is not None else None
    years: dict[int, list[Contribution]] = {}
    after_target: list[float] = []
    overdue: list[float] = []
    for c in contributions:
        if c.realised:
            continue
        if last_year is not None and c.expected_year > last_year:
            after_target.append(c.amount)
            continue
        if c.expected_year < current_year:
            overdue.append(c.amount)
        years.setdefault(max(c.expected_year, current_year), []).append(c)
    by_year = tuple(
        YearAddition(
            year=year,
            amount=math.fsum(c.amount for c in items),
            count=len(items),
            overdue=sum(1 for c in items if c.expected_year < current_year),
        )
        for year, items in sorted(years.items())
    )
    return Pipeline(
        latest=latest,
        realised=realised,
        by_year=by_year,
        expected=math.fsum(y.amount for y in by_year),
        after_target=math.fsum(after_target),
        overdue=math.fsum(overdue),
        target=target.final_value if target is not None else None,
        target_year=last_year,
        lower_is_better=lower_is_better(target) if target is not None else lower_is_better_default,
    )
