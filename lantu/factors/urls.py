"""URLs of the factor pages: gap analysis, allocation scenarios."""

from django.urls import path

from lantu.factors import profile_views, views

app_name = "factors"
urlpatterns = [
    path("", views.index, name="index"),
    path("quotas/", views.quota_edit, name="quota"),
    path("scenarios/run/", views.scenario_run, name="run"),
    path("scenarios/preview/", views.score_preview, name="preview"),
    path("scenarios/compare/", views.scenario_compare, name="compare"),
    path("scenarios/<int:pk>/", views.scenario_detail, name="scenario"),
    path("scenarios/<int:pk>/accept/", views.scenario_accept, name="accept"),
    path("ledger/", views.ledger, name="ledger"),
    path("projects/<int:pk>/guarantee/", views.project_guarantee, name="guarantee"),
    path("projects/<int:pk>/", profile_views.profile, name="profile"),
    path("projects/<int:pk>/profile/", profile_views.profile_save, name="profile_save"),
    path("projects/<int:pk>/efficiency/", profile_views.efficiency_save, name="efficiency_save"),
    path("projects/<int:pk>/demands/", profile_views.demand_save, name="demand_save"),
    path("projects/<int:pk>/demands/<int:demand_pk>/", profile_views.demand_change, name="demand_change"),
]
