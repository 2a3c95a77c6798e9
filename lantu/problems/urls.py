"""URLs of the problems ledger, under /projects/ (`lantu.dashboard.project_urls` composes them)."""

from django.urls import path

from lantu.problems import views

urlpatterns = [
    path("problems/", views.problem_list, name="problems"),
    path("problems/<int:pk>/", views.problem_detail, name="problem"),
]
