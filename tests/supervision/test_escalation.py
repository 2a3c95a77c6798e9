"""Orders left unanswered past their deadline escalate one level, once, by the command."""

from datetime import UTC, date, datetime, timedelta

from django.core.management import call_command

from lantu.supervision import services

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # as in conftest.py
DEADLINE = date(2026, 11, 20)

AFTER = NOW + timedelta(days=30)  # past DEADLINE


def test_an_overdue_order_escalates_to_the_units_parent_with_one_step(order, world):
    [escalated] = services.orders_escalate(now=AFTER)
    order.refresh_from_db()
    assert escalated == order
    assert (order.level, order.escalated_to, order.escalated_at) == (1, world.prefecture, AFTER)
    assert list(order.steps.filter(kind="escalate").values_list("actor", flat=True)) == [None]


def test_escalation_is_idempotent(order):
    services.orders_escalate(now=AFTER)
    assert services.orders_escalate(now=AFTER + timedelta(days=1)) == []
    assert order.steps.filter(kind="escalate").count() == 1


def test_orders_within_their_deadline_or_answered_do_not_escalate(order, actors):
    assert services.orders_escalate(now=NOW) == []
    assert services.orders_escalate(now=NOW.replace(day=DEADLINE.day)) == []
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    assert services.orders_escalate(now=AFTER) == []
    order.refresh_from_db()
    assert order.level == 0


def test_a_returned_order_left_unanswered_escalates(order, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    services.order_return(actor=actors["planner"], order=order, reason="不充分", now=NOW)
    assert services.orders_escalate(now=AFTER) == [order]


def test_the_command_escalates_and_says_how_many(order, capsys, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: AFTER)
    call_command("escalate_orders")
    call_command("escalate_orders")
    out = capsys.readouterr().out
    assert "escalated: 1" in out and "escalated: 0" in out
    assert order.steps.filter(kind="escalate").count() == 1
