"""URLs of the plans pages."""

from django.urls import path

from lantu.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<slug:code>/", views.plan_detail, name="detail"),
    path("<slug:code>/items/<int:pk>/", views.plan_item, name="item"),
]
