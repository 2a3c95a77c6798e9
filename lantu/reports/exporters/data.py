"""Figures the exporters share: the scope of a report and its indicators, projects, tasks and problems."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from lantu.core import periods, progress
from lantu.dispatch import figures
from lantu.dispatch.models import ProgressReport, TaskReport
from lantu.dispatch.selectors import task_reports_in_force
from lantu.indicators.models import Indicator
from lantu.indicators.status import IndicatorStatus, default_thresholds, indicator_status, with_approved
from lantu.orgs.access import subtree
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.problems import selectors as problem_selectors
from lantu.problems.models import Problem
from lantu.projects.models import Project

APPROVED = ProgressReport.State.APPROVED


@dataclass(frozen=True)
class Scope:
    """A plan seen from a unit: the whole plan when the unit governs the plan's owner."""

    plan: Plan
    unit: OrgUnit
    units: frozenset[int]
    whole: bool
    as_of: datetime

    @property
    def as_of_date(self) -> date:
        return timezone.localtime(self.as_of).date() if timezone.is_aware(self.as_of) else self.as_of.date()


def _unit_ids(scope: Scope) -> frozenset[int] | None:
    return None if scope.whole else scope.units


def scope_for(plan: Plan, unit: OrgUnit, as_of: datetime) -> Scope:
    """Return the scope of a report on a plan for a unit as of a moment."""
    units = subtree(unit.pk)
    return Scope(plan, unit, units, plan.owner_id in units, as_of)


def year_end(year: int, now: datetime) -> datetime:
    """Return the end of a year, or `now` when the year is not over yet."""
    end = timezone.make_aware(datetime(year, 12, 31, 23, 59, 59)) if timezone.is_aware(now) else None
    end = end or datetime(year, 12, 31, 23, 59, 59)
    return min(end, now)


def mid_term(plan: Plan, now: datetime) -> tuple[int, datetime]:
    """Return the mid-term year of a plan and the moment its review looks at (30 June of that year)."""
    year = plan.start_year + (plan.end_year - plan.start_year) // 2
    moment = datetime(year, 6, 30, 23, 59, 59)
    if timezone.is_aware(now):
        moment = timezone.make_aware(moment)
    return year, min(moment, now)


# Indicators -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFigure:
    """An indicator with its status as of the report's moment, against the target version then in force."""

    indicator: Indicator
    status: IndicatorStatus
    original: IndicatorStatus | None = None  # against the plan's original target, when it was adjusted


def _figure(indicator: Indicator, as_of: datetime) -> IndicatorFigure:
    status = indicator_status(indicator, indicator.approved_observations, as_of)
    if status.version is None or status.version.number == 1:
        return IndicatorFigure(indicator, status)
    original = min(indicator.target_versions.all(), key=lambda v: v.number)
    return IndicatorFigure(
        indicator, status, indicator_status(indicator, indicator.approved_observations, as_of, original)
    )


def indicators(scope: Scope) -> list[IndicatorFigure]:
    """Return the plan's indicators in scope with their status as of the scope's moment."""
    rows = with_approved(
        Indicator.objects.filter(plan=scope.plan).select_related("responsible_unit")
    ).order_by("order", "code")
    if scope.whole:
        # A target split among counties is reported once, by its parent; each county's report shows its share.
        rows = rows.filter(split_of__isnull=True)
    else:
        rows = rows.filter(responsible_unit_id__in=scope.units)
    return [_figure(i, scope.as_of) for i in rows]


# Projects -------------------------------------------------------------------------------------------


def projects(scope: Scope) -> QuerySet[Project]:
    """Return the plan's projects in scope (`figures.projects_in_scope`)."""
    found = figures.projects_in_scope(unit_ids=_unit_ids(scope), plan_id=scope.plan.pk)
    return found.select_related("county", "park", "lead_unit", "cluster").order_by("county__order", "code")


