"""Admin for plans, plan items, clusters and the alignment links between plans."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lantu.plans.models import Alignment, Cluster, Plan, PlanItem
from lantu.sources.admin import CITATION_FIELDSET


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "start_year", "end_year", "owner", "parent", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["owner", "parent"]
    autocomplete_fields = ["owner", "parent", "source"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "tier", "order", "is_sample"]
    list_filter = ["tier", "is_sample"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["source"]


class AlignmentInline(admin.TabularInline):
    model = Alignment
    fk_name = "item"
    extra = 0
    fields = ["target", "kind", "note"]
    autocomplete_fields = ["target"]
    verbose_name = _("link up to a higher plan")
    verbose_name_plural = _("links up to higher plans")


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "level", "plan", "lead_unit", "deadline", "is_sample"]
    list_filter = ["plan", "level", "is_sample", "lead_unit"]
    search_fields = ["code", "title", "description"]
    list_select_related = ["plan", "lead_unit"]
    autocomplete_fields = ["plan", "parent", "lead_unit", "partner_units", "clusters", "source"]
    inlines = [AlignmentInline]
    fieldsets = [
        (None, {"fields": ["plan", "parent", "level", "code", "title", "description", "order"]}),
        (_("Responsibility"), {"fields": ["lead_unit", "partner_units", "deadline", "clusters"]}),
        CITATION_FIELDSET,
    ]


@admin.register(Alignment)
class AlignmentAdmin(SimpleHistoryAdmin):
    list_display = ["item", "item_plan", "kind", "target", "target_plan", "is_sample"]
    list_filter = ["kind", "is_sample", "item__plan", "target__plan"]
    search_fields = ["item__code", "item__title", "target__code", "target__title", "note"]
    list_select_related = ["item__plan", "target__plan"]
    autocomplete_fields = ["item", "target", "source"]
    fieldsets = [(None, {"fields": ["item", "target", "kind", "note"]}), CITATION_FIELDSET]

    @admin.display(description=_("lower plan"), ordering="item__plan")
    def item_plan(self, obj: Alignment) -> str:
        return obj.item.plan.label

    @admin.display(description=_("higher plan"), ordering="target__plan")
    def target_plan(self, obj: Alignment) -> str:
        return obj.target.plan.label
