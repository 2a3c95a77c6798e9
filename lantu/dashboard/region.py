"""The region dashboard: its prefectures side by side, each figure by the rule every other page uses.

Projects are `projects_in_scope`, investment completion `dispatch.figures.investment_ytd` summed with
`core.progress.total`, indicator statuses `indicators.selectors.indicator_rows`, timeliness
`dispatch.overview.timeliness`; each is read once over the region and summed per prefecture, so the
page costs what one prefecture's dispatch figures cost, and its query count does not grow with the
number of prefectures.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import progress
from lantu.dispatch import figures
from lantu.dispatch import overview as dispatch_overview
from lantu.dispatch import selectors as dispatch_selectors
from lantu.indicators.selectors import indicator_rows
from lantu.indicators.status import default_thresholds
from lantu.orgs.access import Actor, require_reader, subtree, unit_children
from lantu.orgs.models import OrgUnit


@dataclass(frozen=True)
class PrefectureFigures:
    """One prefecture's figures on the region dashboard."""

    unit: OrgUnit
    projects: int
    investment: progress.Completion | None  # None before the first reporting deadline
    statuses: Counter = field(default_factory=Counter)  # indicator status -> count
    due: int = 0  # reports due this year up to the month
    on_time: int = 0

    @property
    def indicators(self) -> int:
        """Return how many indicators the prefecture's plans track."""
        return sum(self.statuses.values())

    @property
    def timeliness(self) -> Decimal | None:
        """Return the share of due reports submitted on time, in percent."""
        return progress.rate(self.on_time, self.due)


@dataclass(frozen=True)
class RegionBoard:
    """The prefectures of a region compared on one month."""

    region: OrgUnit
    period: str | None
    rows: list[PrefectureFigures]


def region_board(actor: Actor, *, now: datetime, period: str | None = None) -> RegionBoard:
    """Return the region's prefectures with their projects, investment, indicators and timeliness.

    The month is `period`, or by default the latest whose deadline has passed (as on the dashboard).
    Only a unit of a region (or an administrator) compares its prefectures.
    """
    require_reader(actor)
    if actor.region_id is None:
        raise PermissionDenied(_("Only the region's users compare its prefectures."))
    region = OrgUnit.objects.get(pk=actor.region_id)
    today = timezone.localdate(now)
    period = period or dispatch_selectors.latest_due_period(today)
    children = unit_children()
    prefectures = list(
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PREFECTURE, pk__in=subtree(region.pk, children)).order_by(
            "order", "code"
        )
    )
    scopes = {pref.pk: subtree(pref.pk, children) for pref in prefectures}
    prefecture_of = {unit_id: pref_id for pref_id, units in scopes.items() for unit_id in units}
    statuses: dict[int, Counter] = {pref.pk: Counter() for pref in prefectures}
    for row in indicator_rows(actor, now=now):
        owner = prefecture_of.get(row.indicator.plan.owner_id)
        if owner is not None:
            statuses[owner][str(row.status)] += 1
    # Each figure once over the region, then summed per prefecture: a project counts in the prefecture
    # of its county, a lead unit's timeliness in the prefecture of the lead unit.
    projects: Counter = Counter()
    for county_id, _stage, count, _investment in figures.project_tallies(actor):  # kept, in the realm
        projects[prefecture_of.get(county_id)] += count
    investment: dict[int, progress.Completion] = {}
    due: Counter = Counter()
    on_time: Counter = Counter()
    if period is not None:
        groups: dict[int | None, figures.YtdGroup] = {pref.pk: figures.YtdGroup() for pref in prefectures}
        for (county_id,), group in figures.ytd_groups(
            period=period, by=("county_id",), unit_ids=actor.realm
        ).items():
            key = prefecture_of.get(county_id)
            groups[key] = groups.get(key, figures.YtdGroup()) + group
        share, limits = progress.year_share(period), default_thresholds()
        investment = {
            pref.pk: progress.Completion(groups[pref.pk].planned, groups[pref.pk].completed, share, limits)
            for pref in prefectures
        }
        for unit, expected, timely, _rate in dispatch_overview.timeliness(
            period=period, today=today, unit_ids=actor.realm
        ):
            due[prefecture_of.get(unit.pk)] += expected
            on_time[prefecture_of.get(unit.pk)] += timely
    rows = [
        PrefectureFigures(
            unit=pref,
            projects=projects[pref.pk],
            investment=investment.get(pref.pk),
            statuses=statuses[pref.pk],
            due=due[pref.pk],
            on_time=on_time[pref.pk],
        )
        for pref in prefectures
    ]
    return RegionBoard(region=region, period=period, rows=rows)
