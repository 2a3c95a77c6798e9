"""Map indicators and observations (Django models) onto the core trajectory and its status."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from lantu.core import splits as core_splits
from lantu.core import trajectory as tj
from lantu.core.periods import PeriodError, date_as_year_fraction, parse_period
from lantu.core.progress import plan_share
from lantu.core.projection import Projection, project
from lantu.indicators.models import Indicator, Observation, TargetVersion
from lantu.indicators.versions import in_force, local_date, versions_of, versions_prefetch

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
    realised_rate: float | None = None  # realised average annual growth, growth targets only
    target_rate: float | None = None  # the target's rate as a fraction, growth targets only
    # Split parents only: which figure governs `status`, the parent's own status and the shares' roll-up.
    basis: core_splits.Basis = core_splits.Basis.OWN
    own_status: tj.Status | None = None
    rollup: core_splits.ShareRollUp | None = None

    @property
    def is_growth(self) -> bool:
        """Return whether the status compares realised average annual growth with a target rate."""
        return self.target_rate is not None


def _approved_prefetch() -> Prefetch:
    approved = Observation.objects.in_force().order_by("period_end")
    return Prefetch("observations", queryset=approved, to_attr="approved_observations")


def share_queryset() -> QuerySet[Indicator]:
    """Return the shares of split targets with what their status needs, in the split panel's order."""
    shares = Indicator.objects.select_related("plan", "responsible_unit")
    shares = shares.prefetch_related(_approved_prefetch(), versions_prefetch())
    return shares.order_by("responsible_unit__order", "responsible_unit__code")


PREFETCHED_SHARES = "prefetched_shares"  # where `shares_prefetch` puts an indicator's shares


def shares_prefetch(lookup: str = "shares") -> Prefetch:
    """Return the prefetch of indicators' shares (`lookup` leads to them) that `shares_of` reads.

    To a list (`to_attr`): prefetched into the related manager, Django would rebuild the shares' queryset
    for every indicator (2 ms each, most of the dashboard's indicator time)."""
    return Prefetch(lookup, queryset=share_queryset(), to_attr=PREFETCHED_SHARES)


