"""URLs of the factor pages: gap analysis, allocation scenarios."""

from django.urls import path

from lantu.factors import views

app_name = "factors"
urlpatterns = [
    path("", views.index, name="index"),
    path("quotas/", views.quota_edit, name="quota"),
    path("scenarios/run/", views.scenario_run, name="run"),
    path("scenarios/compare/", views.scenario_compare, name="compare"),
    path("scenarios/<int:pk>/", views.scenario_detail, name="scenario"),
    path("scenarios/<int:pk>/accept/", views.scenario_accept, name="accept"),
]
