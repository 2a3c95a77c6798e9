"""Reads for notifications: a user's inbox, unread count, preferences and the reminders sent."""

from django.db.models import QuerySet

from lantu.notify.models import EventKind, Notification, Preference, ReminderSent


def unread_count(*, user) -> int:
    """Return how many of the user's notifications are unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def inbox(*, user, unread_only: bool = False, limit: int = 200) -> QuerySet[Notification]:
    """Return the user's latest notifications."""
    rows = Notification.objects.filter(user=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows[:limit]


def preference_rows(*, user) -> list[tuple[str, str, Preference]]:
    """Return (kind, label, preference) for every event kind, the defaults where the user chose nothing."""
    chosen = {p.kind: p for p in Preference.objects.filter(user=user)}
    return [
        (k.value, str(k.label), chosen.get(k.value) or Preference(user=user, kind=k.value)) for k in EventKind
    ]


def reminders_sent(*, limit: int = 50) -> QuerySet[ReminderSent]:
    """Return the latest reminders to report that were sent, with their unit and sender."""
    return ReminderSent.objects.select_related("unit", "sent_by")[:limit]
