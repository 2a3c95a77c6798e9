"""Plans, their item trees (goal · measure · action · task) and industrial clusters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantu.orgs.models import OrgUnit
from lantu.sources.models import Cited


class Plan(Cited):
    """A master, special or county plan, or an action programme, over a span of years."""

    class Kind(models.TextChoices):
        MASTER = "master", _("master plan")
        SPECIAL = "special", _("special plan")
        LOCAL = "local", _("county plan")
        PROGRAMME = "programme", _("action programme")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    end_year = models.PositiveSmallIntegerField(_("end year"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="plans"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("aligned to plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["order", "start_year", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """Return the short name when there is one."""
        return self.short_name or self.name


class Cluster(Cited):
    """An industrial cluster used as a tag on plan items and projects."""

    class Tier(models.TextChoices):
        HUNDRED_BILLION = "100b", _("100-billion class (千亿级)")
        TEN_BILLION = "10b", _("10-billion class (百亿级)")
        OTHER = "other", _("emerging")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("industrial cluster")
        verbose_name_plural = _("industrial clusters")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PlanItem(Cited):
    """One node of a plan's tree: a goal, a major measure, an action or a key task."""

    class Level(models.TextChoices):
        GOAL = "goal", _("goal")
        MEASURE = "measure", _("major measure")
        ACTION = "action", _("action")
        TASK = "task", _("key task")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_items",
    )
    partner_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("partner units"), blank=True, related_name="partner_items"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    clusters = models.ManyToManyField(Cluster, verbose_name=_("clusters"), blank=True, related_name="items")
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[partner_units, clusters])

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="plan_item_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Alignment(Cited):
    """A link from an item of a lower plan up to the item of a higher plan it carries (规划体系衔接)."""

    class Kind(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        IMPLEMENTS = "implements", _("implements")

    item = models.ForeignKey(
        PlanItem,
        verbose_name=_("item of the lower plan"),
        on_delete=models.CASCADE,
        related_name="alignments",
    )
    target = models.ForeignKey(
        PlanItem,
        verbose_name=_("item of the higher plan"),
        on_delete=models.CASCADE,
        related_name="carried_by",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SUPPORTS)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alignment")
        verbose_name_plural = _("alignments")
        ordering = ["target", "item"]
        constraints = [
            models.UniqueConstraint(fields=["item", "target"], name="alignment_pair_unique"),
            models.CheckConstraint(
                condition=~models.Q(item=models.F("target")), name="alignment_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.target}"

    def clean(self) -> None:
        """Refuse links the planning rules forbid (same plan, wrong direction), e.g. from the admin."""
        from lantu.plans.alignment import check_link  # the rules live with the services

        if self.item_id and self.target_id:
            check_link(self.item, self.target, exclude=self.pk)
