"""Things that happened, announced once for whoever listens (notifications), without importing them.

An app of any layer calls ``events.emit(...)`` inside its service; lantu.notify listens (it sits above
most apps, so they cannot import it). Receivers must not raise into the action: notify only records and
queues the sending, in the action's transaction.
"""

from datetime import datetime
from typing import Any

from django.dispatch import Signal

# Sent with kind, obj, units (ids of the org units concerned), users (ids), context (dict), actor_id, now.
happened = Signal()

PERIOD_OPENED = "period_opened"
REPORT_DUE = "report_due"
REPORT_OVERDUE = "report_overdue"
RETURNED = "returned"
APPROVED = "approved"
ORDER_ISSUED = "order_issued"
ORDER_ANSWERED = "order_answered"
ORDER_SENT_BACK = "order_sent_back"
ORDER_OVERDUE = "order_overdue"
ORDER_ESCALATED = "order_escalated"
INDICATOR_OFF_TRACK = "indicator_off_track"
DOCUMENT_READY = "document_ready"
REMINDER = "reminder"
PROCEDURE_OVERDUE = "procedure_overdue"


def emit(
    *,
    kind: str,
    now: datetime,
    obj: Any = None,
    units: list[int] | tuple[int, ...] = (),
    users: list[int] | tuple[int, ...] = (),
    context: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> None:
    """Announce that something happened to the units' people (and the named users)."""
    happened.send(
        sender=kind,
        kind=kind,
        obj=obj,
        units=[u for u in units if u],
        users=[u for u in users if u],
        context=context or {},
        actor_id=actor_id,
        now=now,
    )
