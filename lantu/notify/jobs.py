"""Scheduled notification work, run by `lantu worker` (settings.LANTU_SCHEDULE)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lantu.core import overdue
from lantu.dispatch import selectors as dispatch
from lantu.notify.models import EventKind
from lantu.notify.services import digest_send, notify_event
from lantu.projects.procedure_selectors import late_procedures


def deadline_reminders(*, progress) -> int:
    """Remind the units that owe reports N days before a deadline and N days after it; return how many."""
    now = timezone.now()
    today = timezone.localdate(now)
    sent = 0
    periods = list(dispatch.open_periods())
    for done, period in enumerate(periods):
        progress.step(period.period, done, len(periods))
        days = (period.deadline - today).days
        if overdue.is_overdue(period.deadline, on=today):
            kind, wanted = EventKind.REPORT_OVERDUE, -days in settings.LANTU_REMIND_DAYS_AFTER
        else:
            kind, wanted = EventKind.REPORT_DUE, days in settings.LANTU_REMIND_DAYS_BEFORE
        if not wanted:
            continue
        with transaction.atomic():
            for unit_id, count in dispatch.owed_by_unit(period).items():
                notify_event(
                    kind=kind,
                    units=[unit_id],
                    context={
                        "count": count,
                        "period": period.period,
                        "days": days,
                        "deadline": period.deadline.isoformat(),
                        "url": reverse("projects:unit"),
                    },
                    now=now,
                )
                sent += 1
    return sent


def procedure_reminders(*, progress) -> int:
    """Remind the units answering for a late approval (超时) N days after its due date; return how many."""
    now = timezone.now()
    late = [
        found
        for found in late_procedures(on=timezone.localdate(now))
        if found.days_overdue in settings.LANTU_REMIND_DAYS_AFTER
    ]
    for done, found in enumerate(late):
        progress.step(found.procedure.kind.name, done, len(late))
        project, planned = found.procedure.project, found.procedure.planned_date
        with transaction.atomic():
            notify_event(
                kind=EventKind.PROCEDURE_OVERDUE,
                units=list(found.owner_unit_ids),
                context={
                    "title": found.procedure.kind.name,
                    "project": f"{project.code} {project.name}",
                    "deadline": planned.isoformat() if planned else "",
                    "days": found.days_overdue,
                    "url": reverse("projects:detail", args=[project.pk]),
                },
                now=now,
            )
    return len(late)


def daily_digest(*, progress) -> int:
    """Send the daily e-mail digests."""
    return digest_send(progress=progress, now=timezone.now())
