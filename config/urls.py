"""URL configuration."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from lantu.api.urls import api
from lantu.jobs import health

handler403 = "lantu.lib.errors.permission_denied"

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=static("lantu/favicon.svg"), permanent=True)),
    path("", include("lantu.dashboard.urls")),
    path("plans/", include("lantu.dashboard.plan_urls")),
    path("indicators/", include("lantu.dashboard.indicator_urls")),
    path("projects/", include("lantu.dashboard.project_urls")),
    path("factors/", include("lantu.factors.urls")),
    path("imports/", include("lantu.imports.urls")),
    path("reports/", include("lantu.reports.urls")),
    path("supervision/", include("lantu.supervision.urls")),
    path("notifications/", include("lantu.notify.urls")),
    path("jobs/", include("lantu.jobs.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("audit/", include("lantu.orgs.audit_urls")),
    path("accounts/", include("lantu.orgs.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
]
