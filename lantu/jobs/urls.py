"""URLs of the job pages: a job's progress (polled by htmx) and its retry."""

from django.urls import path

from lantu.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/retry/", views.job_retry, name="retry"),
]
