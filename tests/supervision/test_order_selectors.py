"""Who sees which orders, and the figures: open, overdue, escalated, closed on time, by unit."""

from datetime import UTC, datetime, timedelta

import pytest
from django.http import Http404

from lantu.supervision import selectors, services

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # as in conftest.py
LATER = NOW + timedelta(days=30)


@pytest.fixture
def qitai_order(world, actors, problem, deadline):
    """Return an order to 奇台 on its problem, due with the 木垒 order."""
    return services.order_issue(
        actor=actors["planner"],
        unit=world.qitai_county,
        problem=problem,
        title="督办奇台用地问题",
        requirement="办结用地手续",
        deadline=deadline,
        now=NOW,
    )


def test_a_county_reporter_sees_only_its_own_units_orders(order, qitai_order, actors):
    assert list(selectors.order_list(actor=actors["mulei"], now=NOW)) == [order]
    assert list(selectors.order_list(actor=actors["qitai"], now=NOW)) == [qitai_order]
    with pytest.raises(Http404):
        selectors.order_get(actor=actors["mulei"], pk=qitai_order.pk)


@pytest.mark.parametrize("who", ["leader", "planner", "admin"])
def test_leaders_and_the_office_read_every_order(who, order, qitai_order, actors):
    assert set(selectors.order_list(actor=actors[who], now=NOW)) == {order, qitai_order}


def test_overdue_is_derived_from_now_before_any_escalation(order, qitai_order, actors):
    assert list(selectors.order_list(actor=actors["leader"], now=NOW, show="overdue")) == []
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    assert list(selectors.order_list(actor=actors["leader"], now=LATER, show="overdue")) == [qitai_order]
    assert list(selectors.order_list(actor=actors["leader"], now=LATER, show="escalated")) == []
    services.orders_escalate(now=LATER)
    assert list(selectors.order_list(actor=actors["leader"], now=LATER, show="escalated")) == [qitai_order]


def test_figures_count_open_overdue_and_closed_on_time_by_unit(order, qitai_order, world, actors, deadline):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    services.order_close(actor=actors["planner"], order=order, now=NOW)
    late = services.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        item=world.task,
        title="督办任务",
        requirement="报告",
        deadline=deadline,
        now=NOW,
    )
    services.order_respond(actor=actors["mulei"], order=late, text="已完成", now=LATER)
    services.order_close(actor=actors["planner"], order=late, now=LATER)
    services.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        project=world.mulei_project,
        title="督办项目",
        requirement="报告",
        deadline=LATER.date() + timedelta(days=5),
        now=LATER,
    )
    figures = selectors.order_figures(actor=actors["leader"], now=LATER)
    assert (figures.total, figures.open, figures.overdue, figures.closed, figures.closed_on_time) == (
        4,
        2,
        1,
        2,
        1,
    )
    assert figures.on_time_rate == 50
    rows = {row.label: row for row in figures.by_unit}
    assert (rows["奇台县"].open, rows["奇台县"].overdue) == (1, 1)
    mulei = rows["木垒县"]
    assert (mulei.total, mulei.open, mulei.overdue, mulei.closed_on_time, mulei.closed_late) == (
        3,
        1,
        0,
        1,
        1,
    )
    assert figures.by_unit[0].label == "奇台县"  # the unit with overdue orders comes first
    assert selectors.order_figures(actor=actors["mulei"], now=LATER).total == 3


def test_the_dashboard_lists_a_reporters_open_orders_and_everyone_elses_overdue_ones(
    order, qitai_order, actors
):
    assert selectors.attention_orders(actor=actors["mulei"], now=NOW) == [order]
    assert selectors.attention_orders(actor=actors["leader"], now=NOW) == []
    assert selectors.attention_orders(actor=actors["leader"], now=LATER) == [order, qitai_order]


def test_month_orders_count_an_answered_order_as_open_but_not_overdue_and_a_returned_one_as_overdue(
    world, actors, order, qitai_order
):
    month = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 30, 15, 59, tzinfo=UTC))
    services.order_respond(actor=actors["mulei"], order=order, text="已报送整改措施", now=NOW)
    services.order_respond(actor=actors["qitai"], order=qitai_order, text="正在办理", now=NOW)
    services.order_return(actor=actors["planner"], order=qitai_order, reason="措施不具体", now=NOW)
    found = selectors.month_orders(plan_id=world.plan.pk, unit_ids=None, start=month[0], end=month[1])
    assert set(found.issued) == {order, qitai_order}
    assert set(found.still_open) == {order, qitai_order} and found.closed == []
    assert found.overdue == [qitai_order]
    mulei_only = selectors.month_orders(
        plan_id=world.plan.pk, unit_ids=frozenset({world.mulei_county.pk}), start=month[0], end=month[1]
    )
    assert mulei_only.still_open == [order] and mulei_only.overdue == []


def test_later_steps_do_not_change_how_a_past_month_saw_an_order(world, actors, order):
    november = (datetime(2026, 10, 31, 16, tzinfo=UTC), datetime(2026, 11, 30, 15, 59, tzinfo=UTC))
    services.order_respond(actor=actors["mulei"], order=order, text="已报送", now=NOW)  # before the deadline
    december = datetime(2026, 12, 5, 3, tzinfo=UTC)
    services.order_return(actor=actors["planner"], order=order, reason="措施不具体", now=december)
    services.order_respond(actor=actors["mulei"], order=order, text="已补充", now=december)
    seen = selectors.month_orders(plan_id=world.plan.pk, unit_ids=None, start=november[0], end=november[1])
    assert seen.still_open == [order] and seen.overdue == []  # answered in November, sent back only later
    services.order_close(actor=actors["planner"], order=order, text="", now=december)
    again = selectors.month_orders(plan_id=world.plan.pk, unit_ids=None, start=november[0], end=november[1])
    assert again.still_open == [order] and again.closed == []
