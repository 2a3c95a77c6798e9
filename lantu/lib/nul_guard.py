"""Refuse a NUL character in the query string before any view reads it: PostgreSQL cannot hold one.

Forms already refuse it (Django's ProhibitNullCharactersValidator) and API texts refuse every control
character (`lib.schemas.Text`); this guards the pages that read a parameter such as ?unit= directly.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def has_nul(request: HttpRequest) -> bool:
    """Return whether a query parameter's name or value holds a NUL character."""
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )


class RefuseNulMiddleware:
    """Answer 400 to a request whose query string holds a NUL (JSON under /api/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            message = _("The address holds a NUL character; remove it and try again.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": None}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
