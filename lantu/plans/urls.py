"""URLs of the plans app's own pages; lantu.dashboard.plan_urls adds the tree and item pages."""

from django.urls import path

from lantu.plans import alignment_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("alignment/", alignment_views.alignment_view, name="alignment"),
    path("<slug:code>/items/<int:pk>/alignments/", alignment_views.alignment_add, name="alignment-add"),
    path(
        "<slug:code>/items/<int:pk>/alignments/<int:link>/remove/",
        alignment_views.alignment_remove,
        name="alignment-remove",
    ),
    path(
        "<slug:code>/items/<int:pk>/alignments/<int:link>/",
        alignment_views.alignment_edit,
        name="alignment-edit",
    ),
]
