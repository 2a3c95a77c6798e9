"""Admin for projects, their annual plans and progress reports."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.projects.models import (
    AnnualPlan,
    Attachment,
    Contribution,
    Problem,
    ProgressReport,
    Project,
    ProjectMilestone,
    ReportingPeriod,
    TaskReport,
)


class AnnualPlanInline(admin.TabularInline):
    model = AnnualPlan
    fields = ["year", "planned_investment", "is_sample"]
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "county",
        "park",
        "cluster",
        "stage",
        "total_investment",
        "lead_unit",
        "is_sample",
    ]
    list_filter = ["stage", "county", "cluster", "plan", "is_sample"]
    search_fields = ["code", "name", "description"]
    list_select_related = ["county", "park", "cluster", "lead_unit"]
    autocomplete_fields = ["plan", "county", "park", "lead_unit", "cluster", "items", "source"]
    inlines = [AnnualPlanInline]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(SimpleHistoryAdmin):
    list_display = ["project", "year", "planned_investment", "is_sample"]
    list_filter = ["year", "is_sample"]
    search_fields = ["project__code", "project__name"]
    list_select_related = ["project"]
    autocomplete_fields = ["project", "source"]


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


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "factor", "urgency", "unit", "due_date", "state", "is_sample"]
    list_filter = ["state", "factor", "urgency", "is_sample"]
    search_fields = ["title", "project__code", "project__name"]
    list_select_related = ["project", "unit"]
    raw_id_fields = ["project", "report", "unit", "raised_by"]


@admin.register(ProjectMilestone)
class ProjectMilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["project", "name", "planned_date", "reached_date", "is_sample"]
    list_filter = ["is_sample"]
    search_fields = ["name", "project__code", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "reached_report"]


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["project", "indicator", "amount", "stage", "expected_year", "is_sample"]
    list_filter = ["stage", "expected_year", "is_sample"]
    search_fields = ["project__code", "project__name", "indicator__name"]
    list_select_related = ["project", "indicator"]
    raw_id_fields = ["project", "indicator", "source"]
