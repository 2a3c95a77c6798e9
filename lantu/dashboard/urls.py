"""URL of the dashboard (驾驶舱)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
