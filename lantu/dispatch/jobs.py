"""Scheduled dispatch work, run by `lantu worker` (settings.LANTU_SCHEDULE)."""

from django.utils import timezone

from lantu.dispatch.services import periods_open_last_month


def open_last_month(*, progress) -> list[str]:
    """Open last month's reporting period of every plan that reports monthly (on the 1st of a month)."""
    progress.step("open", 0, 1)
    opened = periods_open_last_month(now=timezone.now())
    progress.step("open", 1, 1)
    return [f"{p.plan_id}:{p.period}" for p in opened]
