"""Notifications: the inbox, each user's channel choices, unit group robots, deliveries and reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.orgs.models import OrgUnit


class EventKind(models.TextChoices):
    PERIOD_OPENED = "period_opened", _("reporting period opened")
    REPORT_DUE = "report_due", _("report due soon")
    REPORT_OVERDUE = "report_overdue", _("report overdue")
    RETURNED = "returned", _("returned for correction")
    APPROVED = "approved", _("approved")
    ORDER_ISSUED = "order_issued", _("supervision order issued")
    ORDER_ANSWERED = "order_answered", _("supervision order answered")
    ORDER_SENT_BACK = "order_sent_back", _("supervision answer sent back")
    ORDER_OVERDUE = "order_overdue", _("supervision order overdue")
    ORDER_ESCALATED = "order_escalated", _("supervision order escalated")
    INDICATOR_OFF_TRACK = "indicator_off_track", _("indicator seriously lagging")
    DOCUMENT_READY = "document_ready", _("generated document ready")
    REMINDER = "reminder", _("reminder to report")
    PROCEDURE_OVERDUE = "procedure_overdue", _("approval procedure overdue")


class Notification(models.Model):
    """One message in a user's inbox, linking to what it is about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # waits for the user's daily e-mail digest
    in_digest = models.BooleanField(_("waits for the digest"), default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class Preference(models.Model):
    """How a user wants to hear of one kind of event: in the inbox, by e-mail, or in the daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    inbox = models.BooleanField(_("inbox"), default=True)
    email = models.BooleanField(_("e-mail"), default=False)
    digest = models.BooleanField(_("daily digest instead of single e-mails"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notify_one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class Webhook(models.Model):
    """A unit's group robot in 企业微信 (WeCom) or 钉钉 (DingTalk) that hears the unit's events."""

    class Kind(models.TextChoices):
        WECOM = "wecom", _("WeCom group robot")
        DINGTALK = "dingtalk", _("DingTalk group robot")

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(pgettext_lazy("webhook", "kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("webhook address"), max_length=500)
    secret = models.CharField(_("signing secret (DingTalk)"), max_length=200, blank=True)
    events = models.JSONField(_("events (empty: all)"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()}"


class Delivery(models.Model):
    """One message on one outside channel; sent by a job, retried until it goes through or gives up."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        WECOM = "wecom", _("WeCom")
        DINGTALK = "dingtalk", _("DingTalk")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    to = models.CharField(_("to"), max_length=300, blank=True)
    webhook = models.ForeignKey(
        Webhook, verbose_name=_("group robot"), null=True, blank=True, on_delete=models.CASCADE
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    state = models.CharField(
        pgettext_lazy("delivery", "state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.subject}"


class ReminderSent(models.Model):
    """A reminder to report (催报) sent to a unit: who sent it, when, and how many reports it owed."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), db_index=True)
    due = models.PositiveIntegerField(_("due"), default=0)
    overdue = models.PositiveIntegerField(_("overdue"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.sent_at:%Y-%m-%d %H:%M}"
