"""Reads for the dispatch pages: visible reports, reminders, the review queue and the figures."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import overdue, periods, progress
from lantu.core.status import Status, Thresholds
from lantu.dispatch import figures
from lantu.dispatch.models import ProgressReport, ReportingPeriod, TaskReport
from lantu.indicators.status import default_thresholds
from lantu.orgs.access import Actor, project_in_realm, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, PlanItem
from lantu.projects import calc, milestones
from lantu.projects.models import AnnualPlan, Project

State = ProgressReport.State
REPORTING_STAGES = ("preparation", "new", "continuing", "completed")


def visible_reports(actor: Actor) -> QuerySet[ProgressReport]:
    """Return the reports the actor may read: its own units' in every state, others' once approved."""
    require_reader(actor)
    reports = ProgressReport.objects.filter(project_in_realm(actor, "project__"))
    if not actor.sees_all_drafts:
        reports = reports.filter(
            Q(state=State.APPROVED)
            | Q(project__county_id__in=actor.scope)
            | Q(project__lead_unit_id__in=actor.scope)
        )
    return reports


def report_get(*, actor: Actor, pk: int) -> ProgressReport:
    """Return a report the actor may read, with its project, or raise Http404."""
    queryset = visible_reports(actor).select_related(
        "project__county", "project__lead_unit", "project__plan", "entered_by", "reviewed_by"
    )
    return get_object_or_404(queryset, pk=pk)


def task_report_get(*, actor: Actor, pk: int) -> TaskReport:
    """Return a task report the actor may read, or raise Http404."""
    require_reader(actor)
    reports = TaskReport.objects.select_related("item__lead_unit", "item__plan", "entered_by")
    if not actor.sees_all_drafts:
        reports = reports.filter(Q(state=State.APPROVED) | Q(item__lead_unit_id__in=actor.scope))
    return get_object_or_404(reports, pk=pk)


def task_reports_in_force() -> QuerySet[TaskReport]:
    """Return the task reports that count: per task and month, the approved revision in force."""
    return TaskReport.objects.filter(state=State.APPROVED, superseded=False).order_by()


@dataclass(frozen=True)
class TaskReportPage:
    """A task with its report on a month: the latest revision and the approved one in force."""

    item: PlanItem
    report: TaskReport | None
    in_force: TaskReport | None


def task_report_page(*, actor: Actor, pk: int, period: str) -> TaskReportPage:
    """Return a task and its report on a month as the actor may read them, or raise Http404."""
    require_reader(actor)
    item = get_object_or_404(PlanItem.objects.select_related("lead_unit", "plan"), pk=pk, level="task")
    latest = TaskReport.objects.filter(item=item, period=period).order_by("-revision").first()
    in_force = task_reports_in_force().filter(item=item, period=period).first()
    try:
        report = task_report_get(actor=actor, pk=latest.pk) if latest is not None else None
    except Http404:
        report = in_force  # another unit's correction is not shown; the approved report is
    if report is not None and report.state == State.APPROVED:
        in_force = None  # the report shown is the one in force
    return TaskReportPage(item, report, in_force)


def review_queue(*, actor: Actor, unit_ids: frozenset[int] | None = None) -> QuerySet[ProgressReport]:
    """Return the submitted project reports waiting for review, oldest submission first.

    `unit_ids` narrows them to the projects of a scope (`figures.projects_in_scope`).
    """
    return (
        visible_reports(actor)
        .filter(state=State.SUBMITTED)
        .filter(figures.in_units(unit_ids, "project__"))
        .select_related("project__county", "project__lead_unit", "entered_by")
        .order_by("submitted_at", "period", "project__code")
    )


def reviewable_queue(*, actor: Actor) -> QuerySet[ProgressReport]:
    """Return the review queue narrowed to the reports the actor may review, in a stable order.

    A planner reviews the reports of projects in its scope that someone else entered; an administrator
    reviews all (the same rules as `reporting.review_denial`).
    """
    queue = review_queue(actor=actor).order_by("submitted_at", "period", "project__code", "pk")
    if actor.is_admin:
        return queue
    if not actor.is_planner:
        return queue.none()
    in_scope = Q(project__county_id__in=actor.scope) | Q(project__lead_unit_id__in=actor.scope)
    return queue.filter(in_scope).exclude(entered_by_id=actor.user_id)


@dataclass(frozen=True)
class QueuePlace:
    """Where a report sits in the actor's review queue: its neighbours and its position."""

    previous_id: int | None
    next_id: int | None
    position: int
    total: int


def review_queue_place(*, actor: Actor, report: ProgressReport) -> QueuePlace | None:
    """Return the report's place in the actor's review queue, or None when it is not in it."""
    ids = list(reviewable_queue(actor=actor).values_list("pk", flat=True))
    if report.pk not in ids:
        return None
    index = ids.index(report.pk)
    return QueuePlace(
        previous_id=ids[index - 1] if index > 0 else None,
        next_id=ids[index + 1] if index + 1 < len(ids) else None,
        position=index + 1,
        total=len(ids),
    )


