"""URLs of the projects pages."""

from django.urls import path

from lantu.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
]
