"""Reads for the problems ledger: the filtered list, one problem, and its figures."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from lantu.core.progress import rate
from lantu.orgs.access import Actor, require_reader
from lantu.projects.figures import in_units
from lantu.projects.models import Problem

State = Problem.State


def problem_list(
    *, actor: Actor, state: str = "", factor: str = "", unit_id: int | None = None
) -> QuerySet[Problem]:
    """Return the problems, newest first, narrowed by state, factor and unit asked to solve."""
    require_reader(actor)
    problems = Problem.objects.select_related("project__county", "unit")
    if state == "active":
        problems = problems.exclude(state=State.SOLVED)
    elif state:
        problems = problems.filter(state=state)
    if factor:
        problems = problems.filter(factor=factor)
    if unit_id is not None:
        problems = problems.filter(unit_id=unit_id)
    return problems.order_by("state", "due_date", "-raised_at")


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


def problem_get(*, actor: Actor, pk: int) -> Problem:
    """Return one problem with its project and report, or raise Http404."""
    require_reader(actor)
    queryset = Problem.objects.select_related(
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
        overdue=Count("id", filter=active & Q(due_date__lt=now.date())),
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