@dataclass(frozen=True)
class ProjectFigure:
    """A project's planned and completed investment (万元) over the report's years."""

    project: Project
    planned: Decimal
    completed: Decimal
    completion: progress.Completion
    status: str
    last_period: str


def reported_until(as_of: date) -> str:
    """Return the last month whose reports count at a date: the previous one, or December on 31 December."""
    if (as_of.month, as_of.day) == (12, 31):
        return periods.month_label(as_of.year, 12)
    return periods.previous_month(periods.month_label(as_of.year, as_of.month))


def investment(scope: Scope, year: int) -> figures.InvestmentYtd:
    """Return the investment completion of a year as of the scope's moment (`figures.investment_ytd`).

    The month is the last one reported on by then (December for a past year); for a year not begun
    yet, its January: the plans count, nothing is completed and no time has elapsed.
    """
    last = reported_until(scope.as_of_date)
    elapsed = progress.months_elapsed(last, year)
    period = periods.month_label(year, max(elapsed, 1))
    ytd = figures.investment_ytd(
        period=period, unit_ids=_unit_ids(scope), plan_id=scope.plan.pk, with_projects=True
    )
    if elapsed:
        return ytd
    limits = ytd.total.thresholds
    nothing = {"completed": None, "last_period": ""}
    rows = [
        replace(row, **nothing, completion=progress.Completion(row.planned, Decimal(0), Decimal(0), limits))
        for row in ytd.projects
    ]
    counted = replace(ytd.figures, completed=Decimal(0), reported=0, unreported=len(rows), behind=0)
    total = progress.total((r.completion for r in rows), Decimal(0), limits)
    return figures.InvestmentYtd(period=period, total=total, figures=counted, projects=rows)


def project_figures(scope: Scope, years: Iterable[int]) -> list[ProjectFigure]:
    """Return each project's plan and approved year-to-date investment, summed over the years.

    Each year's figures are `investment(scope, year)`; the time progress of several years is the share
    of their summed plans that the time elapsed in each asks for.
    """
    planned: dict[int, Decimal] = {}
    completed: dict[int, Decimal] = {}
    due: dict[int, Decimal] = {}
    last: dict[int, str] = {}
    for year in years:
        for row in investment(scope, year).projects:
            planned[row.project_id] = planned.get(row.project_id, Decimal(0)) + row.planned
            completed[row.project_id] = completed.get(row.project_id, Decimal(0)) + (row.completed or 0)
            due[row.project_id] = (
                due.get(row.project_id, Decimal(0)) + row.planned * row.completion.share_of_time
            )
            last[row.project_id] = max(last.get(row.project_id, ""), row.last_period)
    limits = default_thresholds()
    found = []
    for project in projects(scope):
        pk = project.pk
        if pk not in planned:
            continue
        share = due[pk] / planned[pk] if planned[pk] else Decimal(0)
        completion = progress.Completion(planned[pk], completed[pk], share, limits)
        found.append(
            ProjectFigure(project, planned[pk], completed[pk], completion, completion.status, last[pk])
        )
    return found


@dataclass(frozen=True)
class ProjectTotals:
    """The summed plan and completion of projects (万元), and how many lag behind the time elapsed."""

    count: int
    planned: Decimal
    completed: Decimal
    behind: int

    @property
    def rate(self) -> Decimal | None:
        return progress.rate(self.completed, self.planned)


def project_totals(figures: list[ProjectFigure]) -> ProjectTotals:
    """Return the totals of project figures."""
    return ProjectTotals(
        len(figures),
        sum((f.planned for f in figures), Decimal(0)),
        sum((f.completed for f in figures), Decimal(0)),
        sum(1 for f in figures if f.status in ("lagging", "off_track")),
    )


@dataclass
class InvestmentGroup:
    """Planned and completed investment of a group of projects."""

    label: str
    order: int
    planned: Decimal = Decimal(0)
    completed: Decimal = Decimal(0)
    count: int = 0

    @property
    def rate(self) -> Decimal | None:
        return progress.rate(self.completed, self.planned)


