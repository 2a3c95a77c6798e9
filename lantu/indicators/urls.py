"""URLs of the indicators pages."""

from django.urls import path

from lantu.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
]
