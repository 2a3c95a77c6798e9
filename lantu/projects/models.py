"""Major projects, their annual plans, dated milestones, pre-construction approvals and contributions."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantu.core import geo
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.projects.national_code import validate_national_code
from lantu.sources.models import Cited

MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}


def _degrees(label, bounds, help_text) -> models.DecimalField:
    """Return an optional coordinate field in degrees within `bounds` (about a metre: five places)."""
    low, high = bounds
    return models.DecimalField(
        label,
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=help_text,
    )


class Stage(models.TextChoices):
    """Life stage of a major project."""

    RESERVE = "reserve", _("reserve (储备)")
    PREPARATION = "preparation", _("preparation (前期)")
    NEW = "new", _("newly started (新开工)")
    CONTINUING = "continuing", _("continuing (续建)")
    COMPLETED = "completed", _("completed (竣工)")
    OPERATING = "operating", _("in operation (投产)")


class ApprovalType(models.TextChoices):
    """How a project is approved before construction (审批制 / 核准制 / 备案制)."""

    GOVERNMENT = "government", _("government investment, examined (审批)")
    APPROVAL = "approval", _("enterprise investment, approved (核准)")
    FILING = "filing", _("enterprise investment, filed (备案)")


class Project(Cited):
    """A major investment project; money is in 万元."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    national_code = models.CharField(
        _("national project code (项目代码)"),
        max_length=24,
        null=True,
        blank=True,
        unique=True,  # NULL for projects without one: unique only when set
        validators=[validate_national_code],
        help_text=_(
            "The 24-character code of the national online approval platform, e.g. 2107-652301-04-01-583026."
        ),
    )
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
    approval_type = models.CharField(
        _("approval type"), max_length=12, choices=ApprovalType.choices, blank=True, default=""
    )
    total_investment = models.DecimalField(_("total investment (万元)"), null=True, blank=True, **MONEY)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Where the project is built, WGS-84 degrees (GPS, 天地图 CGCS2000 is the same to a metre).
    latitude = _degrees(
        _("latitude"),
        geo.LATITUDE,
        _("Degrees north, e.g. 44.01234; with the longitude it places the project on the map."),
    )
    longitude = _degrees(_("longitude"), geo.LONGITUDE, _("Degrees east, e.g. 87.30456."))
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        verbose_name = _("major project")
        verbose_name_plural = _("major projects")
        ordering = ["code"]
        indexes = [models.Index(fields=["county", "stage"]), models.Index(fields=["cluster", "stage"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if geo.coordinate_problem(self.latitude, self.longitude) == "pair":
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))


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


class ProjectMilestone(models.Model):
    """A dated milestone of a project (节点目标); an approved report marks it reached."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="dated_milestones"
    )
    name = models.CharField(_("milestone"), max_length=200)
    planned_date = models.DateField(_("planned date"))
    reached_date = models.DateField(_("reached on"), null=True, blank=True)
    reached_report = models.ForeignKey(
        "dispatch.ProgressReport",
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
        # With the project, so that the overdue ranges are read from the index alone.
        indexes = [
            models.Index(fields=["reached_date", "planned_date", "project"], name="milestone_overdue_cover")
        ]

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


class ProcedureKind(models.Model):
    """A kind of pre-construction approval (前期手续) in the catalogue, e.g. 环评批复 by 生态环境局."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("granting department"),
        on_delete=models.PROTECT,
        related_name="procedure_kinds",
        limit_choices_to={"kind": OrgUnit.Kind.DEPARTMENT},
    )
    approval_types = models.JSONField(
        _("applies to approval types"),
        default=list,
        blank=True,
        help_text=_("The approval types it applies to; empty for every project."),
    )
    group = models.PositiveSmallIntegerField(
        _("order group"),
        default=1,
        help_text=_("Groups run one after another; the procedures of one group run in parallel (并联审批)."),
    )
    default_days = models.PositiveSmallIntegerField(_("default duration (days)"), default=30)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procedure kind")
        verbose_name_plural = _("procedure kinds")
        ordering = ["group", "order", "code"]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, project: Project) -> bool:
        """Return whether a project of its approval type needs this procedure."""
        return not self.approval_types or project.approval_type in self.approval_types


class ProjectProcedure(models.Model):
    """One pre-construction approval of a project: lodged, planned and granted days, 文号 and document."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="procedures"
    )
    kind = models.ForeignKey(
        ProcedureKind, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="procedures"
    )
    department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("granting department"),
        on_delete=models.PROTECT,
        related_name="procedures_to_grant",
    )
    started_date = models.DateField(_("lodged on"), null=True, blank=True)
    planned_date = models.DateField(_("planned grant date"), null=True, blank=True)
    done_date = models.DateField(_("granted on"), null=True, blank=True)
    approval_number = models.CharField(_("approval number (文号)"), max_length=100, blank=True)
    document = models.FileField(_("approval document"), upload_to="procedures/%Y/%m/", blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project procedure")
        verbose_name_plural = _("project procedures")
        ordering = ["project", "kind__group", "kind__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="project_procedure_kind_unique")
        ]
        # A department's queue and the late ones on a day: not granted, by department and planned day.
        indexes = [models.Index(fields=["department", "done_date", "planned_date"], name="procedure_queue")]

    def __str__(self) -> str:
        return f"{self.project} {self.kind}"


class LibraryLayout(models.Model):
    """How the columns of one project-library export map to project fields, remembered per header row."""

    signature = models.CharField(_("header signature"), max_length=64, unique=True)
    headers = models.JSONField(_("headers"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)  # field key -> header
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project library layout")
        verbose_name_plural = _("project library layouts")

    def __str__(self) -> str:
        return "、".join(self.headers[:4])


class LibraryImport(models.Model):
    """A project-library sheet uploaded for review: its rows, their mapping and the proposed changes."""

    class State(models.TextChoices):
        MAPPING = "mapping", _("columns to map")
        REVIEW = "review", _("waiting for review")
        APPLIED = "applied", _("applied")
        DISCARDED = "discarded", _("discarded")

    file_name = models.CharField(_("file"), max_length=200)
    headers = models.JSONField(_("headers"), default=list)
    rows = models.JSONField(_("rows"), default=list)  # [sheet row number, [cells in header order]]
    layout = models.ForeignKey(
        LibraryLayout, verbose_name=_("layout"), null=True, blank=True, on_delete=models.SET_NULL
    )
    mapping = models.JSONField(_("column mapping"), default=dict)
    proposal = models.JSONField(_("proposed changes"), default=list)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.MAPPING)
    uploaded_by = models.ForeignKey(
        "auth.User", verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project library import")
        verbose_name_plural = _("project library imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name
