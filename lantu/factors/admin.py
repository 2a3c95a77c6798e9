"""Admin for factors, quotas, demands, allocation profiles and scenarios."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.factors.models import Demand, Efficiency, Factor, FactorProfile, Quota, Scenario


@admin.register(Factor)
class FactorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "unit", "order"]


@admin.register(Quota)
class QuotaAdmin(SimpleHistoryAdmin):
    list_display = ["factor", "region", "year", "amount", "is_sample"]
    list_filter = ["factor", "year", "is_sample"]
    list_select_related = ["factor", "region"]


@admin.register(Demand)
class DemandAdmin(SimpleHistoryAdmin):
    list_display = ["project", "factor", "year", "amount", "is_sample"]
    list_filter = ["factor", "year", "is_sample"]
    search_fields = ["project__code", "project__name"]
    list_select_related = ["project", "factor"]
    raw_id_fields = ["project"]


@admin.register(FactorProfile)
class FactorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["project", "value", "must", "divisible", "is_sample"]
    list_filter = ["must", "divisible", "is_sample"]
    search_fields = ["project__code", "project__name"]
    raw_id_fields = ["project"]
    filter_horizontal = ["requires"]


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "objective", "created_by", "created_at", "accepted_by", "accepted_at"]
    readonly_fields = ["inputs", "result"]


@admin.register(Efficiency)
class EfficiencyAdmin(SimpleHistoryAdmin):
    list_display = ("project", "tax_per_mu", "output_per_mu", "value_added_per_tce", "jobs", "annual_tax")
    search_fields = ("project__code", "project__name")
    raw_id_fields = ["project"]
