"""Writes for notifications: record an event for its people, send on outside channels, read, remind.

The public call is ``notify_event``. It runs inside the action that caused the event: it records inbox
rows and queues one job per outside message, all in the action's transaction. Sending happens in the
worker, where a failing channel is retried and never blocks or rolls back the action.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu import jobs
from lantu.notify import channels, messages
from lantu.notify.models import Delivery, EventKind, Notification, Preference, ReminderSent, Webhook
from lantu.orgs.models import Membership

# An outside message is tried this many times (30 s, 1 min, 2 min, 4 min apart) before it fails.
DELIVERY_ATTEMPTS = 5


def _recipients(units: Iterable[int], users: Iterable[int], actor_id: int | None) -> list:
    ids = set(users) | set(
        Membership.objects.filter(unit_id__in=list(units)).values_list("user_id", flat=True)
    )
    ids.discard(actor_id)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def _preferences(users: list, kind: str) -> dict[int, Preference]:
    found = {p.user_id: p for p in Preference.objects.filter(user__in=users, kind=kind)}
    return {u.pk: found.get(u.pk) or Preference(user=u, kind=kind) for u in users}


def _queue_delivery(delivery: Delivery) -> None:
    jobs.enqueue(
        "lantu.notify.services.delivery_send",
        title=_("Send %(channel)s message") % {"channel": delivery.get_channel_display()},
        kwargs={"delivery_id": delivery.pk},
        subject=f"delivery:{delivery.pk}",
        max_attempts=DELIVERY_ATTEMPTS,
    )


def _full_text(text: str, url: str) -> str:
    base = settings.LANTU_SITE_URL.rstrip("/")
    return f"{text}\n{base}{url}" if url and base else text


def notify_event(
    *,
    kind: str,
    now: datetime,
    obj: Any = None,
    units: Iterable[int] = (),
    users: Iterable[int] = (),
    context: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> list[Notification]:
    """Notify the members of the units and the named users (not the actor) of an event; return inbox rows.

    Each user's Preference for the kind picks the inbox and e-mail (single or in the daily digest);
    each active group robot of the units hears it too. context gives the message's words (title,
    reason, period, deadline, …) and "url", the link to the object.
    """
    context = dict(context or {})
    if "title" not in context and obj is not None:
        context["title"] = str(obj)
    text, url = messages.text(kind, context), str(context.get("url", ""))[:300]
    units = [u for u in units if u]
    created = []
    people = _recipients(units, users, actor_id)
    for user in people:
        preference = _preferences([user], kind)[user.pk]
        wants_email = preference.email and settings.LANTU_EMAIL and user.email
        if preference.inbox or wants_email:
            created.append(
                Notification.objects.create(
                    user=user,
                    kind=kind,
                    text=text[:500],
                    url=url,
                    created_at=now,
                    read_at=None if preference.inbox else now,
                    in_digest=bool(wants_email and preference.digest),
                )
            )
        if wants_email and not preference.digest:
            delivery = Delivery.objects.create(
                channel=Delivery.Channel.EMAIL,
                kind=kind,
                to=user.email,
                subject=messages.subject(kind),
                body=_full_text(text, url),
                created_at=now,
            )
            _queue_delivery(delivery)
    for hook in Webhook.objects.filter(unit_id__in=units, active=True).order_by("pk"):
        if hook.events and kind not in hook.events:
            continue
        delivery = Delivery.objects.create(
            channel=hook.kind,
            kind=kind,
            webhook=hook,
            subject=messages.subject(kind),
            body=_full_text(text, url),
            created_at=now,
        )
        _queue_delivery(delivery)
    return created


def delivery_send(*, progress, delivery_id: int) -> str:
    """Send one outside message (a job); raise on failure so the job retries it."""
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    if delivery.state == Delivery.State.SENT:
        return "sent before"
    progress.step(_("sending"), 0, 1)
    Delivery.objects.filter(pk=delivery.pk).update(attempts=delivery.attempts + 1)
    try:
        if delivery.channel == Delivery.Channel.EMAIL:
            channels.send_email(delivery.to, delivery.subject, delivery.body)
        else:
            hook = delivery.webhook
            if hook is None:
                raise channels.ChannelError(_("The group robot was removed."))
            url = hook.url
            if delivery.channel == Delivery.Channel.DINGTALK:
                url = channels.dingtalk_url(hook.url, hook.secret, timezone.now())
            channels.post_robot(url, f"{delivery.subject}\n{delivery.body}")
    except Exception as exc:
        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.FAILED, error=str(exc)[:2000])
        raise
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.SENT, error="", sent_at=timezone.now()
    )
    progress.step(_("sent"), 1, 1)
    return "sent"


@transaction.atomic
def notifications_read(*, user, now: datetime, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ids) read; return how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=now)


@transaction.atomic
def preferences_set(*, user, choices: dict[str, dict[str, bool]]) -> None:
    """Save the user's channels per event kind: {kind: {"inbox": bool, "email": bool, "digest": bool}}."""
    for kind, chosen in choices.items():
        EventKind(kind)  # refuse unknown kinds
        Preference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={k: bool(chosen.get(k, False)) for k in ("inbox", "email", "digest")},
        )


def digest_send(*, progress, now: datetime | None = None) -> int:
    """Send each user one e-mail of the notifications waiting for the digest (daily); return how many."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(in_digest=True).select_related("user").order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for note in waiting:
        by_user.setdefault(note.user_id, []).append(note)
    for notes in by_user.values():
        with transaction.atomic():
            delivery = Delivery.objects.create(
                channel=Delivery.Channel.EMAIL,
                kind=notes[0].kind,
                to=notes[0].user.email,
                subject=_digest_subject(len(notes)),
                body="\n\n".join(_full_text(n.text, n.url) for n in notes),
                created_at=now,
            )
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(in_digest=False)
            _queue_delivery(delivery)
        progress.step(_("sending the digest"), len(by_user), len(by_user))
    return len(by_user)


def _digest_subject(count: int) -> str:
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _("【Lantu】Daily digest: %(count)s notifications") % {"count": count}


@transaction.atomic
def reminders_send(
    *, sender_id: int | None, owed: list[tuple[int, int, int, list[str]]], now: datetime
) -> list[ReminderSent]:
    """Remind units to report (催报): owed is (unit id, due, overdue, periods); record each reminder."""
    sent = []
    for unit_id, due, late, periods in owed:
        if due + late == 0:
            continue
        sent.append(
            ReminderSent.objects.create(
                unit_id=unit_id, sent_by_id=sender_id, sent_at=now, due=due, overdue=late
            )
        )
        notify_event(
            kind=EventKind.REMINDER,
            units=[unit_id],
            context={"count": due + late, "periods": "、".join(periods), "url": reverse("projects:unit")},
            actor_id=sender_id,
            now=now,
        )
    return sent
