from django.contrib import admin

from lantu.jobs.models import Job, ScheduledRun, WorkerBeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "title", "state", "step", "done", "total", "attempts", "created_at")
    list_filter = ("state",)
    readonly_fields = ("created_at", "started_at", "finished_at", "updated_at", "task_id", "worker_id")


admin.site.register(WorkerBeat)
admin.site.register(ScheduledRun)