def group_by(figures: list[ProjectFigure], key: str, missing: str = "—") -> list[InvestmentGroup]:
    """Return the investment summed by county or by cluster, in the units' or clusters' order."""
    groups: dict[str, InvestmentGroup] = {}
    for figure in figures:
        owner = getattr(figure.project, key)
        label = owner.label if isinstance(owner, OrgUnit) else (owner.name if owner else missing)
        group = groups.setdefault(label, InvestmentGroup(label, owner.order if owner else 10**6))
        group.planned += figure.planned
        group.completed += figure.completed
        group.count += 1
    return sorted(groups.values(), key=lambda g: (g.order, g.label))


# Tasks and problems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFigure:
    """A key task with its latest approved progress and its status against the time elapsed."""

    item: PlanItem
    progress: Decimal | None
    narrative: str
    status: str
    period: str = ""  # of the latest approved report


def task_status(progress_: Decimal | None, start: date, deadline: date, as_of: date) -> str:
    """Return a task's status: progress (%) compared with the share of its time elapsed."""
    share = progress.span_share(start, deadline, as_of)
    return progress.task_status(progress_, share, default_thresholds(), finished=as_of >= deadline)


def plan_items(scope: Scope) -> list[PlanItem]:
    """Return the plan's items in tree order (goals first, each followed by its descendants)."""
    items = list(
        PlanItem.objects.filter(plan=scope.plan)
        .select_related("lead_unit")
        .prefetch_related("partner_units")
        .order_by("order", "id")
    )
    children: dict[int | None, list[PlanItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[PlanItem] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        item = stack.pop()
        ordered.append(item)
        stack.extend(reversed(children.get(item.pk, [])))
    return ordered


def task_figures(scope: Scope, tasks: list[PlanItem]) -> dict[int, TaskFigure]:
    """Return the latest approved progress and the status of each task as of the scope's moment."""
    as_of = scope.as_of_date
    last = reported_until(as_of)
    latest: dict[int, TaskReport] = {}
    reports = task_reports_in_force().filter(item__in=tasks, period__lte=last).order_by("period")
    for report in reports:
        latest[report.item_id] = report
    start = date(scope.plan.start_year, 1, 1)
    figures = {}
    for task in tasks:
        report = latest.get(task.pk)
        progress = report.progress if report else None
        deadline = task.deadline or date(scope.plan.end_year, 12, 31)
        status = task_status(progress, start, deadline, as_of)
        narrative, period = (report.narrative, report.period) if report else ("", "")
        figures[task.pk] = TaskFigure(task, progress, narrative, status, period)
    return figures


def task_in_scope(scope: Scope, item: PlanItem) -> bool:
    """Return whether a task is led by, or shared with, a unit of the scope."""
    if scope.whole:
        return True
    return item.lead_unit_id in scope.units or any(u.pk in scope.units for u in item.partner_units.all())


def problems(scope: Scope) -> QuerySet[Problem]:
    """Return the problems of the plan's projects in scope or asked of its units, raised by its moment."""
    found = problem_selectors.problems_in_scope(unit_ids=_unit_ids(scope), plan_id=scope.plan.pk)
    found = found.select_related("project__county", "unit").filter(raised_at__lte=scope.as_of)
    return found.order_by("state", "due_date", "-raised_at")


def open_problems(scope: Scope) -> int:
    """Return how many problems of the scope are open at its moment."""
    found = problem_selectors.problems_in_scope(unit_ids=_unit_ids(scope), plan_id=scope.plan.pk)
    return problem_selectors.open_at(found, scope.as_of).count()


def problem_open(problem: Problem, as_of: datetime) -> bool:
    """Return whether a problem was still unsolved at a moment."""
    return problem.state != Problem.State.SOLVED or (
        problem.closed_at is not None and problem.closed_at > as_of
    )
