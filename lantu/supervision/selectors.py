"""Reads for supervision orders: lists and one order within the actor's scope, and their figures."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lantu.core import overdue
from lantu.orgs.access import Actor, in_realm, require_reader
from lantu.supervision.models import SupervisionOrder, SupervisionStep

Kind = SupervisionStep.Kind

State = SupervisionOrder.State
AWAITING = (State.ISSUED, State.RETURNED)
FILTERS = ("open", "overdue", "escalated", *State.values)


# What an order's page and the list show of it; the dashboard's short lists show its unit only.
DETAIL_RELATED = ("unit", "escalated_to", "item__plan", "project", "problem", "issued_by")
ROW_RELATED = ("unit", "escalated_to")


def visible_orders(*, actor: Actor, related: tuple[str, ...] = DETAIL_RELATED) -> QuerySet[SupervisionOrder]:
    """Return the orders the actor may read: a reporter its own unit's (and below), others their realm's.

    `related` are the relations read with them. PostgreSQL plans a join of all six in about 7 ms, ten
    times the query's own run on a dashboard, so the short lists that show an order's unit ask for less.
    """
    require_reader(actor)
    orders = SupervisionOrder.objects.filter(in_realm(actor, "unit_id")).select_related(*related)
    if actor.is_reporter:
        orders = orders.filter(unit_id__in=actor.scope)
    return orders


def answered_on(order: SupervisionOrder) -> date | None:
    """Return the day of the unit's standing answer, or None while the unit owes one."""
    if order.awaits_unit:
        return None
    moment = order.responded_at or order.closed_at or order.issued_at
    return timezone.localdate(moment)


def order_days_overdue(order: SupervisionOrder, *, on: date) -> int:
    """Return how many days the unit's answer is late on a day (core.overdue; 0 when it is not)."""
    return overdue.days_overdue(order.deadline, on=on, done=answered_on(order))


def overdue_q(now: datetime) -> Q:
    """Return the condition of an order the unit has not answered by its deadline.

    The queryset form of `order_days_overdue(order, on=localdate(now)) > 0` (a test keeps them equal):
    an order awaits the unit's answer while issued or returned; its deadline day itself is on time.
    """
    return Q(state__in=AWAITING, deadline__lt=timezone.localdate(now))


def order_list(
    *, actor: Actor, now: datetime, show: str = "", unit_id: int | None = None
) -> QuerySet[SupervisionOrder]:
    """Return the visible orders narrowed to open, overdue, escalated or one state, and to one unit."""
    orders = visible_orders(actor=actor)
    if show == "open":
        orders = orders.exclude(state=State.CLOSED)
    elif show == "overdue":
        orders = orders.filter(overdue_q(now))
    elif show == "escalated":
        orders = orders.exclude(state=State.CLOSED).filter(level__gt=0)
    elif show in State.values:
        orders = orders.filter(state=show)
    if unit_id is not None:
        orders = orders.filter(unit_id=unit_id)
    return orders.order_by("state", "deadline", "-pk")


def order_get(*, actor: Actor, pk: int) -> SupervisionOrder:
    """Return one visible order, or raise Http404."""
    return get_object_or_404(visible_orders(actor=actor), pk=pk)


def order_steps(order: SupervisionOrder) -> list[SupervisionStep]:
    """Return the order's steps, oldest first."""
    return list(order.steps.select_related("actor").order_by("at", "pk"))


def step_get(*, actor: Actor, pk: int) -> SupervisionStep:
    """Return one step of a visible order (for its evidence file), or raise Http404."""
    step = get_object_or_404(
        SupervisionStep.objects.only("pk", "order_id", "evidence", "evidence_name"), pk=pk
    )
    order_get(actor=actor, pk=step.order_id)
    return step


def subject_orders(
    *, actor: Actor, item_id: int | None = None, project_id: int | None = None, problem_id: int | None = None
) -> list[SupervisionOrder]:
    """Return the visible orders on one task, project or problem, newest first."""
    orders = visible_orders(actor=actor).order_by("-issued_at", "-pk")
    if item_id is not None:
        return list(orders.filter(item_id=item_id))
    if project_id is not None:
        return list(orders.filter(project_id=project_id))
    return list(orders.filter(problem_id=problem_id))


@dataclass(frozen=True)
class UnitFigures:
    """One unit's orders: open, overdue, closed on time and closed late."""

    unit_id: int
    code: str
    label: str
    total: int
    open: int
    overdue: int
    closed_on_time: int
    closed_late: int


@dataclass(frozen=True)
class OrderFigures:
    """Orders open, overdue, escalated, closed on time and late, in all and by unit."""

    total: int
    open: int
    overdue: int
    escalated: int
    closed: int
    closed_on_time: int
    by_unit: list[UnitFigures]

    @property
    def on_time_rate(self) -> int | None:
        """Return the share of closed orders closed by their deadline, in whole percent."""
        return round(100 * self.closed_on_time / self.closed) if self.closed else None


