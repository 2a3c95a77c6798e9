"""Reads behind data entry and review: what a unit reports for a period, what awaits review."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from lantu.core.periods import parse_period
from lantu.indicators.checks import observation_flags
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.periods import entry_periods, period_kinds
from lantu.indicators.status import latest_vintages
from lantu.indicators.versions import local_date
from lantu.orgs.access import Actor, require_reader
from lantu.plans.models import Plan


def enterable_indicators(actor: Actor) -> QuerySet[Indicator]:
    """Return the indicators the actor enters values for: its units' own, or its plans' for planners."""
    require_reader(actor)
    indicators = Indicator.objects.select_related("plan", "responsible_unit").order_by(
        "plan__order", "plan__code", "order", "code"
    )
    if actor.is_admin:
        return indicators
    if actor.is_planner:
        return indicators.filter(Q(plan__owner_id__in=actor.scope) | Q(responsible_unit_id__in=actor.scope))
    if actor.is_reporter:
        return indicators.filter(responsible_unit_id__in=actor.scope)
    return indicators.none()


@dataclass(frozen=True)
class GridRow:
    """One indicator in the entry grid with its value for the chosen period, if any."""

    indicator: Indicator
    observation: Observation | None
    later: Observation | None = None  # a later vintage of the period (初步核实, 最终核实), which counts
    period: str = ""

    @property
    def editable(self) -> bool:
        """Return whether the unit may still change the value (not while it awaits review)."""
        return self.observation is None or self.observation.state != Observation.State.SUBMITTED


def period_choices(actor: Actor, now: datetime) -> list[str]:
    """Return every period some enterable indicator takes a value for, newest first."""
    labels: set[str] = set()
    for indicator in enterable_indicators(actor):
        labels.update(entry_periods(indicator, now))
    return sorted(labels, key=lambda label: (parse_period(label).end, "Q" not in label), reverse=True)


def entry_grid(actor: Actor, period: str, now: datetime) -> list[GridRow]:
    """Return the indicators taking a value for a period, each with its preliminary (first) value.

    Later vintages (初步核实, 最终核实) are entered on the indicator page or through the API.
    """
    kind = parse_period(period).kind
    indicators = [
        i for i in enterable_indicators(actor) if kind in period_kinds(i) and period in entry_periods(i, now)
    ]
    return _grid_rows(indicators, period)


def latest_period(indicator: Indicator, now: datetime) -> str | None:
    """Return the indicator's latest period of its own frequency (month, quarter or year) that has ended.

    Before the first one ends (the plan's first year), the first period: it is the one to be entered next.
    """
    own = [p for p in entry_periods(indicator, now) if parse_period(p).kind == indicator.frequency]
    ended = [p for p in own if parse_period(p).end < local_date(now)]
    return ended[-1] if ended else (own[0] if own else None)


def entry_grid_latest(actor: Actor, now: datetime) -> list[GridRow]:
    """Return every enterable indicator at its own frequency's latest period, in the grid's order."""
    by_period: dict[str, list[Indicator]] = {}
    order = []
    for indicator in enterable_indicators(actor):
        period = latest_period(indicator, now)
        if period is not None:
            by_period.setdefault(period, []).append(indicator)
            order.append(indicator.pk)
    rows = {row.indicator.pk: row for period, found in by_period.items() for row in _grid_rows(found, period)}
    return [rows[pk] for pk in order]


def _grid_rows(indicators: list[Indicator], period: str) -> list[GridRow]:
    found = {
        o.indicator_id: o
        # The open correction (a later revision) shows instead of the approved value it corrects.
        for o in Observation.objects.current()
        .filter(indicator__in=indicators, period=period, vintage=Observation.Vintage.PRELIMINARY)
        .select_related("reviewed_by")
    }
    later = {
        o.indicator_id: o
        for o in latest_vintages(
            Observation.objects.in_force()
            .filter(indicator__in=indicators, period=period)
            .exclude(vintage=Observation.Vintage.PRELIMINARY)
        )
    }
    return [GridRow(i, found.get(i.pk), later.get(i.pk), period) for i in indicators]


@dataclass(frozen=True)
class ReviewRow:
    """A submitted value with the warnings a reviewer should look at."""

    observation: Observation
    flags: list[str]
    replaces: Observation | None = None  # the approved value in force this correction would replace


def _in_force_by_key(submitted: list[Observation]) -> dict[tuple, Observation]:
    """Return the approved values in force beside submitted ones, by indicator, period and vintage."""
    keys = {(o.indicator_id, o.period, o.vintage) for o in submitted}
    candidates = Observation.objects.in_force().filter(
        indicator_id__in={k[0] for k in keys}, period__in={k[1] for k in keys}
    )
    return {key: o for o in candidates if (key := (o.indicator_id, o.period, o.vintage)) in keys}


def review_queue(actor: Actor) -> list[ReviewRow]:
    """Return the submitted values of the plans the actor reviews, flagged ones first."""
    require_reader(actor)
    if not (actor.is_admin or actor.is_planner):
        return []
    submitted = Observation.objects.filter(state=Observation.State.SUBMITTED).select_related(
        "indicator__plan", "indicator__responsible_unit", "entered_by"
    )
    if not actor.is_admin:
        plans = Plan.objects.filter(owner_id__in=actor.scope)
        submitted = submitted.filter(indicator__plan__in=plans)
    found = list(submitted)
    in_force = _in_force_by_key(found)
    rows = [
        ReviewRow(o, observation_flags(o), in_force.get((o.indicator_id, o.period, o.vintage))) for o in found
    ]
    return sorted(
        rows,
        key=lambda r: (not r.flags, r.observation.indicator.responsible_unit.order, r.observation.period_end),
    )
