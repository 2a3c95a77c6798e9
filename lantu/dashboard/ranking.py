"""The counties ranked on the stated composite (`core.ranking`), from the rules that judge each input."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from lantu.core import progress, ranking
from lantu.core import trajectory as tj
from lantu.dispatch import figures as dispatch_figures
from lantu.dispatch import overview as dispatch_overview
from lantu.indicators.selectors import IndicatorRow
from lantu.indicators.status import default_thresholds
from lantu.orgs.access import Actor, in_realm, require_reader, subtrees
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
    card's month: investment completion (`dispatch.figures.investment_ytd`, by the project's county as
    on the dispatch overview) and timeliness (`dispatch.overview.timeliness`, by lead unit) are those
    of that month, supervision closure that of today. A fixed number of queries whatever the counties.
    """
    require_reader(actor)
    if actor.is_reporter:
        return []
    # The counties of the reader's realm: a prefecture's planner ranks its own counties, a region all.
    counties = list(
        OrgUnit.objects.filter(in_realm(actor, "id"), kind=OrgUnit.Kind.COUNTY).order_by("order", "code")
    )
    units = subtrees([county.pk for county in counties])
    county_of = {unit: county for county, members in units.items() for unit in members}
    orders = order_selectors.order_figures(actor=actor, now=now).by_unit
    invested: dict[int, dispatch_figures.YtdGroup] = {}
    timely: dict[int, tuple[int, int]] = {}
    if period is not None:
        # Grouped by the project's county, as the dispatch overview ranks counties by completion.
        invested = {
            county_id: group
            for (county_id,), group in dispatch_figures.ytd_groups(
                period=period, by=("county_id",), unit_ids=actor.realm
            ).items()
        }
        # Reports are the lead unit's: a county counts those of the units under it.
        today = timezone.localdate(now)
        for unit, due, on_time, _rate in dispatch_overview.timeliness(
            period=period, today=today, unit_ids=actor.realm
        ):
            if unit.pk in county_of:
                done, expected = timely.get(county_of[unit.pk], (0, 0))
                timely[county_of[unit.pk]] = (done + on_time, expected + due)
    found = []
    for county in counties:
        mine = units[county.pk]
        judged = [
            r for r in rows if r.indicator.responsible_unit_id in mine and r.status != tj.Status.NO_DATA
        ]
        closable = [row for row in orders if row.unit_id in mine]
        investment = None
        if period is not None and county.pk in invested:
            group, share = invested[county.pk], progress.year_share(period)
            limits = default_thresholds()
            investment = progress.Completion(group.planned, group.completed, share, limits).ratio
        found.append(
            ranking.CountyFigures(
                key=county.pk,
                label=county.label,
                indicators=(sum(row.status in ON_TRACK for row in judged), len(judged)),
                investment=investment,
                timeliness=timely.get(county.pk, (0, 0)),
                supervision=(
                    sum(row.closed_on_time + row.closed_late for row in closable),
                    sum(row.total for row in closable),
                ),
            )
        )
    return ranking.rank(found)
