"""Reads for the problems ledger: the filtered list, one problem, and its figures."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lantu.core import overdue
from lantu.core.progress import rate
from lantu.orgs.access import Actor, in_realm, project_in_realm, require_reader
from lantu.orgs.models import OrgUnit
from lantu.problems.models import Problem
from lantu.projects.figures import actor_units, in_units

State = Problem.State


def solved_on(problem: Problem) -> date | None:
    """Return the day a problem was solved, or None while it is not."""
    if problem.state != State.SOLVED:
        return None
    return timezone.localdate(problem.closed_at or problem.raised_at)


def problem_days_overdue(problem: Problem, *, on: date) -> int:
    """Return how many days a problem is past its due date on a day (core.overdue; 0 when it is not)."""
    return overdue.days_overdue(problem.due_date, on=on, done=solved_on(problem))


def overdue_q(on: date) -> Q:
    """Return the condition of a problem not solved and past its due date on a day (today or later).

    The queryset form of `problem_days_overdue(problem, on=on) > 0` for the problems as they stand now
    (a test keeps them equal); the due date itself is still in time.
    """
    return ~Q(state=State.SOLVED) & Q(due_date__lt=on)


def visible_problems(actor: Actor) -> QuerySet[Problem]:
    """Return the problems of the actor's realm: asked of a unit in it, or about a project in it."""
    require_reader(actor)
    return Problem.objects.filter(in_realm(actor, "unit_id") | project_in_realm(actor, "project__"))


def problem_list(
    *, actor: Actor, state: str = "", factor: str = "", unit_id: int | None = None
) -> QuerySet[Problem]:
    """Return the problems, newest first, narrowed by state, factor and unit asked to solve."""
    require_reader(actor)
    problems = visible_problems(actor).select_related("project__county", "unit")
    if state == "active":
        problems = problems.exclude(state=State.SOLVED)
    elif state:
        problems = problems.filter(state=state)
    if factor:
        problems = problems.filter(factor=factor)
    if unit_id is not None:
        problems = problems.filter(unit_id=unit_id)
    return problems.order_by("state", "due_date", "-raised_at")


def asked_units(*, actor: Actor) -> QuerySet[OrgUnit]:
    """Return the units some problem is asked of (the ledger's unit filter; EXISTS, no DISTINCT)."""
    require_reader(actor)
    return OrgUnit.objects.filter(Exists(visible_problems(actor).filter(unit=OuterRef("pk")))).order_by(
        "order", "code"
    )


def problems_in_scope(
    *, unit_ids: frozenset[int] | None = None, plan_id: int | None = None
) -> QuerySet[Problem]:
    """Return the problems of a scope: of its projects (`figures.projects_in_scope`) or asked of its units."""
    problems = Problem.objects.all()
    if plan_id is not None:
        problems = problems.filter(project__plan_id=plan_id)
    if unit_ids is not None:
        problems = problems.filter(in_units(unit_ids, "project__") | Q(unit_id__in=unit_ids))
    return problems


def open_at(problems: QuerySet[Problem], moment: datetime) -> QuerySet[Problem]:
    """Return the problems raised by a moment and not solved by then (open, in progress or escalated)."""
    return problems.filter(raised_at__lte=moment).filter(~Q(state=State.SOLVED) | Q(closed_at__gt=moment))


def open_problem_count(*, actor: Actor, now: datetime) -> int:
    """Return how many problems of the actor's scope (`figures.actor_units`) are open at `now`."""
    require_reader(actor)
    return open_at(problems_in_scope(unit_ids=actor_units(actor)), now).count()


def problem_get(*, actor: Actor, pk: int) -> Problem:
    """Return one problem with its project and report, or raise Http404."""
    queryset = visible_problems(actor).select_related(
        "project__county", "project__lead_unit", "unit", "report", "raised_by"
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class ProblemFigures:
    """Open count, resolution rate, average age of the open problems, by unit and by factor."""

    total: int
    open: int
    solved: int
    overdue: int
    resolution_rate: Decimal | None
    average_age_days: Decimal | None
    by_factor: list[dict]
    by_unit: list[dict]


def problem_figures(
    *, actor: Actor, now: datetime, problems: QuerySet[Problem] | None = None
) -> ProblemFigures:
    """Return the ledger's figures, counted in the database."""
    require_reader(actor)
    problems = (Problem.objects.all() if problems is None else problems).order_by()
    active = ~Q(state=State.SOLVED)
    totals = problems.aggregate(
        total=Count("id"),
        open=Count("id", filter=active),
        solved=Count("id", filter=Q(state=State.SOLVED)),
        overdue=Count("id", filter=overdue_q(timezone.localdate(now))),
    )
    ages = [now - raised for raised in problems.filter(active).values_list("raised_at", flat=True)]
    average = (
        Decimal(sum(age.total_seconds() for age in ages) / 86400 / len(ages)).quantize(Decimal("0.1"))
        if ages
        else None
    )
    factor_labels = dict(Problem.Factor.choices)
    by_factor = [
        {
            "factor": row["factor"],
            "label": factor_labels[row["factor"]],
            "open": row["open"],
            "total": row["total"],
        }
        for row in problems.values("factor")
        .annotate(total=Count("id"), open=Count("id", filter=active))
        .order_by("-open", "factor")
    ]
    by_unit = [
        {
            "unit_id": row["unit_id"],
            "label": row["unit__short_name"] or row["unit__name"],
            "open": row["open"],
            "solved": row["solved"],
            "total": row["total"],
            "rate": rate(row["solved"], row["total"]),
        }
        for row in problems.values("unit_id", "unit__name", "unit__short_name")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=active),
            solved=Count("id", filter=Q(state=State.SOLVED)),
        )
        .order_by("-open", "unit__order")
    ]
    return ProblemFigures(
        total=totals["total"],
        open=totals["open"],
        solved=totals["solved"],
        overdue=totals["overdue"],
        resolution_rate=rate(totals["solved"], totals["total"]),
        average_age_days=average,
        by_factor=by_factor,
        by_unit=by_unit,
    )


@dataclass(frozen=True)
class UnitProblems:
    """The open problems a unit is asked to solve, overdue first, with how many are open and overdue."""

    rows: list[tuple[Problem, int]]  # each with its days overdue
    open: int
    overdue: int


def unit_problems(*, actor: Actor, on: date, limit: int = 10) -> UnitProblems:
    """Return the open problems asked of the actor's units (all for an administrator), overdue first."""
    require_reader(actor)
    problems = Problem.objects.exclude(state=State.SOLVED)
    if not actor.is_admin:
        problems = problems.filter(unit_id__in=actor.scope)
    counts = problems.order_by().aggregate(open=Count("id"), overdue=Count("id", filter=overdue_q(on)))
    found = problems.select_related("project", "unit").order_by("due_date", "-raised_at")[:limit]
    return UnitProblems(
        [(p, problem_days_overdue(p, on=on)) for p in found], counts["open"], counts["overdue"]
    )
