"""The audit administrator's pages (under /audit/)."""

from django.urls import path

from lantu.orgs import audit_views

urlpatterns = [
    path("", audit_views.audit_list, name="audit"),
    path("export/", audit_views.audit_export, name="audit_export"),
]
