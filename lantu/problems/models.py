"""Problems blocking projects (问题清单).

The table keeps the name it had in `projects` (the model moved apps without moving data).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lantu.orgs.models import OrgUnit
from lantu.projects.models import Project


class Problem(models.Model):
    """A problem blocking a project (问题清单), asked of a unit to solve by a date."""

    class Factor(models.TextChoices):
        LAND = "land", _("land")
        CAPITAL = "capital", _("capital")
        ENERGY = "energy", _("energy")
        WATER = "water", _("water")
        APPROVAL = "approval", _("approval")
        OTHER = "other", _("other")

    class Urgency(models.TextChoices):
        HIGH = "high", _("urgent")
        MEDIUM = "medium", _("normal")
        LOW = "low", _("low")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("problems", "open")
        IN_PROGRESS = "in_progress", _("in progress")
        SOLVED = "solved", _("solved")
        ESCALATED = "escalated", _("escalated")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="problems"
    )
    report = models.ForeignKey(
        "dispatch.ProgressReport",
        verbose_name=_("raised in report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    factor = models.CharField(_("factor"), max_length=10, choices=Factor.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit asked to solve"), on_delete=models.PROTECT, related_name="problems"
    )
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        pgettext_lazy("problems", "state"), max_length=12, choices=State.choices, default=State.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("raised at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    history = HistoricalRecords(table_name="projects_historicalproblem")

    class Meta:
        db_table = "projects_problem"
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["state", "factor"]), models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return self.title
