"""Monthly dispatch (调度): reporting periods, progress reports of projects and of key tasks, evidence.

The tables keep the names they had in `projects` (the models moved apps without moving data).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lantu.plans.models import Plan, PlanItem
from lantu.projects.models import MONEY, Project, Stage
from lantu.sources.models import Cited


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
        "projects.ProjectMilestone",
        verbose_name=_("dated milestones reached"),
        blank=True,
        related_name="claims",
        db_table="projects_progressreport_reached_milestones",
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
    history = HistoricalRecords(table_name="projects_historicalprogressreport")

    class Meta:
        db_table = "projects_progressreport"
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        # By the column, not the project: ordering by the relation joined the project and sorted by its
        # code on every query, aggregates and value lists included.
        ordering = ["project_id", "period"]
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
            # The review queue's order (oldest submission first), so its first rows are the index's.
            models.Index(fields=["state", "submitted_at", "period", "project"], name="report_review_order"),
            # Counting the review queues (the reports of a state in a scope, less those the reviewer
            # entered) from the index alone.
            models.Index(fields=["state", "project", "entered_by"], name="report_state_project_entry"),
            # The API list's order (newest month first), so a cursor page starts in the index.
            models.Index(fields=["-period", "project", "revision"], name="report_list"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period}"

    @property
    def in_force(self) -> bool:
        """Return whether the report counts: approved and not superseded (`figures.IN_FORCE` in SQL)."""
        return self.state == self.State.APPROVED and not self.superseded


class ProjectMonth(models.Model):
    """The kept figures of a project on a month, derived from its reports (`lantu.dispatch.kept`).

    Never written by hand: every save or delete of a progress report refreshes its project's year in the
    same transaction, and `lantu rebuild_figures` rebuilds them all. A row exists for every month with
    a report and for every month of a year from its first approved report on.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="kept_months"
    )
    period = models.CharField(_("period"), max_length=7)
    completed = models.DecimalField(
        _("completed this year to date (万元)"), null=True, blank=True, **MONEY
    )  # of the latest report in force of the year up to the month; None: none yet
    rests_on = models.CharField(_("month of the report in force"), max_length=7, blank=True)
    planned = models.DecimalField(
        _("planned investment of the year (万元)"), null=True, blank=True, **MONEY
    )  # the project's annual plan of the month's year; None: none
    rate = models.DecimalField(
        _("completed over planned"), max_digits=20, decimal_places=6, null=True, blank=True
    )  # `kept.completion_rate`; None unless reported with a plan above 0 (judged): the 红黑榜's order
    state = models.CharField(_("state of the latest revision"), max_length=10, blank=True)
    done = models.BooleanField(_("submitted or approved"), default=False)
    first_submitted_at = models.DateTimeField(_("first revision submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("kept monthly figures of a project")
        verbose_name_plural = _("kept monthly figures of projects")
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="kept_project_month_unique")
        ]
        indexes = [
            models.Index(fields=["period", "project", "completed", "rests_on"], name="kept_month_cover"),
            models.Index(fields=["period", "done", "project"], name="kept_month_done"),
            models.Index(fields=["period", "first_submitted_at", "project"], name="kept_month_timely"),
            models.Index(fields=["period", "rate"], name="kept_month_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.period}"


class GroupMonth(models.Model):
    """The kept timeliness of a group of projects on a month: those of one plan, lead unit and county
    that report (`kept.REPORTING_STAGES`), how many of them submitted the month's first revision by
    the deadline, and how many no longer owe the month's report (`lantu.dispatch.kept`).

    A row for every group and month the plan has a reporting period for; refreshed with the kept months
    of a project, when a project changes plan, lead unit, county or stage, and when a period's deadline
    changes. Pages count timeliness and the reports still owed (the reminders) from these rows, a few
    per unit and month, not from every project.
    """

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=7)
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("lead unit"), on_delete=models.CASCADE, related_name="+"
    )
    county = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("county"), on_delete=models.CASCADE, related_name="+"
    )
    projects = models.PositiveIntegerField(_("projects that report"), default=0)
    on_time = models.PositiveIntegerField(_("first reports submitted on time"), default=0)
    done = models.PositiveIntegerField(_("reports submitted or approved"), default=0)

    class Meta:
        verbose_name = _("kept timeliness of a group of projects")
        verbose_name_plural = _("kept timeliness of groups of projects")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period", "lead_unit", "county"], name="kept_group_month_unique"
            )
        ]
        indexes = [models.Index(fields=["period", "plan", "lead_unit"], name="kept_group_month_period")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.period} {self.lead_unit_id} {self.county_id}"


