"""The month's dispatch figures of a scope: the overview (completion by county, department and cluster,
the 红黑榜, timeliness) and a unit's lighter share of it.

Completion is `figures.investment_ytd` and timeliness counts the kept months (`lantu.dispatch.kept`):
neither reads the year's reports.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from lantu.core import periods, progress
from lantu.core.status import Thresholds
from lantu.dispatch import figures
from lantu.dispatch.models import GroupMonth, ReportingPeriod
from lantu.indicators.status import default_thresholds
from lantu.orgs.access import Actor, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster
from lantu.projects import calc, milestones
from lantu.projects.models import Project


@dataclass
class Group:
    """Completion figures of a group of projects (a county, department or cluster)."""

    key: int | None
    label: str
    planned: Decimal = Decimal(0)
    completed: Decimal = Decimal(0)
    projects: int = 0
    share: Decimal = Decimal(0)
    thresholds: Thresholds = field(default_factory=default_thresholds)

    @property
    def completion(self) -> progress.Completion:
        return progress.Completion(self.planned, self.completed, self.share, self.thresholds)


@dataclass
class ProjectRow:
    """A project's completion in the shown period (one row of the 红黑榜)."""

    project_id: int
    code: str
    name: str
    county: str
    completion: progress.Completion
    lag: calc.ScheduleLag | None = None

    @property
    def status(self) -> str:
        return self.completion.status


@dataclass
class Overview:
    """The planner's figures for one month: completion, rankings, lagging projects, timeliness."""

    period: str
    total: Group
    counties: list[Group] = field(default_factory=list)
    departments: list[Group] = field(default_factory=list)
    clusters: list[Group] = field(default_factory=list)
    lagging: list[ProjectRow] = field(default_factory=list)
    leading: list[ProjectRow] = field(default_factory=list)
    timeliness: list[tuple[OrgUnit, int, int, Decimal | None]] = field(default_factory=list)
    reported: int = 0
    expected: int = 0
    lagging_count: int = 0
    unreported: int = 0
    behind_schedule: list[tuple[Project, calc.ScheduleLag]] = field(default_factory=list)
    behind_schedule_count: int = 0


def overview(
    *,
    actor: Actor,
    period: str,
    today: date,
    unit_ids: frozenset[int] | None = None,
    with_timeliness: bool = True,
    plan_id: int | None = None,
) -> Overview:
    """Return the figures of one month: `figures.investment_ytd` grouped by county, department and cluster.

    Projects without an approved report this year count in the groups but are not ranked.
    """
    require_reader(actor)
    share, limits = progress.year_share(period), default_thresholds()
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}
    clusters = {cluster.pk: cluster.name for cluster in Cluster.objects.all()}

    def summed(column: str) -> dict:
        # One grouped query per grouping (a few hundred rows each), not every combination added up here.
        found = figures.ytd_groups(period=period, by=(column,), unit_ids=unit_ids, plan_id=plan_id)
        return {key: group for (key,), group in found.items()}

    by_county, by_lead, by_cluster = summed("county_id"), summed("lead_unit_id"), summed("cluster_id")
    every = sum(by_county.values(), figures.YtdGroup())  # every project has one county

    def shown(key: int | None, label: str, group: figures.YtdGroup) -> Group:
        return Group(key, label, group.planned, group.completed, group.projects, share, limits)

    total = shown(None, "", every)
    result = Overview(period=period, total=total, reported=every.reported, expected=every.projects)
    _rank(result, every, period=period, unit_ids=unit_ids, plan_id=plan_id, units=units)
    departments = {pk for pk, unit in units.items() if unit.kind == OrgUnit.Kind.DEPARTMENT}
    result.counties = _ranked(
        shown(key, units[key].label, group) for key, group in by_county.items() if key not in departments
    )
    result.departments = _ranked(
        shown(key, units[key].label, group) for key, group in by_lead.items() if key in departments
    )
    result.clusters = _ranked(
        shown(key, _cluster_label(clusters, key), group) for key, group in by_cluster.items()
    )
    on = min(today, periods.month_end(period))
    listed = [*result.lagging, *result.leading]
    lags = milestones.schedule_lags([row.project_id for row in listed], on)
    for ranked in listed:
        ranked.lag = lags.get(ranked.project_id)
    scope = None
    if unit_ids is not None:
        scope = figures.projects_in_scope(unit_ids=unit_ids, plan_id=plan_id).filter(
            annual_plans__year=int(period[:4])
        )
    result.behind_schedule, result.behind_schedule_count = milestones.behind_schedule(
        on, None if scope is None else scope.values("pk")
    )
    if with_timeliness:
        result.timeliness = timeliness(period=period, today=today, unit_ids=unit_ids)
    return result


