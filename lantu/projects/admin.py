"""Admin for projects: annual plans, milestones, approvals (前期手续), library imports, contributions."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.projects.models import (
    AnnualPlan,
    Contribution,
    LibraryImport,
    LibraryLayout,
    ProcedureKind,
    Project,
    ProjectMilestone,
    ProjectProcedure,
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
    search_fields = ["code", "national_code", "name", "description"]
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


@admin.register(ProcedureKind)
class ProcedureKindAdmin(SimpleHistoryAdmin):
    """The catalogue of approvals: which department grants each, to which projects, in which order."""

    list_display = ["name", "code", "department", "group", "default_days", "approval_types", "order"]
    list_editable = ["group", "default_days", "order"]
    search_fields = ["code", "name"]
    list_select_related = ["department"]
    autocomplete_fields = ["department"]


@admin.register(ProjectProcedure)
class ProjectProcedureAdmin(SimpleHistoryAdmin):
    list_display = ["project", "kind", "department", "started_date", "planned_date", "done_date", "is_sample"]
    list_filter = ["kind", "department", "is_sample"]
    search_fields = ["project__code", "project__name", "approval_number"]
    list_select_related = ["project", "kind", "department"]
    raw_id_fields = ["project", "kind", "department"]


@admin.register(LibraryLayout)
class LibraryLayoutAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "signature"]


@admin.register(LibraryImport)
class LibraryImportAdmin(SimpleHistoryAdmin):
    list_display = ["file_name", "state", "uploaded_by", "uploaded_at", "decided_at"]
    list_filter = ["state"]
    raw_id_fields = ["layout", "uploaded_by"]
