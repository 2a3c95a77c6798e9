"""The month's dispatch figures of a scope: the overview (completion by county, department and cluster,
the 红黑榜, timeliness) and a unit's lighter share of it.

Completion is `figures.investment_ytd` and timeliness counts the kept months (`lantu.dispatch.kept`):
neither reads the year's reports.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import periods, progress
from lantu.core.status import Status, Thresholds
from lantu.dispatch import figures
from lantu.dispatch.models import ProjectMonth, ReportingPeriod
from lantu.dispatch.selectors import REPORTING_STAGES
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
    ytd = figures.investment_ytd(period=period, unit_ids=unit_ids, plan_id=plan_id)
    share, limits = ytd.time_progress, ytd.total.thresholds
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}
    clusters = {cluster.pk: cluster.name for cluster in Cluster.objects.all()}
    total = Group(None, "", share=share, thresholds=limits)
    by_county: dict[int, Group] = {}
    by_lead: dict[int, Group] = {}
    by_cluster: dict[int | None, Group] = {}
    for row in ytd.projects:
        for group in (
            total,
            by_county.get(row.county_id)
            or by_county.setdefault(row.county_id, Group(row.county_id, units[row.county_id].label)),
            by_lead.get(row.lead_unit_id)
            or by_lead.setdefault(row.lead_unit_id, Group(row.lead_unit_id, units[row.lead_unit_id].label)),
            by_cluster.get(row.cluster_id)
            or by_cluster.setdefault(
                row.cluster_id, Group(row.cluster_id, _cluster_label(clusters, row.cluster_id))
            ),
        ):
            group.planned += row.planned
            group.completed += row.completed or 0
            group.projects += 1
    for group in (*by_county.values(), *by_lead.values(), *by_cluster.values()):
        group.share, group.thresholds = share, limits
    result = Overview(period=period, total=total, reported=ytd.reported, expected=ytd.expected)
    _rank(result, ytd, units)
    departments = {pk for pk, unit in units.items() if unit.kind == OrgUnit.Kind.DEPARTMENT}
    result.counties = _ranked(g for g in by_county.values() if g.key not in departments)
    result.departments = _ranked(g for g in by_lead.values() if g.key in departments)
    result.clusters = _ranked(by_cluster.values())
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


def _rank(result: Overview, ytd: figures.InvestmentYtd, units: dict[int, OrgUnit]) -> None:
    """Fill the 红黑榜: the 20 projects furthest behind time and the 10 furthest ahead, with the counts."""
    scored = sorted(
        (row for row in ytd.projects if row.reported and row.completion.ratio is not None),
        key=lambda row: (row.completion.ratio, row.code),
    )

    def shown(row: figures.ProjectYtd) -> ProjectRow:
        return ProjectRow(row.project_id, row.code, row.name, units[row.county_id].label, row.completion)

    on_track = (Status.ON_TRACK, Status.AHEAD)
    behind = [row for row in scored if row.completion.status not in on_track]
    ahead = [row for row in reversed(scored) if row.completion.status in on_track]
    result.lagging, result.lagging_count = [shown(row) for row in behind[:20]], len(behind)
    result.leading = [shown(row) for row in ahead[:10]]
    result.unreported = ytd.unreported


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
    counties = {row.county_id for row in ytd.projects}
    _rank(result, ytd, OrgUnit.objects.in_bulk(list(counties)))
    return result


def _cluster_label(clusters: dict[int, str], cluster_id: int | None) -> str:
    return _("no cluster") if cluster_id is None else clusters.get(cluster_id, _("no cluster"))


def _ranked(groups: Iterable[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: (g.completion.rate is None, -(g.completion.rate or 0), g.label))


def _day_after(day: date) -> datetime:
    """Return the local midnight ending a day, so the comparison can use the column's index."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))


def submitted_on_time_q(deadline: date, column: str = "submitted_at") -> Q:
    """Return the condition of a report submitted by the end of its deadline day (local time).

    The queryset form of core.overdue.timeliness(...) == ON_TIME for a submitted report (a test keeps
    them equal); the comparison with the next local midnight can use the column's index. `column` is
    the moment compared: a report's `submitted_at`, a kept month's `first_submitted_at`.
    """
    return Q(**{f"{column}__lt": _day_after(deadline)})


def timeliness(
    *, period: str, today: date, unit_ids: frozenset[int] | None = None
) -> list[tuple[OrgUnit, int, int, Decimal | None]]:
    """Return per lead unit: reports due this year up to the period, those submitted on time, the rate.

    Two grouped queries whatever the number of months: one counts the projects due, one the timely reports.
    """
    year = period[:4]
    due_periods = list(
        ReportingPeriod.objects.filter(
            period__gte=f"{year}-01", period__lte=period, deadline__lt=today
        ).values_list("plan_id", "period", "deadline")
    )
    if not due_periods:
        return []
    scope = Q(lead_unit_id__in=unit_ids) | Q(county_id__in=unit_ids) if unit_ids is not None else Q()
    months_per_plan: dict[int, int] = defaultdict(int)
    for plan_id, _label, _deadline in due_periods:
        months_per_plan[plan_id] += 1
    expected: dict[int, int] = defaultdict(int)
    for row in (
        Project.objects.filter(scope, plan_id__in=list(months_per_plan), stage__in=REPORTING_STAGES)
        .order_by()
        .values("lead_unit_id", "plan_id")
        .annotate(n=Count("id"))
    ):
        expected[row["lead_unit_id"]] += row["n"] * months_per_plan[row["plan_id"]]
    timely = Q()
    for plan_id, label, deadline in due_periods:
        on_time_q = submitted_on_time_q(deadline, "first_submitted_at")
        timely |= Q(period=label, project__plan_id=plan_id) & on_time_q
    report_scope = (
        Q(project__lead_unit_id__in=unit_ids) | Q(project__county_id__in=unit_ids)
        if unit_ids is not None
        else Q()
    )
    # The first revision of each month, as kept (`lantu.dispatch.kept`): one row per project and month.
    on_time = {
        row["project__lead_unit_id"]: row["n"]
        for row in ProjectMonth.objects.filter(
            report_scope,
            timely,
            period__gte=f"{year}-01",
            period__lte=period,
            project__stage__in=REPORTING_STAGES,
        )
        .order_by()
        .values("project__lead_unit_id")
        .annotate(n=Count("id"))
    }
    units = OrgUnit.objects.in_bulk(list(expected))
    rows = [
        (units[key], n, on_time.get(key, 0), progress.rate(on_time.get(key, 0), n))
        for key, n in expected.items()
    ]
    return sorted(rows, key=lambda row: (-(row[3] or 0), row[0].order, row[0].code))
