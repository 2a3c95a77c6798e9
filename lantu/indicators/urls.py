"""URLs of the indicators pages; lantu.dashboard.indicator_urls adds the indicator page itself."""

from django.urls import path

from lantu.indicators import entry_views, split_views, version_views, views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<int:pk>/values/", entry_views.observation_enter, name="enter"),
    path("<int:pk>/targets/", version_views.target_revise, name="target-revise"),
    path("<int:pk>/thresholds/", version_views.thresholds_set, name="thresholds"),
    path("<int:pk>/split/", split_views.split_edit, name="split"),
    path("<int:pk>/split/check/", split_views.split_check, name="split-check"),
    path("shares/<int:pk>/remove/", split_views.share_remove, name="share-remove"),
    path("entry/", entry_views.entry_grid, name="entry"),
    path("entry/template.xlsx", entry_views.entry_template, name="entry-template"),
    path("entry/upload/", entry_views.entry_upload, name="entry-upload"),
    path("review/", entry_views.review, name="review"),
    path("review/approve/", entry_views.review_approve_selected, name="review-approve"),
    path("values/<int:pk>/submit/", entry_views.observation_submit, name="submit"),
    path("values/<int:pk>/approve/", entry_views.observation_review, {"decision": "approve"}, name="approve"),
    path("values/<int:pk>/return/", entry_views.observation_review, {"decision": "return"}, name="return"),
]
