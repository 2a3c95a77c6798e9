"""URLs of the import pages."""

from django.urls import path

from lantu.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/findings/add/", views.finding_add, name="add"),
    path("<int:pk>/findings/<int:fid>/", views.finding_edit, name="finding"),
    path("<int:pk>/findings/<int:fid>/drop/", views.finding_drop, name="drop"),
]
