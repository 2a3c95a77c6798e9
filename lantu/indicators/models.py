"""Indicators with baseline and target, and their observed values per period."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.sources.models import Cited

VALUE: dict[str, Any] = {"max_digits": 20, "decimal_places": 4}


class Indicator(Cited):
    """A numeric indicator tracked from its baseline towards its target."""

    class Attribute(models.TextChoices):
        EXPECTED = "expected", _("expected (预期性)")
        BINDING = "binding", _("binding (约束性)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    class Frequency(models.TextChoices):
        ANNUAL = "annual", _("annual")
        QUARTERLY = "quarterly", _("quarterly")
        MONTHLY = "monthly", _("monthly")

    class TargetKind(models.TextChoices):
        LEVEL = "level", _("reach a level")
        ANNUAL_GROWTH = "annual_growth", _("average annual growth")
        CUMULATIVE_CHANGE = "cumulative_change", _("cumulative change")
        CEILING = "ceiling", _("ceiling")
        FLOOR = "floor", _("floor")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    attribute = models.CharField(_("attribute"), max_length=10, choices=Attribute.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    responsible_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="indicators"
    )
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline value"), **VALUE)
    target_kind = models.CharField(_("target kind"), max_length=20, choices=TargetKind.choices)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.DecimalField(_("target value"), null=True, blank=True, **VALUE)
    target_rate = models.DecimalField(
        _("target rate (%)"),
        null=True,
        blank=True,
        max_digits=9,
        decimal_places=4,
        help_text=_("Average annual growth or cumulative change, in percent."),
    )
    items = models.ManyToManyField(
        PlanItem, verbose_name=_("plan items"), blank=True, related_name="indicators"
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        help_text=_("How much the indicator counts when its plan items' health is rolled up with weights."),
    )
    split_of = models.ForeignKey(
        "self",
        verbose_name=_("share of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shares",
        help_text=_("The prefecture indicator whose target this one's unit carries a share of (指标分解)."),
    )
    split_weight = models.DecimalField(
        _("split weight"),
        null=True,
        blank=True,
        **VALUE,
        help_text=_(
            "For rate targets: this share's weight in the parent's rate; empty means its baseline value."
        ),
    )
    threshold_on_track = models.DecimalField(
        _("on-track threshold"),
        null=True,
        blank=True,
        max_digits=5,
        decimal_places=3,
        help_text=_(
            "Share of the expected progress at which this indicator is on track (e.g. 1.0); empty: the "
            "office's default."
        ),
    )
    threshold_lagging = models.DecimalField(
        _("lagging threshold"),
        null=True,
        blank=True,
        max_digits=5,
        decimal_places=3,
        help_text=_(
            "Share of the expected progress below which this indicator is off track (e.g. 0.9); empty: "
            "the office's default."
        ),
    )
    is_headline = models.BooleanField(_("headline"), default=False)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Refuse thresholds that, with the office's defaults filling the gaps, cannot order statuses."""
        super().clean()
        on_track = self.threshold_on_track
        lagging = self.threshold_lagging
        on_track = float(on_track) if on_track is not None else settings.LANTU_STATUS_ON_TRACK
        lagging = float(lagging) if lagging is not None else settings.LANTU_STATUS_LAGGING
        if not 0 < lagging <= on_track:
            raise ValidationError(
                {
                    "threshold_lagging": _(
                        "The lagging threshold (%(lagging)s) must be above 0 and at most the on-track "
                        "threshold (%(on_track)s)."
                    )
                    % {"lagging": f"{lagging:g}", "on_track": f"{on_track:g}"}
                }
            )


class TargetVersion(Cited):
    """A target an indicator was measured against; the indicator's own fields hold the newest one."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="target_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=60, help_text=_("e.g. 规划原目标, 中期调整"))
    target_kind = models.CharField(_("target kind"), max_length=20, choices=Indicator.TargetKind.choices)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.DecimalField(_("target value"), null=True, blank=True, **VALUE)
    target_rate = models.DecimalField(
        _("target rate (%)"), null=True, blank=True, max_digits=9, decimal_places=4
    )
    adopted_on = models.DateField(_("adopted on"))
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target version")
        verbose_name_plural = _("target versions")
        ordering = ["indicator", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="target_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} v{self.number} {self.label}"

    @property
    def unit(self) -> str:
        """Return the indicator's unit, so that a version reads like a target (target_text)."""
        return self.indicator.unit


class ObservationQuerySet(models.QuerySet):
    def in_force(self) -> "ObservationQuerySet":
        """Return the approved values that count: not superseded by an approved correction."""
        return self.filter(state=Observation.State.APPROVED, superseded=False)

    def current(self) -> "ObservationQuerySet":
        """Return the values in force and the open corrections beside them, oldest revision first."""
        return self.filter(superseded=False).order_by("revision")


class Observation(Cited):
    """The value of an indicator for one period and data vintage, with its review state.

    A correction of an approved value is a new row (the next `revision`) beside it; the approved row
    stays in force until the correction is approved, which marks it `superseded`.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    class Vintage(models.TextChoices):
        """Statistical releases of one period's value, oldest first (the latest counts)."""

        PRELIMINARY = "preliminary", _("preliminary (初步核算)")
        REVISED = "revised", _("revised (初步核实)")
        FINAL = "final", _("final (最终核实)")

    VINTAGE_RANK = {Vintage.PRELIMINARY: 0, Vintage.REVISED: 1, Vintage.FINAL: 2}

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="observations"
    )
    period = models.CharField(_("period"), max_length=10, help_text=_("2025, 2025Q3 or 2025-09"))
    period_end = models.DateField(_("period end"))
    vintage = models.CharField(
        _("vintage"), max_length=12, choices=Vintage.choices, default=Vintage.PRELIMINARY
    )
    release_date = models.DateField(_("release date"), null=True, blank=True)
    value = models.DecimalField(_("value"), **VALUE)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("return reason"), blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    superseded = models.BooleanField(_("superseded by a later revision"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "period_end", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "vintage", "revision"], name="observation_revision_unique"
            ),
            # One approved value in force and at most one open correction per period and vintage.
            models.UniqueConstraint(
                fields=["indicator", "period", "vintage"],
                condition=models.Q(state="approved", superseded=False),
                name="observation_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "vintage"],
                condition=~models.Q(state="approved"),
                name="observation_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"

    @property
    def in_force(self) -> bool:
        """Return whether the value counts: approved and not superseded by an approved correction."""
        return self.state == self.State.APPROVED and not self.superseded