def task_review_queue(*, actor: Actor) -> QuerySet[TaskReport]:
    """Return the submitted task reports waiting for review, oldest submission first."""
    require_reader(actor)
    reports = TaskReport.objects.filter(state=State.SUBMITTED).select_related("item__lead_unit")
    if not actor.sees_all_drafts or actor.is_planner:
        # A planner's queue holds what it may review: tasks its jurisdiction leads.
        reports = reports.filter(item__lead_unit_id__in=actor.scope)
    return reports.order_by("submitted_at")


def latest_due_period(today: date) -> str | None:
    """Return the latest month whose reporting deadline has passed by a day, or None."""
    return ReportingPeriod.objects.filter(deadline__lt=today).aggregate(latest=Max("period"))["latest"]


def latest_period(today: date) -> str:
    """Return the month the overview shows by default: the latest whose deadline has passed."""
    found = latest_due_period(today) or ReportingPeriod.objects.aggregate(latest=Max("period"))["latest"]
    return found or periods.previous_month(periods.month_label(today.year, today.month))


@dataclass(frozen=True)
class Headline:
    """The headline dispatch figures of a scope: a month's completion, the review queue, open problems."""

    period: str | None  # None before the first reporting deadline has passed
    investment: figures.InvestmentYtd | None
    queue: int  # progress reports waiting for review
    problems: int  # problems open at the moment asked


def headline(*, actor: Actor, now: datetime, open_problems: int, period: str | None = None) -> Headline:
    """Return the headline dispatch figures of the actor's scope (`figures.actor_units`).

    The month is `period`, or by default the latest whose deadline has passed by `now`; completion is
    `figures.investment_ytd` and the queue `review_queue`; the open problems are the problems app's
    count (`problems.selectors.open_problem_count`), passed in by the page that shows both.
    """
    require_reader(actor)
    units = figures.actor_units(actor)
    period = period or latest_due_period(timezone.localdate(now))
    return Headline(
        period=period,
        investment=None if period is None else figures.investment_ytd(period=period, unit_ids=units),
        queue=review_queue(actor=actor, unit_ids=units).count(),
        problems=open_problems,
    )


@dataclass
class Reminder:
    """A project whose report on an open period is still due or already overdue."""

    project: Project
    period: str
    deadline: date
    overdue: bool
    state: str | None


def _missing(period: ReportingPeriod, unit_ids: frozenset[int] | None) -> QuerySet[Project]:
    """Return the projects whose report on an open period is neither submitted nor approved."""
    done = ProgressReport.objects.filter(
        period=period.period, state__in=(State.SUBMITTED, State.APPROVED)
    ).values("project_id")
    projects = Project.objects.filter(plan_id=period.plan_id, stage__in=REPORTING_STAGES).exclude(pk__in=done)
    if unit_ids is not None:
        projects = projects.filter(Q(lead_unit_id__in=unit_ids) | Q(county_id__in=unit_ids))
    return projects


def reminders(
    *, actor: Actor, today: date, unit_ids: frozenset[int] | None = None, limit: int = 500
) -> list[Reminder]:
    """Return up to `limit` reports still missing for the open periods, for the given units (default: all)."""
    require_reader(actor)
    found: list[Reminder] = []
    for period in ReportingPeriod.objects.filter(is_open=True).order_by("period", "plan_id"):
        missing = _missing(period, unit_ids).select_related("county", "lead_unit")
        missing = missing.order_by("lead_unit__order", "code")[: max(0, limit - len(found))]
        states = dict(
            ProgressReport.objects.filter(period=period.period, project__in=[p.pk for p in missing])
            .order_by("revision")
            .values_list("project_id", "state")
        )
        found += [
            Reminder(
                p,
                period.period,
                period.deadline,
                overdue.is_overdue(period.deadline, on=today),
                states.get(p.pk),
            )
            for p in missing
        ]
    return found


def reminder_counts(*, actor: Actor, today: date, unit_ids: frozenset[int] | None = None) -> tuple[int, int]:
    """Return how many reports of the open periods the given units still owe: (due, overdue)."""
    require_reader(actor)
    due = late = 0
    for period in ReportingPeriod.objects.filter(is_open=True):
        n = _missing(period, unit_ids).count()
        if overdue.is_overdue(period.deadline, on=today):
            late += n
        else:
            due += n
    return due, late


@dataclass
class UnitReminders:
    """How many reports a unit still owes: due and overdue."""

    unit: OrgUnit
    due: int = 0
    overdue: int = 0
    periods: list[str] = field(default_factory=list)


def owed_by_unit(period: ReportingPeriod) -> dict[int, int]:
    """Return how many reports of an open period each lead unit owes (for reminders; no access check)."""
    counts = _missing(period, None).order_by().values("lead_unit_id").annotate(n=Count("id"))
    return {count["lead_unit_id"]: count["n"] for count in counts}


def open_periods() -> QuerySet[ReportingPeriod]:
    """Return the reporting periods open now, oldest first."""
    return ReportingPeriod.objects.filter(is_open=True).order_by("period", "plan_id")


