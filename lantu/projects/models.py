"""Major projects and their periodic progress reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.sources.models import Cited

MONEY = {"max_digits": 16, "decimal_places": 2}


class Stage(models.TextChoices):
    """Life stage of a major project."""

    RESERVE = "reserve", _("reserve (储备)")
    PREPARATION = "preparation", _("preparation (前期)")
    NEW = "new", _("newly started (新开工)")
    CONTINUING = "continuing", _("continuing (续建)")
    COMPLETED = "completed", _("completed (竣工)")
    OPERATING = "operating", _("in operation (投产)")


class Project(Cited):
    """A major investment project; money is in 万元."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    county = models.ForeignKey(
        OrgUnit, verbose_name=_("county"), on_delete=models.PROTECT, related_name="county_projects"
    )
    park = models.ForeignKey(
        OrgUnit,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="park_projects",
    )
    lead_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_projects"
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    items = models.ManyToManyField(
        PlanItem, verbose_name=_("plan items"), blank=True, related_name="projects"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    total_investment = models.DecimalField(_("total investment (万元)"), null=True, blank=True, **MONEY)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        verbose_name = _("major project")
        verbose_name_plural = _("major projects")
        ordering = ["code"]
        indexes = [models.Index(fields=["county", "stage"]), models.Index(fields=["cluster", "stage"])]

    def __str__(self) -> str:
        return self.name


class AnnualPlan(Cited):
    """A project's planned investment for one year (年度计划投资)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="annual_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned_investment = models.DecimalField(_("planned investment (万元)"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual investment plan")
        verbose_name_plural = _("annual investment plans")
        ordering = ["project", "year"]
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="annual_plan_year_unique")]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class ProgressReport(Cited):
    """A monthly progress report on a project (调度)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.CharField(_("period"), max_length=7, help_text=_("2026-09"))
    completed_investment = models.DecimalField(_("completed this period (万元)"), **MONEY)
    cumulative_investment = models.DecimalField(_("completed this year to date (万元)"), **MONEY)
    physical_progress = models.DecimalField(
        _("physical progress (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    narrative = models.TextField(_("narrative"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["project", "period"]
        constraints = [models.UniqueConstraint(fields=["project", "period"], name="report_period_unique")]

    def __str__(self) -> str:
        return f"{self.project} {self.period}"
