"""Admin for indicators and observations."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.indicators.models import Indicator, Observation, TargetVersion


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "unit",
        "attribute",
        "plan",
        "responsible_unit",
        "target_kind",
        "target_year",
        "is_headline",
        "is_sample",
    ]
    list_filter = ["plan", "attribute", "target_kind", "frequency", "is_headline", "is_sample"]
    search_fields = ["code", "name", "note"]
    list_select_related = ["plan", "responsible_unit"]
    autocomplete_fields = ["plan", "responsible_unit", "items", "split_of", "source"]


@admin.register(TargetVersion)
class TargetVersionAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "number", "label", "target_kind", "target_year", "adopted_on", "created_by"]
    list_filter = ["indicator__plan", "target_kind"]
    search_fields = ["indicator__name", "indicator__code", "label"]
    list_select_related = ["indicator", "created_by"]
    autocomplete_fields = ["indicator", "created_by", "source"]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "period",
        "vintage",
        "value",
        "state",
        "entered_by",
        "reviewed_by",
        "is_sample",
    ]
    list_filter = ["state", "vintage", "is_sample", "indicator__plan"]
    search_fields = ["indicator__name", "indicator__code", "period"]
    list_select_related = ["indicator", "entered_by", "reviewed_by"]
    autocomplete_fields = ["indicator", "entered_by", "reviewed_by", "source"]
    date_hierarchy = "period_end"
