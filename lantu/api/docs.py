"""/api/v1/docs without a CDN: django-ninja's Swagger page with Swagger UI served from static/vendor."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class OfflineSwagger(Swagger):
    """Render Swagger UI from Lantu's static files (swagger-ui-dist from npm), never from a CDN."""

    template = "api/swagger.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        # ninja renders its CDN template unless "ninja" is an installed app; Lantu always renders its own.
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": self.settings, "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, self.template, context)
