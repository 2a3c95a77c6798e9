"""The demo holds sample supervision orders: one closed on time, one overdue and escalated to 木垒."""

from datetime import UTC, datetime

import pytest

from lantu.demo.services import demo_load
from lantu.supervision.models import SupervisionOrder, SupervisionStep

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_demo_orders_cover_closed_on_time_and_overdue_escalated_and_load_once(settings):
    settings.DEMO = True
    demo_load(now=NOW)
    orders = {
        o.title: o for o in SupervisionOrder.objects.select_related("unit", "escalated_to", "issued_by")
    }
    closed = [o for o in orders.values() if o.state == "closed"]
    assert [o.closed_on_time for o in closed] == [True] and closed[0].problem is not None
    [overdue] = [o for o in orders.values() if o.level == 1]
    assert (
        overdue.unit.code == "mulei"
        and overdue.escalated_to.code == "changji"
        and overdue.project is not None
    )
    assert overdue.state == "issued" and overdue.deadline < NOW.date()
    assert all(o.is_sample and o.issued_by.username == "planner" for o in orders.values())
    assert overdue.steps.filter(kind="escalate").count() == 1
    steps = SupervisionStep.objects.count()
    demo_load(now=NOW)
    assert SupervisionOrder.objects.count() == len(orders) and SupervisionStep.objects.count() == steps
