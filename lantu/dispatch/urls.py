"""URLs of the monthly dispatch, under /projects/ (`lantu.dashboard.project_urls` composes them)."""

from django.urls import path, re_path

from lantu.dispatch import project_views, task_views, views

PERIOD = r"(?P<period>\d{4}-\d{2})"
urlpatterns = [
    path("<int:pk>/", project_views.project_detail, name="detail"),
    re_path(rf"^(?P<pk>\d+)/report/{PERIOD}/$", views.report_edit, name="report_edit"),
    re_path(
        rf"^(?P<pk>\d+)/report/{PERIOD}/year-to-date/$",
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
    re_path(rf"^dispatch/excel/(?P<unit>[-\w]+)/{PERIOD}/$", views.excel_template, name="excel"),
    re_path(rf"^dispatch/excel/(?P<unit>[-\w]+)/{PERIOD}/upload/$", views.excel_upload, name="upload"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/<str:action>/", views.report_action, name="report_action"),
    re_path(rf"^tasks/(?P<pk>\d+)/report/{PERIOD}/$", task_views.task_report_edit, name="task_report"),
    path("task-reports/<int:pk>/review/", task_views.task_report_review, name="task_review"),
    path("evidence/<int:pk>/", task_views.attachment_download, name="evidence"),
    path(
        "evidence/<int:pk>/thumbnail/",
        task_views.attachment_download,
        {"thumbnail": True},
        name="evidence_thumbnail",
    ),
]
