"""Admin for source documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lantu.sources.models import SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "publisher", "published_on", "filename"]
    search_fields = ["code", "title", "publisher"]
    list_filter = ["publisher"]
    date_hierarchy = "published_on"


# Fields every cited model shows in one collapsed group.
CITATION_FIELDSET = (
    _("Citation and sample data"),
    {
        "fields": ["source", "source_quote", "is_sample", "sample_fields"],
        "classes": ["collapse"],
    },
)
