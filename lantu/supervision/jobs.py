"""Scheduled supervision work, run by `lantu worker` (settings.LANTU_SCHEDULE)."""

from django.utils import timezone

from lantu.supervision.services import orders_escalate


def escalate_overdue(*, progress) -> list[int]:
    """Escalate the orders left unanswered past their deadline one level (daily)."""
    progress.step("escalate", 0, 1)
    escalated = orders_escalate(now=timezone.now())
    progress.step("escalate", 1, 1)
    return [order.pk for order in escalated]
