"""Reads of a unit's own dispatch work: reports it owes, reports returned to it, reports it reviews."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet

from lantu.core import overdue
from lantu.dispatch import figures
from lantu.dispatch import selectors as dispatch_selectors
from lantu.dispatch.models import ProgressReport, ReportingPeriod, TaskReport
from lantu.orgs.access import Actor, require_reader

State = ProgressReport.State
DONE = (State.SUBMITTED, State.APPROVED)


@dataclass(frozen=True)
class Owed:
    """A report a unit still owes on an open period: a project's or a key task's."""

    kind: str  # project | task
    pk: int  # the project's or the task's
    code: str
    name: str
    period: str
    deadline: date
    days_overdue: int
    state: str | None  # draft or returned, when the unit has started it


@dataclass(frozen=True)
class OwedReports:
    """The reports a unit owes, overdue first, with how many are due and overdue in all."""

    rows: list[Owed]
    due: int
    overdue: int


def _units(actor: Actor) -> frozenset[int] | None:
    """Return the units whose work the actor sees as its own: None for all (`figures.actor_units`)."""
    return figures.actor_units(actor)


def _missing_tasks(period: ReportingPeriod, unit_ids: frozenset[int] | None):
    """Return the key tasks of the period's plan whose report on it is neither submitted nor approved."""
    done = TaskReport.objects.filter(period=period.period, state__in=DONE).values("item_id")
    tasks = period.plan.items.filter(level="task").exclude(pk__in=done)
    if unit_ids is not None:
        tasks = tasks.filter(lead_unit_id__in=unit_ids)
    return tasks


def reports_owed(*, actor: Actor, today: date, limit: int = 10) -> OwedReports:
    """Return the project and key-task reports the actor's units owe on the open periods, overdue first."""
    require_reader(actor)
    units = _units(actor)
    due, late = dispatch_selectors.reminder_counts(actor=actor, today=today, unit_ids=units)
    rows = [
        Owed(
            "project",
            r.project.pk,
            r.project.code,
            r.project.name,
            r.period,
            r.deadline,
            overdue.days_overdue(r.deadline, on=today),
            r.state,
        )
        for r in dispatch_selectors.reminders(actor=actor, today=today, unit_ids=units, limit=limit)
    ]
    for period in ReportingPeriod.objects.filter(is_open=True).select_related("plan").order_by("period"):
        missing = _missing_tasks(period, units)
        count = missing.count()
        if overdue.is_overdue(period.deadline, on=today):
            late += count
        else:
            due += count
        if not count or len(rows) >= 2 * limit:
            continue
        tasks = list(missing.order_by("order", "code")[:limit])
        states = dict(
            TaskReport.objects.filter(period=period.period, item__in=tasks).values_list("item_id", "state")
        )
        rows += [
            Owed(
                "task",
                task.pk,
                task.code,
                task.title,
                period.period,
                period.deadline,
                overdue.days_overdue(period.deadline, on=today),
                states.get(task.pk),
            )
            for task in tasks
        ]
    rows.sort(key=lambda row: (-row.days_overdue, row.deadline, row.kind, row.code))
    return OwedReports(rows[:limit], due, late)


@dataclass(frozen=True)
class Returned:
    """A report the office sent back to the unit, with its reason."""

    kind: str  # project | task
    pk: int  # the report's
    subject_pk: int  # the project's or the task's
    name: str
    period: str
    reason: str
    at: datetime | None


def _owned(units: frozenset[int] | None) -> Q:
    """Return the condition of a project report owned by one of the units (all when None)."""
    if units is None:
        return Q()
    return Q(project__county_id__in=units) | Q(project__lead_unit_id__in=units)


def _owned_tasks(units: frozenset[int] | None) -> Q:
    """Return the condition of a key-task report led by one of the units (all when None)."""
    return Q() if units is None else Q(item__lead_unit_id__in=units)


def reports_returned(*, actor: Actor) -> list[Returned]:
    """Return the project and key-task reports returned to the actor's units, latest period first."""
    require_reader(actor)
    units = _units(actor)
    projects = (
        ProgressReport.objects.filter(_owned(units), state=State.RETURNED, superseded=False)
        .select_related("project")
        .order_by("-period", "project__code")
    )
    tasks = (
        TaskReport.objects.filter(_owned_tasks(units), state=State.RETURNED)
        .select_related("item")
        .order_by("-period", "item__code")
    )
    return [
        *(
            Returned("project", r.pk, r.project_id, r.project.name, r.period, r.return_reason, r.reviewed_at)
            for r in projects
        ),
        *(Returned("task", r.pk, r.item_id, r.item.title, r.period, r.return_reason, None) for r in tasks),
    ]


def reports_to_review(*, actor: Actor) -> tuple[QuerySet[ProgressReport], QuerySet[TaskReport]]:
    """Return the submitted project and key-task reports waiting for the actor's review.

    Only reports of units in the actor's scope, and not those the actor entered itself; nothing for a
    reporter or a leader.
    """
    require_reader(actor)
    if not (actor.is_admin or actor.is_planner):
        return ProgressReport.objects.none(), TaskReport.objects.none()
    units = _units(actor)
    projects = dispatch_selectors.review_queue(actor=actor).filter(_owned(units))
    tasks = dispatch_selectors.task_review_queue(actor=actor).filter(_owned_tasks(units))
    if actor.user_id is not None:
        projects = projects.exclude(entered_by_id=actor.user_id)
        tasks = tasks.exclude(entered_by_id=actor.user_id)
    return projects, tasks
