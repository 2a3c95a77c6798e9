"""The API's exception handlers: services raise, these answer (400 invalid, 403 refused, 404, 409 stale)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaError

from lantu.lib.errors import error_text, http_status, labelled_text, messages_by_field


def add_handlers(api: NinjaAPI) -> None:
    """Register the translation of service errors on the API."""

    def invalid(request, error: ValidationError):
        body = {"detail": labelled_text(error), "errors": messages_by_field(error)}
        return api.create_response(request, body, status=http_status(error))

    def malformed(request, error: SchemaError):
        # A request the schemas refuse is bad input like any other: 400 with the messages by field.
        by_field: dict[str, list[str]] = {}
        for problem in error.errors:
            where = [str(part) for part in problem.get("loc", ()) if isinstance(part, str)]
            field = where[-1] if len(where) > 1 else "__all__"
            by_field.setdefault(field, []).append(str(problem.get("msg", "")))
        detail = " ".join(
            f"{field}: {message}" for field, messages in by_field.items() for message in messages
        )
        return api.create_response(request, {"detail": detail, "errors": by_field}, status=400)

    def refused(request, error: PermissionDenied):
        reason = error_text(error)
        request.lantu_refusal = reason  # read by lantu.lib.errors.ForbiddenLogLine
        return api.create_response(request, {"detail": reason}, status=403)

    def not_found(request, error: Http404):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(SchemaError, malformed)
    api.add_exception_handler(PermissionDenied, refused)
    api.add_exception_handler(Http404, not_found)
