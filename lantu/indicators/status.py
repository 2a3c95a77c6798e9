"""Map indicators and observations (Django models) onto the core trajectory and its status."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from lantu.core import trajectory as tj
from lantu.core.periods import PeriodError, date_as_year_fraction, parse_period
from lantu.core.projection import Projection, project
from lantu.indicators.models import Indicator, Observation, TargetVersion
from lantu.indicators.versions import in_force, local_date, versions_of

_MONTHS = {"annual": 12, "quarterly": 3, "monthly": 1}


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's computed status with the approved value it rests on."""

    status: tj.Status
    achievement: float | None
    expected: float | None
    latest: Observation | None
    projection: Projection | None = None
    version: TargetVersion | None = None  # the target version the status is measured against


def with_approved(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Return the indicators with their approved values in force (`approved_observations`) and targets."""
    approved = Observation.objects.in_force().order_by("period_end")
    return indicators.prefetch_related(
        Prefetch("observations", queryset=approved, to_attr="approved_observations"), "target_versions"
    )


def thresholds() -> tj.Thresholds:
    """Return the early-warning thresholds from the settings."""
    return tj.Thresholds(on_track=settings.LANTU_STATUS_ON_TRACK, lagging=settings.LANTU_STATUS_LAGGING)


def target_of(indicator: Indicator, version: TargetVersion | None = None) -> tj.Target | None:
    """Return the core target of an indicator (or of one of its target versions), None if incomplete."""
    spec = version or indicator
    rate = spec.target_rate
    try:
        return tj.Target(
            kind=tj.TargetKind(spec.target_kind),
            baseline_year=indicator.baseline_year,
            baseline_value=float(indicator.baseline_value),
            target_year=spec.target_year,
            target_value=float(spec.target_value) if spec.target_value is not None else None,
            rate=float(rate) / 100 if rate is not None else None,
            lower_is_better=indicator.direction == Indicator.Direction.LOWER,
            binding=indicator.attribute == Indicator.Attribute.BINDING,
        )
    except ValueError:  # a target still being entered: no status rather than a crash
        return None


def period_t(indicator: Indicator, period: str) -> float | None:
    """Return the years from the end of the baseline year to the end of a period."""
    try:
        return parse_period(period).year_fraction - indicator.baseline_year
    except PeriodError:
        return None


def has_started(period: str, now: datetime) -> bool:
    """Return whether a period has begun by `now` (values for later periods are ignored)."""
    try:
        parsed = parse_period(period)
    except PeriodError:
        return False
    start = parsed.year_fraction - _MONTHS[parsed.kind] / 12
    return start < date_as_year_fraction(now.date())


def vintage_rank(observation: Observation) -> int:
    """Return how late an observation's vintage is: preliminary 0, revised 1, final 2."""
    return Observation.VINTAGE_RANK.get(observation.vintage, 0)


def latest_vintages(observations: Iterable[Observation]) -> list[Observation]:
    """Return, per indicator and period, the observation of the latest vintage, oldest period first."""
    best: dict[tuple[int, str], Observation] = {}
    for observation in observations:
        key = (observation.indicator_id, observation.period)
        kept = best.get(key)
        if kept is None or vintage_rank(observation) > vintage_rank(kept):
            best[key] = observation
    return sorted(best.values(), key=lambda o: o.period_end)


def released_by(observation: Observation, now: datetime) -> bool:
    """Return whether an observation's vintage was released by `now` (no release date: always)."""
    return observation.release_date is None or observation.release_date <= local_date(now)


def approved_until(observations: Iterable[Observation], now: datetime) -> list[Observation]:
    """Return, per period begun by `now`, the approved value of the latest vintage released by then."""
    approved = [o for o in observations if o.in_force and has_started(o.period, now) and released_by(o, now)]
    return latest_vintages(approved)


def indicator_status(
    indicator: Indicator,
    observations: Iterable[Observation],
    now: datetime,
    version: TargetVersion | None = None,
) -> IndicatorStatus:
    """Return the status of an indicator as of `now` against a target version (default: the one in force)."""
    approved = approved_until(observations, now)
    latest = approved[-1] if approved else None
    if version is None:
        version = in_force(versions_of(indicator), local_date(now))
    target = target_of(indicator, version)
    if target is None:
        return IndicatorStatus(tj.Status.NO_DATA, None, None, latest, version=version)
    points = []
    by_t: dict[float, Observation] = {}
    for observation in approved:
        t = period_t(indicator, observation.period)
        if t is not None:
            points.append(tj.Point(t, float(observation.value)))
            by_t[t] = observation
    result = tj.assess(target, points, thresholds())
    assessed = by_t.get(result.latest.t) if result.latest else latest
    return IndicatorStatus(
        result.status, result.achievement, result.expected, assessed, project(target, points), version
    )


def elapsed_share(start_year: int, end_year: int, now: datetime) -> float:
    """Return the share of a plan's years (start of start_year to end of end_year) elapsed by `now`."""
    span = end_year - start_year + 1
    done = date_as_year_fraction(now.date()) - (start_year - 1)
    return max(0.0, min(1.0, done / span))
