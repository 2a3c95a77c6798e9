"""Admin for supervision orders and their steps."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.supervision.models import SupervisionOrder, SupervisionStep


class StepInline(admin.TabularInline):
    model = SupervisionStep
    fields = ["kind", "actor", "at", "text", "evidence_name"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(SupervisionOrder)
class SupervisionOrderAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "deadline", "state", "level", "issued_at", "is_sample"]
    list_filter = ["state", "level", "is_sample"]
    search_fields = ["title", "requirement"]
    raw_id_fields = ["item", "project", "problem"]
    inlines = [StepInline]
