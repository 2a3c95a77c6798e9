"""The API's exception handlers: services raise, these answer (400 invalid, 403 refused, 404, 409 stale)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from lantu.lib.errors import error_text, http_status, labelled_text, messages_by_field


def add_handlers(api: NinjaAPI) -> None:
    """Register the translation of service errors on the API."""

    def invalid(request, error: ValidationError):
        body = {"detail": labelled_text(error), "errors": messages_by_field(error)}
        return api.create_response(request, body, status=http_status(error))

    def refused(request, error: PermissionDenied):
        reason = error_text(error)
        request.lantu_refusal = reason  # read by lantu.lib.errors.ForbiddenLogLine
        return api.create_response(request, {"detail": reason}, status=403)

    def not_found(request, error: Http404):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(PermissionDenied, refused)
    api.add_exception_handler(Http404, not_found)
