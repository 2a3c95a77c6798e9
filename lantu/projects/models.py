"""Major projects and their periodic progress reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
    reported_stage = models.CharField(_("stage reached"), max_length=12, choices=Stage.choices, blank=True)
    milestones = models.TextField(_("milestones reached"), blank=True)
    reached_milestones = models.ManyToManyField(
        "ProjectMilestone", verbose_name=_("dated milestones reached"), blank=True, related_name="claims"
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    superseded = models.BooleanField(_("superseded by a later revision"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    correction_reason = models.TextField(
        _("reason for correcting the year to date"),
        blank=True,
        help_text=_("Why the year-to-date investment does not add up or goes backwards."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["project", "period"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period", "revision"], name="report_revision_unique")
        ]
        indexes = [
            # Covering the month's figures (latest approved investment) and timeliness counts.
            models.Index(
                fields=["period", "state", "superseded", "project", "cumulative_investment"],
                name="report_period_state_cover",
            ),
            models.Index(fields=["period", "revision", "submitted_at", "project"], name="report_timely"),
            models.Index(fields=["project", "period"], name="report_project_period"),
            models.Index(fields=["state", "submitted_at"], name="report_state_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period}"


class ReportingPeriod(models.Model):
    """A month a plan's units report on, with its deadline; the office opens and closes it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    period = models.CharField(_("period"), max_length=7, help_text=_("2026-09"))
    deadline = models.DateField(pgettext_lazy("reporting period", "deadline"))
    is_open = models.BooleanField(_("open for reporting"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "-period"]
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="reporting_period_unique")]

    def __str__(self) -> str:
        return f"{self.plan} {self.period}"


class TaskReport(models.Model):
    """A monthly progress report on a key task (重点任务) by its lead unit.

    Like a project's report, a correction of an approved report is its next `revision`; the approved
    one stays in force until the correction is approved, which marks it `superseded`.
    """

    item = models.ForeignKey(
        PlanItem, verbose_name=_("task"), on_delete=models.CASCADE, related_name="task_reports"
    )
    period = models.CharField(_("period"), max_length=7)
    progress = models.DecimalField(_("progress (%)"), max_digits=5, decimal_places=1)
    narrative = models.TextField(_("narrative"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ProgressReport.State.choices, default=ProgressReport.State.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    superseded = models.BooleanField(_("superseded by a later revision"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        ordering = ["item", "-period", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["item", "period", "revision"], name="task_report_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.period}"


class Attachment(models.Model):
    """An evidence file of a task report or a project's progress report, kept through Django's storage API."""

    report = models.ForeignKey(
        TaskReport,
        verbose_name=_("task report"),
        on_delete=models.CASCADE,
        related_name="attachments",
        null=True,
        blank=True,
    )
    progress_report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="attachments",
        null=True,
        blank=True,
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, progress_report__isnull=True)
                | models.Q(report__isnull=True, progress_report__isnull=False),
                name="attachment_of_one_report",
            )
        ]

    def __str__(self) -> str:
        return self.name


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
        ProgressReport,
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["state", "factor"]), models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return self.title


class ProjectMilestone(models.Model):
    """A dated milestone of a project (节点目标); an approved report marks it reached."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="dated_milestones"
    )
    name = models.CharField(_("milestone"), max_length=200)
    planned_date = models.DateField(_("planned date"))
    reached_date = models.DateField(_("reached on"), null=True, blank=True)
    reached_report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("reached per report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project milestone")
        verbose_name_plural = _("project milestones")
        ordering = ["project", "planned_date", "pk"]
        # Overdue milestones on a day: unreached (or reached after it) and planned before it.
        indexes = [models.Index(fields=["reached_date", "planned_date"], name="milestone_reached_planned")]

    def __str__(self) -> str:
        return f"{self.project} {self.name}"


class Contribution(Cited):
    """What a project adds to an indicator once it reaches a stage (项目对指标的贡献)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="contributions"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    amount = models.DecimalField(
        _("amount added"),
        max_digits=20,
        decimal_places=4,
        help_text=_("The change to the indicator's value, in its unit; negative for a decrease."),
    )
    stage = models.CharField(
        _("counts from stage"), max_length=12, choices=Stage.choices, default=Stage.OPERATING
    )
    expected_year = models.PositiveSmallIntegerField(_("expected year"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project contribution")
        verbose_name_plural = _("project contributions")
        ordering = ["indicator", "expected_year", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator"], name="contribution_project_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.indicator}"
