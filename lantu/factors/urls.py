"""URLs of the factors pages."""

from django.urls import path  # noqa: F401

app_name = "factors"
urlpatterns: list = []