def order_figures(*, actor: Actor, now: datetime) -> OrderFigures:
    """Return the figures of the orders the actor may read, counted in the database."""
    late = overdue_q(now)
    counts = {
        "total": Count("id"),
        "open": Count("id", filter=~Q(state=State.CLOSED)),
        "overdue": Count("id", filter=late),
        "escalated": Count("id", filter=~Q(state=State.CLOSED) & Q(level__gt=0)),
        "closed": Count("id", filter=Q(state=State.CLOSED)),
        "on_time": Count("id", filter=Q(state=State.CLOSED, closed_on_time=True)),
    }
    orders = visible_orders(actor=actor).order_by()
    totals = orders.aggregate(**counts)
    rows = (
        orders.values("unit_id", "unit__code", "unit__name", "unit__short_name", "unit__order")
        .annotate(**counts)
        .order_by("-overdue", "-open", "unit__order", "unit_id")
    )
    by_unit = [
        UnitFigures(
            unit_id=row["unit_id"],
            code=row["unit__code"],
            label=row["unit__short_name"] or row["unit__name"],
            total=row["total"],
            open=row["open"],
            overdue=row["overdue"],
            closed_on_time=row["on_time"],
            closed_late=row["closed"] - row["on_time"],
        )
        for row in rows
    ]
    return OrderFigures(
        total=totals["total"],
        open=totals["open"],
        overdue=totals["overdue"],
        escalated=totals["escalated"],
        closed=totals["closed"],
        closed_on_time=totals["on_time"],
        by_unit=by_unit,
    )


def attention_orders(*, actor: Actor, now: datetime, limit: int = 10) -> list[SupervisionOrder]:
    """Return the open orders in scope that need attention: overdue or escalated (a reporter's: all)."""
    orders = visible_orders(actor=actor, related=ROW_RELATED).exclude(state=State.CLOSED)
    if not actor.is_admin:
        orders = orders.filter(Q(unit_id__in=actor.scope) | Q(escalated_to_id__in=actor.scope))
    if not actor.is_reporter:
        orders = orders.filter(overdue_q(now) | Q(level__gt=0))
    return list(orders.order_by("deadline", "pk")[:limit])


@dataclass(frozen=True)
class MonthOrders:
    """A plan's orders over a month: issued and closed in it, open and overdue at its end."""

    issued: list[SupervisionOrder]
    closed: list[SupervisionOrder]
    still_open: list[SupervisionOrder]
    overdue: list[SupervisionOrder]


def month_orders(
    *, plan_id: int, unit_ids: frozenset[int] | None, start: datetime, end: datetime
) -> MonthOrders:
    """Return the orders on a plan's tasks, projects and problems as the month saw them, from their steps.

    An order is overdue at the month's end when it is not closed by then, its deadline has passed and the
    unit's last word by then was not an answer (none yet, or its answer was sent back). Later steps do not
    change a past month.
    """
    on_plan = Q(item__plan_id=plan_id) | Q(project__plan_id=plan_id) | Q(problem__project__plan_id=plan_id)
    orders = SupervisionOrder.objects.filter(on_plan, issued_at__lte=end).select_related("unit")
    if unit_ids is not None:
        orders = orders.filter(unit_id__in=unit_ids)
    steps = SupervisionStep.objects.filter(at__lte=end).order_by("at", "pk")
    found = list(orders.prefetch_related(Prefetch("steps", queryset=steps, to_attr="steps_by_end")))
    found.sort(key=lambda o: (o.deadline, o.pk))
    end_day = timezone.localdate(end)
    closing = {o.pk: next((st.at for st in o.steps_by_end if st.kind == Kind.CLOSE), None) for o in found}
    still_open = [o for o in found if closing[o.pk] is None]

    def answer_day(order: SupervisionOrder) -> date | None:
        """Return the day of the unit's answer standing at the month's end (None: none, or sent back)."""
        last = [st for st in order.steps_by_end if st.kind in (Kind.RESPOND, Kind.RETURN)]
        return timezone.localdate(last[-1].at) if last and last[-1].kind == Kind.RESPOND else None

    return MonthOrders(
        issued=[o for o in found if o.issued_at >= start],
        closed=[o for o in found if closing[o.pk] is not None and closing[o.pk] >= start],
        still_open=still_open,
        overdue=[o for o in still_open if overdue.is_overdue(o.deadline, on=end_day, done=answer_day(o))],
    )


@dataclass(frozen=True)
class UnitOrders:
    """The open orders to a unit, overdue first, with how many are open and overdue."""

    rows: list[tuple[SupervisionOrder, int]]  # each with its days overdue
    open: int
    overdue: int


def unit_orders(*, actor: Actor, now: datetime, limit: int = 10) -> UnitOrders:
    """Return the open orders addressed to the actor's units (all for an administrator), overdue first."""
    require_reader(actor)
    orders = visible_orders(actor=actor, related=ROW_RELATED).exclude(state=State.CLOSED)
    if not actor.is_admin:
        orders = orders.filter(unit_id__in=actor.scope)
    late = overdue_q(now)
    counts = orders.order_by().aggregate(open=Count("id"), overdue=Count("id", filter=late))
    first = list(orders.filter(late).order_by("deadline", "pk")[:limit])
    rest = (
        list(orders.exclude(late).order_by("deadline", "pk")[: limit - len(first)])
        if len(first) < limit
        else []
    )
    today = timezone.localdate(now)
    return UnitOrders(
        [(o, order_days_overdue(o, on=today)) for o in [*first, *rest]], counts["open"], counts["overdue"]
    )


def answers_to_review(*, actor: Actor) -> QuerySet[SupervisionOrder]:
    """Return the answered orders waiting for the actor's decision: a planner's units' (all for admins)."""
    require_reader(actor)
    if not (actor.is_admin or actor.is_planner):
        return SupervisionOrder.objects.none()
    orders = visible_orders(actor=actor, related=ROW_RELATED).filter(state=State.RESPONDED)
    if not actor.is_admin:
        orders = orders.filter(unit_id__in=actor.scope)
    return orders.order_by("responded_at", "pk")
