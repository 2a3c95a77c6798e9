"""Admin for reporting periods, progress reports, task reports and their evidence."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.dispatch.models import Attachment, ProgressReport, ReportingPeriod, TaskReport


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = [
        "project",
        "period",
        "completed_investment",
        "cumulative_investment",
        "physical_progress",
        "state",
        "is_sample",
    ]
    list_filter = ["state", "period", "is_sample", "project__county"]
    search_fields = ["project__code", "project__name", "period"]
    list_select_related = ["project"]
    autocomplete_fields = ["project", "entered_by", "reviewed_by", "source"]
    raw_id_fields = ["reached_milestones"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "period", "deadline", "is_open"]
    list_filter = ["is_open", "plan"]
    search_fields = ["period"]
    list_select_related = ["plan"]


@admin.register(TaskReport)
class TaskReportAdmin(SimpleHistoryAdmin):
    list_display = ["item", "period", "progress", "state"]
    list_filter = ["state", "period"]
    search_fields = ["item__code", "item__title"]
    list_select_related = ["item"]
    raw_id_fields = ["item", "entered_by", "reviewed_by"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "report", "size", "uploaded_at"]
    raw_id_fields = ["report", "uploaded_by"]
