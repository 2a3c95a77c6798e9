"""One translation of service errors: the text a page shows, the API's answer, the 403 page and its log line.

Services raise `ValidationError`, `PermissionDenied` or `StaleEdit`; views and the API do not catch them to
render a refusal themselves: `permission_denied` (the project's `handler403`) and the API's exception
handlers (`lantu.api.errors`) turn them into responses, with the status from `http_status`.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

# Messages are whole sentences ("…。" or "….") so a space joins them in either language.
SEPARATOR = " "
NON_FIELD = "__all__"


class StaleEdit(ValidationError):
    """Someone else saved the object after it was opened; the second save is refused (HTTP 409)."""


@contextmanager
def created_once(message: str) -> Iterator[None]:
    """Create a row in a savepoint; when a concurrent request created the same one first, raise StaleEdit.

    On PostgreSQL two first saves of one report can both find no row and both insert; the second
    breaks the unique constraint and is answered 409 with `message` instead of an IntegrityError.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise StaleEdit(message) from None


def error_text(error: ValidationError | PermissionDenied, separator: str = SEPARATOR) -> str:
    """Return an error's messages joined into one text; a refusal gives its reason."""
    if isinstance(error, ValidationError):
        return separator.join(str(message) for message in error.messages)
    return str(error) or _("You do not have permission to see or change this page.")


def messages_by_field(error: ValidationError) -> dict[str, list[str]]:
    """Return an error's messages by field name; messages that name no field are under "__all__"."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {NON_FIELD: [str(m) for m in error.messages]}


def labelled_text(error: ValidationError) -> str:
    """Return the messages in one text, each prefixed by its field name when it names one."""
    return SEPARATOR.join(
        f"{field}: {message}" if field != NON_FIELD else message
        for field, messages in messages_by_field(error).items()
        for message in messages
    )


def http_status(error: Exception) -> int:
    """Return the HTTP status of a service error: 409 stale, 403 refused, 400 invalid."""
    if isinstance(error, StaleEdit):
        return 409
    if isinstance(error, PermissionDenied):
        return 403
    return 400


def _back_url(request) -> str | None:
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer if referer != request.build_absolute_uri() else None
    return None


def permission_denied(request, exception=None):
    """Render a refusal with its reason: the 403 page, or its card alone for htmx (swapped into <main>)."""
    reason = error_text(exception) if exception is not None else error_text(PermissionDenied())
    request.lantu_refusal = reason  # read by ForbiddenLogLine
    context = {"exception": reason, "back": _back_url(request)}
    if getattr(request, "htmx", False):
        response = render(request, "includes/forbidden.html", context, status=403)
        response["HX-Retarget"] = "main"
        response["HX-Reswap"] = "innerHTML"
        response["HX-Reselect"] = "#forbidden"
        return response
    return render(request, "403.html", context, status=403)


class ForbiddenLogLine(logging.Filter):
    """Log a 403 as one line (user, path, reason) instead of a warning with the refusal's traceback.

    When the request log (`lantu.lib.request_log`) writes the request's line, the reason goes on that line
    and this record is dropped: one refusal, one line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403:
            return True
        request = getattr(record, "request", None)
        reason = getattr(request, "lantu_refusal", "")
        if not reason and record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            reason = error_text(record.exc_info[1])
        if not reason:  # a refusal Lantu did not word, such as a CSRF failure: keep Django's line
            reason = record.getMessage()
        if getattr(request, "lantu_request_id", None) and logging.getLogger("lantu.request").isEnabledFor(
            logging.INFO
        ):
            request.lantu_refusal = reason  # type: ignore[union-attr]
            return False
        user = getattr(request, "user", None)
        username = user.get_username() if user is not None and user.is_authenticated else "-"
        path = request.path if request is not None else "-"
        record.msg = "403 user=%s path=%s reason=%s"
        record.args = (username, path, reason)
        record.exc_info = None
        record.exc_text = None
        return True
