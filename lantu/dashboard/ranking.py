"""The counties ranked on the stated composite (`core.ranking`), from the rules that judge each input."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from lantu.core import ranking
from lantu.core import trajectory as tj
from lantu.dispatch import figures as dispatch_figures
from lantu.dispatch import selectors as dispatch_selectors
from lantu.indicators.selectors import IndicatorRow
from lantu.orgs.access import Actor, require_reader, subtree
from lantu.orgs.models import OrgUnit
from lantu.supervision import selectors as order_selectors

ON_TRACK = (tj.Status.ON_TRACK, tj.Status.AHEAD)
CRITERIA = {
    "indicators": _lazy("Indicators on track"),
    "investment": _lazy("Investment completion against time"),
    "timeliness": _lazy("Reports on time"),
    "supervision": _lazy("Supervision orders closed"),
}


def ranking_weights() -> list[tuple[str, str, int]]:
    """Return the composite's criteria as (key, label, weight in percent), in the order shown."""
    return [(key, str(CRITERIA[key]), weight) for key, weight in ranking.WEIGHTS]


def county_ranking(
    actor: Actor, *, rows: list[IndicatorRow], period: str | None, now: datetime
) -> list[ranking.Ranked]:
    """Return the counties ranked on the composite; empty for a reporter (its own scope is one unit).

    `rows` are the dashboard's indicator rows (statuses by `core.status`); `period` is the dispatch
    card's month: investment completion (`dispatch.figures.investment_ytd`) and timeliness
    (`dispatch.selectors.timeliness`) are those of that month, supervision closure that of today.
    """
    require_reader(actor)
    if actor.is_reporter:
        return []
    counties = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNTY).order_by("order", "code"))
    orders = order_selectors.order_figures(actor=actor, now=now).by_unit
    today = timezone.localdate(now)
    found = []
    for county in counties:
        units = subtree(county.pk)
        judged = [
            row
            for row in rows
            if row.indicator.responsible_unit_id in units and row.status != tj.Status.NO_DATA
        ]
        investment, timely = None, (0, 0)
        if period is not None:
            ytd = dispatch_figures.investment_ytd(period=period, unit_ids=units)
            investment = ytd.total.ratio if ytd.projects else None
            due = dispatch_selectors.timeliness(period=period, today=today, unit_ids=units)
            timely = (sum(row[2] for row in due), sum(row[1] for row in due))
        mine = [row for row in orders if row.unit_id in units]
        found.append(
            ranking.CountyFigures(
                key=county.pk,
                label=county.label,
                indicators=(sum(row.status in ON_TRACK for row in judged), len(judged)),
                investment=investment,
                timeliness=timely,
                supervision=(
                    sum(row.closed_on_time + row.closed_late for row in mine),
                    sum(r.total for r in mine),
                ),
            )
        )
    return ranking.rank(found)
