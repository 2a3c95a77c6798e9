"""Admin for plans, plan items and clusters."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lantu.plans.models import Cluster, Plan, PlanItem
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


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "level", "plan", "lead_unit", "deadline", "is_sample"]
    list_filter = ["plan", "level", "is_sample", "lead_unit"]
    search_fields = ["code", "title", "description"]
    list_select_related = ["plan", "lead_unit"]
    autocomplete_fields = ["plan", "parent", "lead_unit", "partner_units", "clusters", "aligned_to", "source"]
    fieldsets = [
        (None, {"fields": ["plan", "parent", "level", "code", "title", "description", "order"]}),
        (
            _("Responsibility"),
            {"fields": ["lead_unit", "partner_units", "deadline", "clusters", "aligned_to"]},
        ),
        CITATION_FIELDSET,
    ]