def with_approved(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Return the indicators with their approved values in force (`approved_observations`), target
    versions and shares (with theirs), so that a split parent's governing status needs no further query."""
    return indicators.prefetch_related(_approved_prefetch(), versions_prefetch(), shares_prefetch())


def rollup_weighted() -> bool:
    """Return whether roll-ups average weights (LANTU_ROLLUP = "weighted") instead of taking the worst."""
    return settings.LANTU_ROLLUP == "weighted"


def default_thresholds() -> tj.Thresholds:
    """Return the office's early-warning thresholds (LANTU_STATUS_ON_TRACK, LANTU_STATUS_LAGGING)."""
    return tj.Thresholds(on_track=settings.LANTU_STATUS_ON_TRACK, lagging=settings.LANTU_STATUS_LAGGING)


def thresholds_for(indicator: Indicator) -> tj.Thresholds:
    """Return an indicator's early-warning thresholds: its own where set, else the office's defaults."""
    default = default_thresholds()
    on_track = indicator.threshold_on_track
    lagging = indicator.threshold_lagging
    on = float(on_track) if on_track is not None else default.on_track
    lag = float(lagging) if lagging is not None else default.lagging
    # The defaults may have moved since the indicator's own threshold was set: keep the order.
    return tj.Thresholds(on_track=on, lagging=max(0.0, min(lag, on)))


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


def own_status(
    indicator: Indicator,
    observations: Iterable[Observation],
    now: datetime,
    version: TargetVersion | None = None,
) -> IndicatorStatus:
    """Return the status of an indicator's own values as of `now` against a target version (default:
    the one in force); a split parent's governing status is `indicator_status`."""
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
    result = tj.assess(target, points, thresholds_for(indicator))
    assessed = by_t.get(result.latest.t) if result.latest else latest
    growth = target.kind == tj.TargetKind.ANNUAL_GROWTH
    return IndicatorStatus(
        result.status,
        result.achievement,
        result.expected,
        assessed,
        project(target, points),
        version,
        realised_rate=result.realised_rate,
        target_rate=target.rate if growth else None,
    )


def shares_of(indicator: Indicator) -> list[Indicator]:
    """Return an indicator's shares (none for a share itself), prefetched by `with_approved` if it was."""
    if indicator.pk is None or indicator.split_of_id is not None:
        return []
    prefetched = getattr(indicator, PREFETCHED_SHARES, None)
    if prefetched is not None:
        return list(prefetched)
    return list(share_queryset().filter(split_of=indicator))


def share_state(parent: Indicator, share: Indicator, assessment: IndicatorStatus) -> core_splits.ShareState:
    """Return a share's status and latest value as the parent's roll-up reads them."""
    latest = assessment.latest
    weight = share.split_weight if share.split_weight is not None else share.baseline_value
    return core_splits.ShareState(
        key=share.pk,
        status=assessment.status,
        achievement=assessment.achievement,
        latest=float(latest.value) if latest is not None else None,
        t=period_t(parent, latest.period) if latest is not None else None,
        weight=float(weight),
        binding=share.attribute == Indicator.Attribute.BINDING,
    )


def shares_rollup(
    parent: Indicator, shares: list[Indicator], now: datetime
) -> tuple[list[tuple[Indicator, IndicatorStatus]], core_splits.ShareRollUp]:
    """Return each share with its status, and the parent seen through its shares, as of `now`."""
    assessed = [(s, own_status(s, s.approved_observations, now)) for s in shares]
    rollup = core_splits.roll_up_shares(
        [share_state(parent, s, a) for s, a in assessed],
        aggregation=core_splits.value_aggregation(parent.unit, parent.name),
        weighted=rollup_weighted(),
        parent=target_of(parent),
    )
    return assessed, rollup


def indicator_status(
    indicator: Indicator,
    observations: Iterable[Observation],
    now: datetime,
    version: TargetVersion | None = None,
) -> IndicatorStatus:
    """Return the status of an indicator as of `now` against a target version (default: the one in force).

    For a split parent (in force) the status is the governing one: its own value's, or its shares'
    roll-up's, as `core.splits.governing_basis` decides; both are kept on the result.
    """
    own = own_status(indicator, observations, now, version)
    shares = shares_of(indicator) if version is None else []
    if not shares:
        return own
    _, rollup = shares_rollup(indicator, shares, now)
    own_t = period_t(indicator, own.latest.period) if own.latest is not None else None
    basis = core_splits.governing_basis(own.status, own_t, rollup)
    result = replace(own, basis=basis, own_status=own.status, rollup=rollup)
    if basis == core_splits.Basis.OWN:
        return result
    target = target_of(indicator, own.version)
    realised = None
    if own.is_growth and target is not None and rollup.actual is not None and rollup.t is not None:
        realised = tj.realised_rate(target, rollup.t, rollup.actual)
    return replace(result, status=rollup.status, achievement=rollup.achievement, realised_rate=realised)


def same_status_basis(
    indicator: Indicator, observations: Iterable[Observation], a: datetime, b: datetime
) -> bool:
    """Tell whether `indicator_status` as of two moments rests on the same values and target versions.

    The status depends on its moment only through the values begun and released by then (the indicator's
    and its shares') and the target version in force then, so equal bases give equal statuses and the
    second need not be assessed.
    """

    def same(subject: Indicator, values: Iterable[Observation]) -> bool:
        values = list(values)
        versions = versions_of(subject)
        return (
            approved_until(values, a) == approved_until(values, b)
            and in_force(versions, local_date(a)).number == in_force(versions, local_date(b)).number
        )

    shares = [(share, getattr(share, "approved_observations")) for share in shares_of(indicator)]  # noqa: B009
    return same(indicator, observations) and all(same(share, values) for share, values in shares)


def elapsed_share(start_year: int, end_year: int, now: datetime) -> float:
    """Return the share of a plan's years (start of start_year to end of end_year) elapsed by `now`."""
    return plan_share(start_year, end_year, now.date())
