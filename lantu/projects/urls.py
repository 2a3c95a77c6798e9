"""URLs of the projects pages; `lantu.dashboard.project_urls` composes them with the dispatch and problems."""

from django.urls import path

from lantu.projects import contributions_views, library_views, milestone_views, procedure_views, views

urlpatterns = [
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("<int:pk>/milestones/<int:milestone_id>/", milestone_views.milestone_edit, name="milestone_edit"),
    path("procedures/", procedure_views.procedure_queue, name="procedure_queue"),
    path("library/", library_views.library_upload, name="library_upload"),
    path("library/<int:pk>/", library_views.library_import, name="library_import"),
    path("library/<int:pk>/decide/", library_views.library_decide, name="library_decide"),
    path("<int:pk>/procedures/plan/", procedure_views.procedures_plan, name="procedures_plan"),
    path("<int:pk>/procedures/<int:procedure_id>/", procedure_views.procedure_edit, name="procedure_edit"),
    path("<int:pk>/contributions/new/", contributions_views.contribution_new, name="contribution_new"),
    path("contributions/<int:pk>/edit/", contributions_views.contribution_edit, name="contribution_edit"),
    path(
        "contributions/<int:pk>/delete/", contributions_views.contribution_delete, name="contribution_delete"
    ),
]
