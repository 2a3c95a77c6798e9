"""Data revisions (a later vintage of a period) that change an indicator's status, for the planner."""

from dataclasses import dataclass
from datetime import date, datetime

from lantu.core import trajectory as tj
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.status import approved_until, indicator_status, released_by, vintage_rank, with_approved
from lantu.orgs.access import Actor, require_reader
from lantu.plans.models import Plan


@dataclass(frozen=True)
class StatusRevision:
    """A period whose latest vintage moves the indicator's status at that period."""

    indicator: Indicator
    period: str
    old: Observation
    new: Observation
    before: tj.Status
    after: tj.Status
    latest: bool  # the revised period is the latest one: the indicator's status today moved


def _status_at(indicator: Indicator, observations: list[Observation], now: datetime) -> tj.Status:
    return indicator_status(indicator, observations, now).status


def revisions_of(indicator: Indicator, approved: list[Observation], now: datetime) -> list[StatusRevision]:
    """Return the revisions of an indicator's approved values that change its status at their period.

    The status at a period is the one computed from the values up to that period, once with the
    vintage before the latest and once with the latest; both against the target in force at `now`.
    """
    counted = approved_until(approved, now)
    found = []
    for new in counted:
        older = [
            o
            for o in approved
            if o.period == new.period and vintage_rank(o) < vintage_rank(new) and released_by(o, now)
        ]
        if not older:
            continue
        old = max(older, key=vintage_rank)
        upto = [o for o in counted if o.period_end <= new.period_end]
        before = _status_at(indicator, [old if o.pk == new.pk else o for o in upto], now)
        after = _status_at(indicator, upto, now)
        if before != after:
            latest = new.pk == counted[-1].pk
            found.append(StatusRevision(indicator, new.period, old, new, before, after, latest))
    return found


def status_revisions(actor: Actor, now: datetime) -> list[StatusRevision]:
    """Return the status-changing revisions of the plans the actor reviews, newest release first."""
    require_reader(actor)
    if not (actor.is_admin or actor.is_planner):
        return []
    revised_ids = (
        Observation.objects.in_force().exclude(vintage=Observation.Vintage.PRELIMINARY).values("indicator_id")
    )
    indicators = with_approved(
        Indicator.objects.filter(pk__in=revised_ids).select_related("plan", "responsible_unit")
    ).order_by("plan__order", "order", "code")
    if not actor.is_admin:
        indicators = indicators.filter(plan__in=Plan.objects.filter(owner_id__in=actor.scope))
    found = [r for i in indicators for r in revisions_of(i, i.approved_observations, now)]
    return sorted(
        found, key=lambda r: (r.new.release_date is not None, r.new.release_date or date.min), reverse=True
    )
