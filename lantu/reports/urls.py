"""URLs of the reports pages."""

from django.urls import path

from lantu.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/row/", views.row, name="row"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("issued/", views.issued, name="issued"),
    path("issued/<int:pk>/download/", views.issued_download, name="issued_download"),
]
