"""Admin for the problems ledger."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.problems.models import Problem


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "factor", "urgency", "unit", "due_date", "state", "is_sample"]
    list_filter = ["state", "factor", "urgency", "is_sample"]
    search_fields = ["title", "project__code", "project__name"]
    list_select_related = ["project", "unit"]
    raw_id_fields = ["project", "report", "unit", "raised_by"]
