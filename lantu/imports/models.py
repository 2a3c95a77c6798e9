"""Uploaded documents and the findings Lantu proposes from them, kept until a planner accepts them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ImportDocument(models.Model):
    """A plan document uploaded for reading, with its text and the state of its review."""

    class State(models.TextChoices):
        REVIEW = "review", _("in review")
        ACCEPTED = "accepted", _("accepted")

    class Kind(models.TextChoices):
        PLAN = "plan", _("plan document")
        BULLETIN = "bulletin", _("statistical bulletin")

    kind = models.CharField(
        pgettext_lazy("document", "kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.PLAN,
        help_text=_("A statistical bulletin proposes values of the indicators of its plan."),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("text"))
    doc_year = models.PositiveSmallIntegerField(_("document year"), null=True, blank=True)
    state = models.CharField(
        pgettext_lazy("import", "state"), max_length=10, choices=State.choices, default=State.REVIEW
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    issuer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=pgettext_lazy("document", "issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The county or department that issued the document; the units it names are its own."),
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent_item = models.ForeignKey(
        "plans.PlanItem",
        verbose_name=_("parent item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.ForeignKey(
        "sources.SourceDocument",
        verbose_name=_("source document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("imported document")
        verbose_name_plural = _("imported documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def value_text(self) -> str:
        """Return the value of a quantity as written (no trailing zeros), with its range end."""
        value, high = self.payload.get("value"), self.payload.get("value_max")
        if value is None:
            return ""
        approx = self.payload.get("approx") or ""
        text = f"{value:g}" + (f"–{high:g}" if high is not None else "")
        return (
            text + approx if approx in ("余", "多", "以上", "左右", "以内", "以下", "上下") else approx + text
        )


class Finding(models.Model):
    """One proposal read from a document: an item, a quantity or a project, with its place in the text."""

    class Kind(models.TextChoices):
        ITEM = "item", _("plan item")
        QUANTITY = "quantity", _("indicator value")
        PROJECT = "project", _("project")
        OBSERVATION = "observation", _("indicator value from a bulletin")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        DROPPED = "dropped", _("dropped")
        ACCEPTED = "accepted", _("accepted")

    document = models.ForeignKey(
        ImportDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    ref = models.CharField(_("reference"), max_length=20, blank=True)
    parent_ref = models.CharField(_("parent reference"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    payload = models.JSONField(_("payload"), default=dict)
    start = models.PositiveIntegerField(_("span start"))
    end = models.PositiveIntegerField(_("span end"))
    quote = models.TextField(_("source sentence"), blank=True)
    state = models.CharField(
        pgettext_lazy("import", "state"), max_length=10, choices=State.choices, default=State.PROPOSED
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    created_pk = models.PositiveIntegerField(_("created object"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["document", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def value_text(self) -> str:
        """Return the value of a quantity as written (no trailing zeros), with its range end."""
        value, high = self.payload.get("value"), self.payload.get("value_max")
        if value is None:
            return ""
        approx = self.payload.get("approx") or ""
        text = f"{value:g}" + (f"–{high:g}" if high is not None else "")
        return (
            text + approx if approx in ("余", "多", "以上", "左右", "以内", "以下", "上下") else approx + text
        )