def _rank(
    result: Overview,
    figures_: figures.YtdGroup,
    *,
    period: str,
    unit_ids: frozenset[int] | None,
    plan_id: int | None = None,
    units: dict[int, OrgUnit] | None = None,
) -> None:
    """Fill the 红黑榜: the 20 projects furthest behind time and the 10 furthest ahead, with the counts."""
    behind = figures.ytd_ranked(period=period, behind=True, limit=20, unit_ids=unit_ids, plan_id=plan_id)
    ahead = figures.ytd_ranked(period=period, behind=False, limit=10, unit_ids=unit_ids, plan_id=plan_id)
    if units is None:
        units = OrgUnit.objects.in_bulk(list({row.county_id for row in (*behind, *ahead)}))

    def shown(row: figures.ProjectYtd) -> ProjectRow:
        return ProjectRow(row.project_id, row.code, row.name, units[row.county_id].label, row.completion)

    result.lagging, result.lagging_count = [shown(row) for row in behind], figures_.behind
    result.leading = [shown(row) for row in ahead]
    result.unreported = figures_.unreported


def unit_figures(*, actor: Actor, period: str, unit_ids: frozenset[int]) -> Overview:
    """Return a unit's share of the month's figures: its completion and its projects ranked.

    The unit page's card and chart; without the groups, the schedule lags and timeliness of `overview`.
    """
    require_reader(actor)
    ytd = figures.investment_ytd(period=period, unit_ids=unit_ids)
    total = Group(
        None,
        "",
        planned=ytd.total.planned,
        completed=ytd.total.completed,
        projects=ytd.expected,
        share=ytd.time_progress,
        thresholds=ytd.total.thresholds,
    )
    result = Overview(period=period, total=total, reported=ytd.reported, expected=ytd.expected)
    _rank(result, ytd.figures, period=period, unit_ids=unit_ids)
    return result


def _cluster_label(clusters: dict[int, str], cluster_id: int | None) -> str:
    return _("no cluster") if cluster_id is None else clusters.get(cluster_id, _("no cluster"))


def _ranked(groups: Iterable[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: (g.completion.rate is None, -(g.completion.rate or 0), g.label))


def timeliness(
    *, period: str, today: date, unit_ids: frozenset[int] | None = None
) -> list[tuple[OrgUnit, int, int, Decimal | None]]:
    """Return per lead unit: reports due this year up to the period, those submitted on time, the rate.

    Due: each month of the year up to the period whose deadline has passed by `today`, once per project
    that reports (`kept.REPORTING_STAGES`); on time: the first revision submitted by that deadline. Read
    from the kept timeliness of the groups (`kept.GroupMonth`): one grouped query over a few rows per
    unit and month, whatever the number of projects.
    """
    year = period[:4]
    due = Q(period__gte=f"{year}-01", period__lte=period) & Q(
        Exists(
            ReportingPeriod.objects.filter(
                plan_id=OuterRef("plan_id"), period=OuterRef("period"), deadline__lt=today
            )
        )
    )
    scope = Q(lead_unit_id__in=unit_ids) | Q(county_id__in=unit_ids) if unit_ids is not None else Q()
    counted = {
        lead: (expected, timely)
        for lead, expected, timely in GroupMonth.objects.filter(scope, due)
        .order_by()
        .values_list("lead_unit_id")
        .annotate(expected=Sum("projects"), timely=Sum("on_time"))
    }
    units = OrgUnit.objects.in_bulk(list(counted))
    rows = [
        (units[key], expected, timely, progress.rate(timely, expected))
        for key, (expected, timely) in counted.items()
        if expected
    ]
    return sorted(rows, key=lambda row: (-(row[3] or 0), row[0].order, row[0].code))
