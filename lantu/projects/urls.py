"""URLs of the projects pages and of the monthly dispatch."""

from django.urls import path, re_path

from lantu.projects import contributions_views, dispatch_views, milestone_views, problem_views, views

PERIOD = r"(?P<period>\d{4}-\d{2})"
app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("<int:pk>/milestones/<int:milestone_id>/", milestone_views.milestone_edit, name="milestone_edit"),
    path("<int:pk>/contributions/new/", contributions_views.contribution_new, name="contribution_new"),
    path("contributions/<int:pk>/edit/", contributions_views.contribution_edit, name="contribution_edit"),
    path(
        "contributions/<int:pk>/delete/", contributions_views.contribution_delete, name="contribution_delete"
    ),
    re_path(rf"^(?P<pk>\d+)/report/{PERIOD}/$", dispatch_views.report_edit, name="report_edit"),
    re_path(
        rf"^(?P<pk>\d+)/report/{PERIOD}/year-to-date/$",
        dispatch_views.report_year_to_date,
        name="report_year_to_date",
    ),
    path("<int:pk>/problems/new/", problem_views.problem_new, name="problem_new"),
    path("dispatch/", dispatch_views.overview, name="dispatch"),
    path("dispatch/unit/", dispatch_views.unit_page, name="unit"),
    path("dispatch/reminders/", dispatch_views.reminder_list, name="reminders"),
    path("dispatch/review/", dispatch_views.review_list, name="review"),
    path("dispatch/periods/", dispatch_views.period_list, name="periods"),
    path("dispatch/periods/<int:pk>/toggle/", dispatch_views.period_toggle, name="period_toggle"),
    path("dispatch/submit-all/", dispatch_views.submit_all, name="submit_all"),
    re_path(rf"^dispatch/excel/(?P<unit>[-\w]+)/{PERIOD}/$", dispatch_views.excel_template, name="excel"),
    re_path(
        rf"^dispatch/excel/(?P<unit>[-\w]+)/{PERIOD}/upload/$", dispatch_views.excel_upload, name="upload"
    ),
    path("reports/<int:pk>/", dispatch_views.report_detail, name="report"),
    path("reports/<int:pk>/<str:action>/", dispatch_views.report_action, name="report_action"),
    re_path(rf"^tasks/(?P<pk>\d+)/report/{PERIOD}/$", problem_views.task_report_edit, name="task_report"),
    path("task-reports/<int:pk>/review/", problem_views.task_report_review, name="task_review"),
    path("evidence/<int:pk>/", problem_views.attachment_download, name="evidence"),
    path("problems/", problem_views.problem_list, name="problems"),
    path("problems/<int:pk>/", problem_views.problem_detail, name="problem"),
]
