"""URL of the dashboard (驾驶舱)."""

from django.urls import path

from lantu.dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("region/", views.region, name="region"),
]
