"""Each model's overdue queryset filter says what core.overdue says about the same rows, day by day."""

from datetime import UTC, date, datetime, timedelta

import pytest

from lantu.core.overdue import Timeliness, timeliness
from lantu.dispatch import kept
from lantu.dispatch.models import ProgressReport
from lantu.orgs.access import actor_for
from lantu.problems import selectors as problem_selectors
from lantu.problems.models import Problem
from lantu.projects import milestones
from lantu.projects.calc import Milestone, schedule_lag
from lantu.projects.models import ProjectMilestone
from lantu.supervision import selectors as order_selectors
from lantu.supervision import services as order_services
from lantu.supervision.models import SupervisionOrder

pytestmark = pytest.mark.django_db

ISSUED = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
DEADLINE = date(2026, 11, 20)
DAYS = [DEADLINE + timedelta(days=n) for n in (-1, 0, 1, 2, 10)]


def _local_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 4, 0, tzinfo=UTC)  # 12:00 in Asia/Shanghai


@pytest.fixture
def orders(world):
    """Return orders issued, answered, answered then returned, and closed, all due on DEADLINE."""
    planner, mulei = actor_for(world.users["planner"]), actor_for(world.users["mulei"])
    made = []
    for n in range(4):
        made.append(
            order_services.order_issue(
                actor=planner,
                unit=world.mulei_county,
                project=world.mulei_project,
                title=f"督办{n}",
                requirement="整改",
                deadline=DEADLINE,
                now=ISSUED,
            )
        )
    late = _local_noon(DEADLINE + timedelta(days=1))
    order_services.order_respond(actor=mulei, order=made[1], text="已完成", now=late)
    order_services.order_respond(actor=mulei, order=made[2], text="已完成", now=ISSUED)
    order_services.order_return(actor=planner, order=made[2], reason="不具体", now=ISSUED)
    order_services.order_respond(actor=mulei, order=made[3], text="已完成", now=ISSUED)
    order_services.order_close(actor=planner, order=made[3], now=ISSUED)
    return made


@pytest.mark.parametrize("day", DAYS)
def test_overdue_orders_in_the_database_are_those_the_rule_counts_overdue(orders, day):
    now = _local_noon(day)
    in_db = set(SupervisionOrder.objects.filter(order_selectors.overdue_q(now)))
    by_rule = {o for o in SupervisionOrder.objects.all() if order_selectors.order_days_overdue(o, on=day) > 0}
    assert in_db == by_rule
    assert (day > DEADLINE) == bool(by_rule)  # the issued and the returned ones, from the day after


def test_escalation_takes_exactly_the_overdue_orders(orders):
    day = DEADLINE + timedelta(days=2)
    overdue = {o.pk for o in SupervisionOrder.objects.all() if order_selectors.order_days_overdue(o, on=day)}
    escalated = {o.pk for o in order_services.orders_escalate(now=_local_noon(day))}
    assert escalated == overdue == {orders[0].pk, orders[2].pk}


@pytest.fixture
def problems(world):
    """Return problems open, in progress, solved in time and solved late, all due on DEADLINE."""
    found = []
    for state, closed in (("open", None), ("in_progress", None), ("solved", ISSUED), ("solved", None)):
        found.append(
            Problem.objects.create(
                project=world.mulei_project,
                title=f"问题{len(found)}",
                factor="land",
                unit=world.mulei_county,
                due_date=DEADLINE,
                state=state,
                raised_at=ISSUED,
                closed_at=closed
                or (_local_noon(DEADLINE + timedelta(days=3)) if state == "solved" else None),
            )
        )
    return found


@pytest.mark.parametrize("day", DAYS)
def test_overdue_problems_in_the_database_are_those_the_rule_counts_overdue_now(problems, day):
    in_db = set(Problem.objects.filter(problem_selectors.overdue_q(day)))
    # The queryset reads the problems as they stand now: a solved one is done.
    now = max(day, DEADLINE + timedelta(days=3))
    by_rule = {p for p in Problem.objects.all() if problem_selectors.problem_days_overdue(p, on=now) > 0}
    assert in_db == (by_rule if day > DEADLINE else set())


def test_open_problems_are_overdue_by_the_local_day_not_the_utc_one(world, problems):
    # 2026-11-20 20:00 UTC is already 2026-11-21 in Changji: the problems due on the 20th are overdue.
    evening = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    figures = problem_selectors.problem_figures(actor=actor_for(world.users["leader"]), now=evening)
    assert figures.overdue == 2


@pytest.mark.parametrize("day", DAYS)
def test_overdue_milestones_in_the_database_are_those_the_rule_counts_overdue(world, day):
    reached = [
        None,
        DEADLINE - timedelta(days=1),
        DEADLINE,
        DEADLINE + timedelta(days=1),
        DEADLINE + timedelta(9),
    ]
    for n, when in enumerate(reached):
        ProjectMilestone.objects.create(
            project=world.mulei_project, name=f"节点{n}", planned_date=DEADLINE, reached_date=when
        )
    in_db = set(ProjectMilestone.objects.filter(milestones.overdue_q(day)).values_list("name", flat=True))
    by_rule = {
        m.name
        for m in ProjectMilestone.objects.all()
        if schedule_lag([Milestone(m.name, m.planned_date, m.reached_date)], day) is not None
    }
    assert in_db == by_rule


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_reports_submitted_on_time_in_the_database_are_those_the_rule_says(world, offset):
    submitted = _local_noon(DEADLINE + timedelta(days=offset))
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-10",
        completed_investment=1,
        cumulative_investment=1,
        state="submitted",
        submitted_at=submitted,
    )
    in_db = ProgressReport.objects.filter(kept.submitted_on_time_q(DEADLINE)).exists()
    seen = timeliness(DEADLINE, on=DEADLINE + timedelta(days=5), submitted=submitted.date())
    assert in_db == (seen is Timeliness.ON_TIME) == (offset <= 0)


def test_a_report_submitted_in_the_last_hour_of_its_deadline_day_is_on_time(world):
    last_hour = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)  # 23:30 in Changji
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-10",
        completed_investment=1,
        cumulative_investment=1,
        state="submitted",
        submitted_at=last_hour,
    )
    assert ProgressReport.objects.filter(kept.submitted_on_time_q(DEADLINE)).exists()
