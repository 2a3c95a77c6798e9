"""Source documents and the citation / sample-data marks every domain fact carries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """A published document that facts are cited from."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["published_on", "code"]

    def __str__(self) -> str:
        return self.title


class Cited(models.Model):
    """Abstract mixin: where a fact comes from, and which parts of it are sample data.

    `source` + `source_quote` cite the document and sentence a real fact comes from.
    `is_sample` marks an object generated for the demo as a whole; `sample_fields` lists the
    fields of an otherwise real object that were filled with generated values (e.g. a target
    the texts do not give). The UI shows both as 示例数据.
    """

    source = models.ForeignKey(
        SourceDocument,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_quote = models.TextField(_("source sentence"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    sample_fields = models.JSONField(_("sample fields"), default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def is_cited(self) -> bool:
        """Return whether the object carries a citation."""
        return self.source_id is not None and bool(self.source_quote)

    def field_is_sample(self, name: str) -> bool:
        """Return whether the named field holds generated sample data."""
        return self.is_sample or name in (self.sample_fields or [])
