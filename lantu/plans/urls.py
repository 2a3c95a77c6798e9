"""URLs of the plans pages."""

from django.urls import path  # noqa: F401

app_name = "plans"
urlpatterns: list = []
