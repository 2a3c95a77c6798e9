"""Admin for imported documents and their findings."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.imports.models import Finding, ImportDocument


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    fields = ("kind", "title", "state", "start", "end")
    readonly_fields = ("kind", "start", "end")


@admin.register(ImportDocument)
class ImportDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "filename", "state", "uploaded_by", "uploaded_at", "plan")
    list_filter = ("state",)
    search_fields = ("title", "filename")
    readonly_fields = ("text",)
    inlines = [FindingInline]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "state", "document")
    list_filter = ("kind", "state")
    search_fields = ("title",)
