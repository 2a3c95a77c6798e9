"""URLs of the monthly dispatch, under /projects/ (`lantu.dashboard.project_urls` composes them)."""

from django.urls import path

import lantu.lib.urls  # noqa: F401  registers <month:…>: a month that exists and has begun, else 404
from lantu.dispatch import project_views, task_views, views

urlpatterns = [
    path("", project_views.project_list, name="list"),
    path("<int:pk>/", project_views.project_detail, name="detail"),
    path("<int:pk>/report/<month:period>/", views.report_edit, name="report_edit"),
    path(
        "<int:pk>/report/<month:period>/year-to-date/",
        views.report_year_to_date,
        name="report_year_to_date",
    ),
    path("dispatch/", views.overview, name="dispatch"),
    path("dispatch/unit/", views.unit_page, name="unit"),
    path("dispatch/reminders/", views.reminder_list, name="reminders"),
    path("dispatch/review/", views.review_list, name="review"),
    path("dispatch/periods/", views.period_list, name="periods"),
    path("dispatch/periods/<int:pk>/toggle/", views.period_toggle, name="period_toggle"),
    path("dispatch/submit-all/", views.submit_all, name="submit_all"),
    path("dispatch/excel/<slug:unit>/<month:period>/", views.excel_template, name="excel"),
    path("dispatch/excel/<slug:unit>/<month:period>/upload/", views.excel_upload, name="upload"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/<str:action>/", views.report_action, name="report_action"),
    path("tasks/<int:pk>/report/<month:period>/", task_views.task_report_edit, name="task_report"),
    path("task-reports/<int:pk>/review/", task_views.task_report_review, name="task_review"),
    path("evidence/<int:pk>/", task_views.attachment_download, name="evidence"),
    path(
        "evidence/<int:pk>/thumbnail/",
        task_views.attachment_download,
        {"thumbnail": True},
        name="evidence_thumbnail",
    ),
]
