"""URLs of the indicators pages."""

from django.urls import path  # noqa: F401

app_name = "indicators"
urlpatterns: list = []