def reminders_by_unit(*, actor: Actor, today: date) -> list[UnitReminders]:
    """Return how many reports each lead unit still owes for the open periods, most overdue first."""
    require_reader(actor)
    rows: dict[int, UnitReminders] = {}
    for period in open_periods():
        for unit_id, n in owed_by_unit(period).items():
            row = rows.setdefault(unit_id, UnitReminders(None))
            if overdue.is_overdue(period.deadline, on=today):
                row.overdue += n
            else:
                row.due += n
            row.periods.append(period.period)
    for unit in OrgUnit.objects.filter(pk__in=list(rows)):
        rows[unit.pk].unit = unit
    return sorted(rows.values(), key=lambda row: (-row.overdue, -row.due, row.unit.order))


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
                row.cluster_id, Group(row.cluster_id, clusters.get(row.cluster_id, _("no cluster")))
            ),
        ):
            group.planned += row.planned
            group.completed += row.completed or 0
            group.projects += 1
    for group in (*by_county.values(), *by_lead.values(), *by_cluster.values()):
        group.share, group.thresholds = share, limits
    scored = sorted(
        (row for row in ytd.projects if row.reported and row.completion.ratio is not None),
        key=lambda row: (row.completion.ratio, row.code),
    )

    def shown(row: figures.ProjectYtd) -> ProjectRow:
        return ProjectRow(row.project_id, row.code, row.name, units[row.county_id].label, row.completion)

    on_track = (Status.ON_TRACK, Status.AHEAD)
    behind = [row for row in scored if row.completion.status not in on_track]
    ahead = [row for row in reversed(scored) if row.completion.status in on_track]
    result = Overview(period=period, total=total, reported=ytd.reported, expected=ytd.expected)
    result.counties = _ranked(g for g in by_county.values() if units[g.key].kind != OrgUnit.Kind.DEPARTMENT)
    result.departments = _ranked(g for g in by_lead.values() if units[g.key].kind == OrgUnit.Kind.DEPARTMENT)
    result.clusters = _ranked(by_cluster.values())
    result.lagging, result.lagging_count = [shown(row) for row in behind[:20]], len(behind)
    result.unreported = ytd.unreported
    result.leading = [shown(row) for row in ahead[:10]]
    on = min(today, periods.month_end(period))
    listed = [*result.lagging, *result.leading]
    lags = milestones.schedule_lags([row.project_id for row in listed], on)
    for row in listed:
        row.lag = lags.get(row.project_id)
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


def _ranked(groups) -> list[Group]:
    return sorted(groups, key=lambda g: (g.completion.rate is None, -(g.completion.rate or 0), g.label))


def _day_after(day: date) -> datetime:
    """Return the local midnight ending a day, so the comparison can use the column's index."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))


def submitted_on_time_q(deadline: date) -> Q:
    """Return the condition of a report submitted by the end of its deadline day (local time).

    The queryset form of core.overdue.timeliness(...) == ON_TIME for a submitted report (a test keeps
    them equal); the comparison with the next local midnight can use the column's index.
    """
    return Q(submitted_at__lt=_day_after(deadline))


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
        .values("lead_unit_id", "plan_id")
        .annotate(n=Count("id"))
    ):
        expected[row["lead_unit_id"]] += row["n"] * months_per_plan[row["plan_id"]]
    timely = Q()
    for plan_id, label, deadline in due_periods:
        timely |= Q(period=label, project__plan_id=plan_id) & submitted_on_time_q(deadline)
    report_scope = (
        Q(project__lead_unit_id__in=unit_ids) | Q(project__county_id__in=unit_ids)
        if unit_ids is not None
        else Q()
    )
    on_time = {
        row["project__lead_unit_id"]: row["n"]
        for row in ProgressReport.objects.filter(
            report_scope,
            timely,
            period__gte=f"{year}-01",
            period__lte=period,
            revision=1,
            project__stage__in=REPORTING_STAGES,
        )
        .values("project__lead_unit_id")
        .annotate(n=Count("id"))
    }
    units = OrgUnit.objects.in_bulk(list(expected))
    rows = [
        (units[key], n, on_time.get(key, 0), progress.rate(on_time.get(key, 0), n))
        for key, n in expected.items()
    ]
    return sorted(rows, key=lambda row: (-(row[3] or 0), row[0].order, row[0].code))


def unit_tasks(*, actor: Actor, unit_ids: frozenset[int]) -> QuerySet[PlanItem]:
    """Return the key tasks led by the given units."""
    require_reader(actor)
    return PlanItem.objects.filter(level="task", lead_unit_id__in=unit_ids).select_related(
        "plan", "lead_unit"
    )


def plan_annual(project: Project, year: int) -> Decimal | None:
    """Return a project's planned investment of a year."""
    return (
        AnnualPlan.objects.filter(project=project, year=year)
        .values_list("planned_investment", flat=True)
        .first()
    )


def draft_count(*, unit: OrgUnit, period: str) -> int:
    """Return how many reports of a unit's projects on a month are drafts or returned."""
    return (
        ProgressReport.objects.filter(period=period, state__in=(State.DRAFT, State.RETURNED))
        .filter(Q(project__lead_unit=unit) | Q(project__county=unit))
        .count()
    )
