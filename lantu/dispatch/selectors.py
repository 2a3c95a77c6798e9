"""Reads for the dispatch pages: visible reports, reminders, the review queue and the headline figures.

The month's overview and a unit's figures are `lantu.dispatch.overview`.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import overload

from django.db.models import Exists, F, FilteredRelation, Max, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lantu.core import overdue, periods
from lantu.dispatch import figures, kept
from lantu.dispatch.kept import REPORTING_STAGES
from lantu.dispatch.models import GroupMonth, ProgressReport, ReportingPeriod, TaskReport
from lantu.orgs.access import Actor, in_realm, project_in_realm, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import PlanItem
from lantu.projects.models import AnnualPlan, Project

State = ProgressReport.State


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


def report_get(*, actor: Actor, pk: int, detail: bool = True) -> ProgressReport:
    """Return a report the actor may read, with its project, or raise Http404.

    `detail=False` reads the report and its project only, for the API (no units or people to show).
    """
    related: tuple[str, ...] = ("project",)
    if detail:
        related = ("project__county", "project__lead_unit", "project__plan", "entered_by", "reviewed_by")
    return get_object_or_404(visible_reports(actor).select_related(*related), pk=pk)


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
        .order_by("submitted_at", "period", "project_id")  # the index `report_review_order`
    )


def reviewable_queue(*, actor: Actor) -> QuerySet[ProgressReport]:
    """Return the review queue narrowed to the reports the actor may review, in a stable order.

    A planner reviews the reports of projects in its scope that someone else entered; an administrator
    reviews all (the same rules as `reporting.review_denial`).
    """
    queue = review_queue(actor=actor).order_by("submitted_at", "period", "project_id", "pk")
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


# A reminder is the lead unit's and the county's: the fields of a project and of its kept group
# (`GroupMonth`) that place what is owed in units and in the actor's realm.
OWED_BY = ("lead_unit_id", "county_id")
EVERYWHERE = Q()  # no realm: the whole install


def _missing(
    period: ReportingPeriod, unit_ids: frozenset[int] | None, realm: Q = EVERYWHERE
) -> QuerySet[Project]:
    """Return the projects whose report on an open period is neither submitted nor approved.

    Whether a month's report is done is kept (`lantu.dispatch.kept`), one row per project and month.
    """
    # NOT EXISTS, not NOT IN: a unit's few projects probe the kept month by index (an anti-join) instead
    # of hashing every project done that month.
    done = kept.months_of(period.period).filter(project=OuterRef("pk"), done=True)
    projects = Project.objects.filter(realm, plan_id=period.plan_id, stage__in=REPORTING_STAGES).filter(
        ~Exists(done)
    )
    if unit_ids is not None:
        projects = projects.filter(Q(lead_unit_id__in=unit_ids) | Q(county_id__in=unit_ids))
    return projects


def reminders(
    *,
    actor: Actor,
    today: date,
    unit_ids: frozenset[int] | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[Reminder]:
    """Return up to `limit` reports still missing for the open periods, for the given units (default: all).

    In period order, then by lead unit and code, from the `offset`-th. The kept counts (`_owed`, per
    period and lead unit) say where the rows asked for lie, so each period's query reads only the projects
    of the lead units those rows come from, not every project of the realm (a prefecture probed 7,000 to
    list 50). One query for the counts, then one per open period read: the missing projects with the
    state of their month's latest revision.
    """
    require_reader(actor)
    realm = in_realm(actor, *OWED_BY)
    owed: dict[tuple[int, str], dict[int, list[tuple[int, int]]]] = {}  # period → unit order → (unit, owed)
    counts = (
        _owed(unit_ids, realm)
        .values_list("plan_id", "period", "lead_unit__order", "lead_unit_id")
        .annotate(n=Sum("owed"))
    )
    for plan_id, label, order, unit_id, n in counts:
        if n:
            owed.setdefault((plan_id, label), {}).setdefault(order, []).append((unit_id, n))
    found: list[Reminder] = []
    for period in open_periods():
        if len(found) >= limit:
            break
        wanted = limit - len(found)
        units, skip, offset = _units_holding(owed.get((period.plan_id, period.period), {}), offset, wanted)
        if not units:  # nothing owed, or all of it before the first row asked for
            continue
        missing = (
            _missing(period, unit_ids, realm)
            .filter(lead_unit_id__in=units)
            .select_related("county", "lead_unit")
            .annotate(
                month=FilteredRelation("kept_months", condition=Q(kept_months__period=period.period)),
                kept_state=F("month__state"),
            )
            .order_by("lead_unit__order", "code")[skip : skip + wanted]
        )
        late = overdue.is_overdue(period.deadline, on=today)
        found += [Reminder(p, period.period, period.deadline, late, p.kept_state or None) for p in missing]
    return found


def _units_holding(
    by_order: dict[int, list[tuple[int, int]]], offset: int, wanted: int
) -> tuple[list[int], int, int]:
    """Return the lead units of a period whose missing reports hold its rows `offset`… (`wanted` of them),
    how many of their rows come before those, and the offset left for the periods after it.

    `by_order` is what each lead unit owes, grouped by the unit's order: units of equal order are taken
    together, since their projects interleave by code.
    """
    units: list[int] = []
    skip = held = 0
    for order in sorted(by_order):
        owed = sum(n for _unit, n in by_order[order])
        if not units and offset >= owed:  # wholly before the first row asked for
            offset -= owed
            continue
        if not units:
            skip, offset = offset, 0
        units += [unit for unit, _n in by_order[order]]
        held += owed
        if held - skip >= wanted:
            break
    return units, skip, offset


@dataclass(frozen=True)
class MissingReports:
    """The reports still missing for the open periods as a list a Paginator pages: only a page is read."""

    actor: Actor
    today: date
    total: int  # the count of the kept groups (`reminder_counts`)
    unit_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, *, actor: Actor, today: date, unit_ids: frozenset[int] | None = None) -> "MissingReports":
        """Return the missing reports of the open periods for the given units, counted on the kept groups."""
        due, late = reminder_counts(actor=actor, today=today, unit_ids=unit_ids)
        return cls(actor=actor, today=today, total=due + late, unit_ids=unit_ids)

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Reminder]:
        return iter(self[0 : self.total])

    @overload
    def __getitem__(self, rows: int) -> Reminder: ...

    @overload
    def __getitem__(self, rows: slice) -> list[Reminder]: ...

    def __getitem__(self, rows: int | slice) -> Reminder | list[Reminder]:
        if isinstance(rows, int):
            return self[rows : rows + 1][0]
        start = rows.start or 0
        stop = self.total if rows.stop is None else rows.stop
        limit = max(stop - start, 0)
        return reminders(
            actor=self.actor, today=self.today, unit_ids=self.unit_ids, limit=limit, offset=start
        )


def _owed(unit_ids: frozenset[int] | None = None, realm: Q = EVERYWHERE) -> QuerySet[GroupMonth]:
    """Return the kept groups of the open periods, with the reports each still owes as `owed`.

    A group's owed reports are its projects that report less those whose month is done (submitted or
    approved): the count of `_missing`, kept (`lantu.dispatch.kept`) instead of counted over every project.
    """
    groups = GroupMonth.objects.filter(
        realm,
        Exists(
            ReportingPeriod.objects.filter(
                plan_id=OuterRef("plan_id"), period=OuterRef("period"), is_open=True
            )
        ),
    )
    if unit_ids is not None:
        groups = groups.filter(Q(lead_unit_id__in=unit_ids) | Q(county_id__in=unit_ids))
    return groups.order_by().annotate(owed=F("projects") - F("done"))


def reminder_counts(*, actor: Actor, today: date, unit_ids: frozenset[int] | None = None) -> tuple[int, int]:
    """Return how many reports of the open periods the given units still owe: (due, overdue)."""
    require_reader(actor)
    deadlines = {(p.plan_id, p.period): p.deadline for p in open_periods()}
    due = late = 0
    counts = (
        _owed(unit_ids, in_realm(actor, *OWED_BY)).values_list("plan_id", "period").annotate(n=Sum("owed"))
    )
    for plan_id, period, n in counts:
        deadline = deadlines.get((plan_id, period))
        if deadline is None:  # closed since the first query
            continue
        if overdue.is_overdue(deadline, on=today):
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


def owed_by_unit(period: ReportingPeriod, realm: Q = EVERYWHERE) -> dict[int, int]:
    """Return how many reports of an open period each lead unit owes (in a realm; no access check)."""
    groups = _owed(realm=realm).filter(plan_id=period.plan_id, period=period.period)
    counts = groups.values_list("lead_unit_id").annotate(n=Sum("owed")).values_list("lead_unit_id", "n")
    return {unit_id: n for unit_id, n in counts if n}


def open_periods() -> QuerySet[ReportingPeriod]:
    """Return the reporting periods open now, oldest first."""
    return ReportingPeriod.objects.filter(is_open=True).order_by("period", "plan_id")


def open_months() -> list[str]:
    """Return the months some plan's reporting period is open in, newest first, each once.

    Several plans open the same month; the months are grouped in the database (ordered by the month
    alone: the model's default order by plan would make DISTINCT keep one row per plan).
    """
    found = ReportingPeriod.objects.filter(is_open=True).order_by("-period").values_list("period", flat=True)
    return list(found.distinct())


def reminders_by_unit(*, actor: Actor, today: date) -> list[UnitReminders]:
    """Return how many reports each lead unit still owes for the open periods, most overdue first."""
    require_reader(actor)
    rows: dict[int, UnitReminders] = {}
    for period in open_periods():
        for unit_id, n in owed_by_unit(period, in_realm(actor, *OWED_BY)).items():
            row = rows.setdefault(unit_id, UnitReminders(None))
            if overdue.is_overdue(period.deadline, on=today):
                row.overdue += n
            else:
                row.due += n
            row.periods.append(period.period)
    for unit in OrgUnit.objects.filter(pk__in=list(rows)):
        rows[unit.pk].unit = unit
    return sorted(rows.values(), key=lambda row: (-row.overdue, -row.due, row.unit.order))


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
