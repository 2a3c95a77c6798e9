"""Supervision orders (督办): the office orders a unit to act on a lagging item, project or problem."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lantu.orgs.models import OrgUnit
from lantu.plans.models import PlanItem
from lantu.problems.models import Problem
from lantu.projects.models import Project
from lantu.sources.models import Cited

_USER: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class SupervisionOrder(Cited):
    """An order to a unit to act on one subject by a deadline, answered, then closed (销号) or returned."""

    class State(models.TextChoices):
        ISSUED = "issued", pgettext_lazy("supervision", "issued")
        RESPONDED = "responded", pgettext_lazy("supervision", "responded")
        RETURNED = "returned", pgettext_lazy("supervision", "returned")
        CLOSED = "closed", pgettext_lazy("supervision", "closed")

    class Level(models.IntegerChoices):
        UNIT = 0, _("the unit")
        PARENT = 1, _("escalated to the higher level")

    item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_orders",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_orders",
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name=_("problem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_orders",
    )
    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit ordered to act"), on_delete=models.PROTECT, related_name="+"
    )
    requirement = models.TextField(_("required response"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        pgettext_lazy("supervision", "state"), max_length=10, choices=State.choices, default=State.ISSUED
    )
    level = models.PositiveSmallIntegerField(_("escalation level"), choices=Level.choices, default=Level.UNIT)
    escalated_to = models.ForeignKey(
        OrgUnit,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), **_USER)
    issued_at = models.DateTimeField(_("issued at"))
    responded_at = models.DateTimeField(_("last responded at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), **_USER)
    closed_at = models.DateTimeField(pgettext_lazy("supervision", "closed at"), null=True, blank=True)
    closed_on_time = models.BooleanField(_("closed on time"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(item__isnull=False, project__isnull=True, problem__isnull=True)
                    | Q(item__isnull=True, project__isnull=False, problem__isnull=True)
                    | Q(item__isnull=True, project__isnull=True, problem__isnull=False)
                ),
                name="supervision_order_one_subject",
            )
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="supervision_state_deadline"),
            models.Index(fields=["unit", "state"], name="supervision_unit_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self) -> PlanItem | Project | Problem:
        """Return what the order is about."""
        return self.item or self.project or self.problem

    @property
    def subject_kind(self) -> str:
        """Return which kind of subject the order is about: item, project or problem."""
        return "item" if self.item_id else "project" if self.project_id else "problem"

    @property
    def is_open(self) -> bool:
        """Return whether the order still waits for the unit or the office."""
        return self.state != self.State.CLOSED

    @property
    def awaits_unit(self) -> bool:
        """Return whether the unit owes a response (issued, or returned to it)."""
        return self.state in (self.State.ISSUED, self.State.RETURNED)


class SupervisionStep(models.Model):
    """One recorded step of an order: issued, answered, closed, returned or escalated."""

    class Kind(models.TextChoices):
        ISSUE = "issue", pgettext_lazy("supervision", "issued")
        RESPOND = "respond", pgettext_lazy("supervision", "responded")
        CLOSE = "close", _("accepted and closed")
        RETURN = "return", _("sent back")
        ESCALATE = "escalate", pgettext_lazy("supervision", "escalated")

    order = models.ForeignKey(
        SupervisionOrder, verbose_name=_("supervision order"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), **_USER)
    at = models.DateTimeField(_("at"))
    text = models.TextField(pgettext_lazy("supervision", "text"), blank=True)
    evidence = models.FileField(_("evidence file"), upload_to="supervision/%Y/%m/", blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    evidence_size = models.PositiveIntegerField(_("evidence size (bytes)"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision step")
        verbose_name_plural = _("supervision steps")
        ordering = ["order", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.order} · {self.get_kind_display()}"
