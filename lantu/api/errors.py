"""The API's exception handlers: services raise, these answer (400 invalid, 401, 403 refused, 404, 409 stale,
413 too large), always as JSON in the user's language."""

from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError

from lantu.lib.errors import error_text, http_status, labelled_text, messages_by_field


class ErrorOut(Schema):
    """Every error answer: a message, and for bad input the messages by field ("__all__": no field)."""

    detail: str
    errors: dict[str, list[str]] | None = None


# The statuses any operation may answer besides its success, as the handlers below produce them.
ERROR_STATUSES = {
    400: "Bad input: `detail`, and `errors` by field (schema or domain rules)",
    401: "Not logged in and no valid `Authorization: Bearer TOKEN`",
    403: "Refused: the reason in `detail` (role, scope, state)",
    404: "Not found, or not visible to you",
    409: "Conflict: someone else saved or created it meanwhile; reload",
    413: "The request is larger than the server accepts",
}


def document_errors(openapi: dict) -> dict:
    """Add the error statuses and their `Error` schema to every operation of an OpenAPI document."""
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ErrorOut.model_json_schema()
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(str(status), {"description": description, "content": content})
    return openapi


# Digit limits of a decimal, by pydantic's error type: the limit's key in the error, and Django's wording.
DIGITS = {
    "decimal_max_digits": (
        "max_digits",
        ngettext_lazy(
            "Ensure that there are no more than %(max)s digit in total.",
            "Ensure that there are no more than %(max)s digits in total.",
            "max",
        ),
    ),
    "decimal_max_places": (
        "decimal_places",
        ngettext_lazy(
            "Ensure that there are no more than %(max)s decimal place.",
            "Ensure that there are no more than %(max)s decimal places.",
            "max",
        ),
    ),
    "decimal_whole_digits": (
        "whole_digits",
        ngettext_lazy(
            "Ensure that there are no more than %(max)s digit before the decimal point.",
            "Ensure that there are no more than %(max)s digits before the decimal point.",
            "max",
        ),
    ),
}


def schema_message(problem: dict) -> str:
    """Return a schema error's message in the user's language (Django's own wording where it has one)."""
    kind = problem.get("type", "")
    ctx = problem.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our validators' own, translated message
    if kind == "missing":
        return _("This field is required.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge", ctx.get("gt"))
        }
    if kind in ("less_than_equal", "less_than"):
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le", ctx.get("lt"))
        }
    if kind in DIGITS:
        key, message = DIGITS[kind]
        return str(message % {"max": ctx.get(key, 0)})
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length", 0)
        return ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            limit,
        ) % {
            "limit_value": limit,
            "show_value": ctx.get("actual_length") or len(str(problem.get("input", ""))),
        }
    if kind.startswith(("decimal", "float", "finite", "int")):
        return _("Enter a number.")
    if kind.startswith(("date", "datetime")):
        return _("Enter a valid date.")
    return str(problem.get("msg", ""))


def add_handlers(api: NinjaAPI) -> None:
    """Register the translation of service errors on the API."""

    def invalid(request: HttpRequest, error: Any) -> HttpResponse:  # a ValidationError
        body = {"detail": labelled_text(error), "errors": messages_by_field(error)}
        return api.create_response(request, body, status=http_status(error))

    def malformed(request: HttpRequest, error: Any) -> HttpResponse:  # a SchemaError
        # A request the schemas refuse is bad input like any other: 400 with the messages by field.
        by_field: dict[str, list[str]] = {}
        for problem in error.errors:
            where = [str(part) for part in problem.get("loc", ()) if isinstance(part, str)]
            field = where[-1] if len(where) > 1 else "__all__"
            by_field.setdefault(field, []).append(schema_message(problem))
        detail = " ".join(
            f"{field}: {message}" for field, messages in by_field.items() for message in messages
        )
        return api.create_response(request, {"detail": detail, "errors": by_field}, status=400)

    def refused(request: HttpRequest, error: Any) -> HttpResponse:  # a PermissionDenied
        reason = error_text(error)
        setattr(request, "lantu_refusal", reason)  # noqa: B010 - read by lantu.lib.errors.ForbiddenLogLine
        return api.create_response(request, {"detail": reason}, status=403)

    def not_found(request: HttpRequest, error: Any) -> HttpResponse:  # a Http404
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    def unauthenticated(request: HttpRequest, error: Any) -> HttpResponse:  # a AuthenticationError
        return api.create_response(
            request, {"detail": _("Log in, or send an API token: Authorization: Bearer TOKEN.")}, status=401
        )

    def too_large(request: HttpRequest, error: Any) -> HttpResponse:  # a SuspiciousOperation
        # Django's own limits on a request (DATA_UPLOAD_MAX_MEMORY_SIZE, field and file counts).
        if isinstance(error, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
            return api.create_response(
                request, {"detail": _("The request is too large; send less at once.")}, status=413
            )
        return api.create_response(request, {"detail": _("Bad request.")}, status=400)

    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(SuspiciousOperation, too_large)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(SchemaError, malformed)
    api.add_exception_handler(PermissionDenied, refused)
    api.add_exception_handler(Http404, not_found)
