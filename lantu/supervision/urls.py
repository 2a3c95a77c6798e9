"""URLs of the supervision pages (督办)."""

from django.urls import path

from lantu.supervision import procedure_views, views

app_name = "supervision"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_new, name="new"),
    path("panel/", views.subject_panel, name="panel"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/respond/", views.order_respond, name="respond"),
    path("<int:pk>/review/", views.order_review, name="review"),
    path(
        "projects/<int:pk>/procedures/<int:procedure_id>/take-up/",
        procedure_views.procedure_take_up,
        name="procedure_take_up",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
