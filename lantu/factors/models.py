"""Factor guarantee (要素保障): factors, quotas, project demands and profiles, allocation scenarios.

Amounts are Decimals in the factor's own unit (亩, 万吨标准煤, 亿元, 万立方米); the allocation model
reads them as the JSON contract of `lantu allocate` does.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lantu.orgs.models import OrgUnit
from lantu.projects.models import Project
from lantu.sources.models import Cited

AMOUNT: dict[str, Any] = {"max_digits": 18, "decimal_places": 4}


class Factor(Cited):
    """A scarce factor that projects compete for."""

    class Kind(models.TextChoices):
        LAND = "land", _("land")
        ENERGY = "energy", _("energy")
        FUNDS = "funds", _("funds")
        WATER = "water", _("water")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=20)
    order = models.PositiveIntegerField(_("order"), default=0)
    carry_over = models.BooleanField(
        _("carry over"),
        default=False,
        help_text=_(
            "Unused yearly quota carries over to the next year (usual for land and funds, not energy)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("resource", "factor")
        verbose_name_plural = _("factors")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class Quota(Cited):
    """An upper limit on a factor for a region (none: prefecture-wide) and a year (none: whole period)."""

    factor = models.ForeignKey(
        Factor,
        verbose_name=pgettext_lazy("resource", "factor"),
        on_delete=models.CASCADE,
        related_name="quotas",
    )
    region = models.ForeignKey(
        OrgUnit,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="factor_quotas",
        help_text=_("Empty: prefecture-wide."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Empty: whole period.")
    )
    amount = models.DecimalField(_("amount"), **AMOUNT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["factor", "region", "year"]

    def __str__(self) -> str:
        return f"{self.factor.name} {self.region or ''} {self.year or ''}".strip()


class Demand(Cited):
    """What a project needs of a factor in a year."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="factor_demands"
    )
    factor = models.ForeignKey(
        Factor,
        verbose_name=pgettext_lazy("resource", "factor"),
        on_delete=models.CASCADE,
        related_name="demands",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **AMOUNT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor demand")
        verbose_name_plural = _("factor demands")
        ordering = ["project", "factor", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "factor", "year"], name="factor_demand_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.factor.name} {self.year}"


class FactorProfile(Cited):
    """How the allocation treats a project: its value score and its flags."""

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="factor_profile"
    )
    value = models.DecimalField(
        _("value score"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: computed from investment, readiness and the cluster's weight."),
    )
    must = models.BooleanField(_("must fund"), default=False)
    divisible = models.BooleanField(_("divisible"), default=False, help_text=_("Can be funded in part."))
    requires = models.ManyToManyField(
        Project, verbose_name=_("requires"), blank=True, related_name="required_by_profiles"
    )
    earliest_start = models.PositiveSmallIntegerField(
        _("earliest start"), null=True, blank=True, help_text=_("Empty: it starts as its demands say.")
    )
    latest_start = models.PositiveSmallIntegerField(_("latest start"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[requires])

    class Meta:
        verbose_name = _("factor profile")
        verbose_name_plural = _("factor profiles")

    def __str__(self) -> str:
        return str(self.project)


class Efficiency(Cited):
    """What a project yields for the land, energy and jobs it takes: the facts the scoring model reads.

    Kept on the factor side, beside the demands (the project record stays as it is); every field may be
    empty, and the scoring shows an empty one as missing data, never as zero.
    """

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="factor_efficiency"
    )
    tax_per_mu = models.DecimalField(
        _("tax per mu (万元/亩)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    output_per_mu = models.DecimalField(
        _("output per mu (万元/亩)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    value_added_per_tce = models.DecimalField(
        _("value added per tonne of standard coal (万元/吨标准煤)"),
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
    )
    jobs = models.PositiveIntegerField(_("new jobs"), null=True, blank=True)
    annual_tax = models.DecimalField(
        _("annual tax (万元)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project efficiency")
        verbose_name_plural = _("project efficiencies")

    def __str__(self) -> str:
        return str(self.project)


class Scenario(models.Model):
    """A saved allocation run: the inputs it saw, what it decided, and who accepted it."""

    name = models.CharField(_("name"), max_length=120)
    inputs = models.JSONField(_("inputs"))
    result = models.JSONField(_("result"))
    status = models.CharField(_("status"), max_length=12)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("allocation scenario")
        verbose_name_plural = _("allocation scenarios")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_accepted(self) -> bool:
        """Return whether the scenario is the accepted one."""
        return self.accepted_at is not None


class Guarantee(models.Model):
    """A project's factor guarantee (要素保障计划) for a year, written when a scenario is accepted.

    Accepting another scenario supersedes the rows in force (they stay, with the time they were
    superseded) and writes the new version; the rows in force have no `superseded_at`.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="factor_guarantees"
    )
    factor = models.ForeignKey(
        Factor, verbose_name=pgettext_lazy("resource", "factor"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=4)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    share = models.FloatField(_("share"), default=1.0)
    scenario = models.ForeignKey(
        Scenario, verbose_name=_("allocation scenario"), on_delete=models.PROTECT, related_name="guarantees"
    )
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"))
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor guarantee")
        verbose_name_plural = _("factor guarantees")
        ordering = ["project", "year", "factor", "-version"]
        indexes = [models.Index(fields=["superseded_at", "project"], name="guarantee_in_force")]

    def __str__(self) -> str:
        return f"{self.project} {self.factor.name} {self.year} v{self.version}"
