"""Reads of a unit's own indicator work: values to enter, values returned to it, values it reviews."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from lantu.core.periods import parse_period
from lantu.indicators.entry import enterable_indicators, review_queue
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.periods import entry_periods
from lantu.orgs.access import Actor, require_reader

State = Observation.State


@dataclass(frozen=True)
class ValueDue:
    """An indicator with no submitted or approved value for the latest period that has ended."""

    indicator: Indicator
    period: str
    state: str | None  # draft or returned, when the unit has started it


def latest_due_period(indicator: Indicator, today: date) -> str | None:
    """Return the latest period of the indicator's own frequency that ended before today, if any."""
    now = timezone.make_aware(datetime(today.year, today.month, today.day, 12))
    ended = [
        label
        for label in entry_periods(indicator, now)
        if parse_period(label).kind == indicator.frequency and parse_period(label).end < today
    ]
    return ended[-1] if ended else None


def values_to_enter(*, actor: Actor, today: date) -> list[ValueDue]:
    """Return the indicators a reporter's units are responsible for that lack the latest period's value."""
    require_reader(actor)
    if not actor.is_reporter:
        return []
    wanted = {}
    for indicator in enterable_indicators(actor):
        period = latest_due_period(indicator, today)
        if period is not None:
            wanted[indicator.pk] = (indicator, period)
    if not wanted:
        return []
    states: dict[tuple[int, str], set[str]] = {}
    rows = Observation.objects.filter(
        indicator_id__in=list(wanted), period__in={period for _i, period in wanted.values()}
    ).values_list("indicator_id", "period", "state")
    for indicator_id, period, state in rows:
        states.setdefault((indicator_id, period), set()).add(state)
    found = []
    for indicator, period in wanted.values():
        seen = states.get((indicator.pk, period), set())
        if not seen & {State.SUBMITTED, State.APPROVED}:
            started = State.RETURNED if State.RETURNED in seen else (State.DRAFT if seen else None)
            found.append(ValueDue(indicator, period, started))
    return found


def values_returned(*, actor: Actor) -> list[Observation]:
    """Return the values returned to a reporter's units, latest period first."""
    require_reader(actor)
    if not actor.is_reporter:
        return []
    return list(
        Observation.objects.filter(state=State.RETURNED, indicator__in=enterable_indicators(actor))
        .select_related("indicator", "reviewed_by")
        .order_by("-period_end", "indicator__code")
    )


def values_to_review(*, actor: Actor) -> list[Observation]:
    """Return the submitted values waiting for the actor's review, less those it entered itself."""
    return [
        row.observation
        for row in review_queue(actor)
        if actor.user_id is None or row.observation.entered_by_id != actor.user_id
    ]
