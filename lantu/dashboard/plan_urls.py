"""URLs under /plans/: the plans app's own pages, then the tree and item pages composed here."""

from django.urls import path

from lantu.dashboard import plan_views
from lantu.plans.urls import urlpatterns as plans_urlpatterns

app_name = "plans"
urlpatterns = [
    *plans_urlpatterns,
    path("<slug:code>/", plan_views.plan_detail, name="detail"),
    path("<slug:code>/items/<int:pk>/", plan_views.plan_item, name="item"),
]