class InvestmentMonth(models.Model):
    """The kept investment figures of a group of projects on a month, year to date (`lantu.dispatch.kept`).

    A group is the projects of one plan, county, lead unit, cluster and park that have an annual plan of
    the month's year; a row per group and month of each year with annual plans. The figures are those of
    `figures.ytd_groups`: planned and completed investment, the projects expected, reported on the month,
    not reported this year, and judged behind time by the on-track floor recorded in `judged_by`.
    Refreshed with the kept months of a project, when an annual plan changes and when a project moves
    group; pages sum a few thousand rows instead of joining every project with its plan and its month.
    """

    period = models.CharField(_("period"), max_length=7)
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    county = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("county"), on_delete=models.CASCADE, related_name="+"
    )
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("lead unit"), on_delete=models.CASCADE, related_name="+"
    )
    cluster = models.ForeignKey(
        "plans.Cluster", verbose_name=_("cluster"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    park = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("park"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    planned = models.DecimalField(_("planned investment of the year (万元)"), **MONEY)
    completed = models.DecimalField(_("completed this year to date (万元)"), **MONEY)
    projects = models.PositiveIntegerField(_("projects with an annual plan"), default=0)
    reported = models.PositiveIntegerField(_("projects reported on the month"), default=0)
    unreported = models.PositiveIntegerField(_("projects not reported this year"), default=0)
    behind = models.PositiveIntegerField(_("projects behind time"), default=0)
    judged_by = models.CharField(_("on-track floor counted with"), max_length=24)

    class Meta:
        verbose_name = _("kept investment figures of a group of projects")
        verbose_name_plural = _("kept investment figures of groups of projects")
        indexes = [
            models.Index(fields=["period", "plan", "county", "lead_unit"], name="kept_sums_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.plan_id} {self.county_id} {self.lead_unit_id}"


class ProjectTally(models.Model):
    """Kept: how many projects, and their total investment, per county, lead unit, park and stage.

    A row per combination that has projects (`figures.TALLY_KEY`); the figures are those of
    `figures.live_tallies`. Recounted (`lantu.dispatch.kept`) when a project is created, deleted or changes
    one of those columns, its total investment or its sample marks; the dashboard's projects per county
    and per stage, and the project list's totals, add up a few hundred rows instead of every project,
    filtered by the reader's realm on the unit columns.
    """

    county = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("county"), on_delete=models.CASCADE, related_name="+"
    )
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("lead unit"), on_delete=models.CASCADE, related_name="+"
    )
    park = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("park"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    projects = models.PositiveIntegerField(_("projects"), default=0)
    investment = models.DecimalField(_("total investment (万元)"), **MONEY)
    without_investment = models.PositiveIntegerField(_("projects without a total investment"), default=0)
    sample_investment = models.PositiveIntegerField(_("projects with a sample total investment"), default=0)

    class Meta:
        verbose_name = _("kept count of projects")
        verbose_name_plural = _("kept counts of projects")

    def __str__(self) -> str:
        return f"{self.county_id} {self.lead_unit_id} {self.stage}"


class ReportingPeriod(models.Model):
    """A month a plan's units report on, with its deadline; the office opens and closes it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    period = models.CharField(_("period"), max_length=7, help_text=_("2026-09"))
    deadline = models.DateField(pgettext_lazy("reporting period", "deadline"))
    is_open = models.BooleanField(_("open for reporting"), default=True)
    history = HistoricalRecords(table_name="projects_historicalreportingperiod")

    class Meta:
        db_table = "projects_reportingperiod"
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
    history = HistoricalRecords(table_name="projects_historicaltaskreport")

    class Meta:
        db_table = "projects_taskreport"
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
    # A photo's upright thumbnail and what its EXIF says: when and where it was taken (empty when absent).
    thumbnail = models.FileField(_("thumbnail"), upload_to="evidence/thumbnails/%Y/%m/", blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    history = HistoricalRecords(table_name="projects_historicalattachment")

    class Meta:
        db_table = "projects_attachment"
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

    @property
    def place(self) -> str:
        """Return where the photo was taken, as 北纬/东经 degrees, or an empty string."""
        if self.latitude is None or self.longitude is None:
            return ""
        north = _("%(deg)s°N") if self.latitude >= 0 else _("%(deg)s°S")
        east = _("%(deg)s°E") if self.longitude >= 0 else _("%(deg)s°W")
        return str(_("%(north)s, %(east)s")) % {
            "north": north % {"deg": f"{abs(self.latitude):.5f}"},
            "east": east % {"deg": f"{abs(self.longitude):.5f}"},
        }
