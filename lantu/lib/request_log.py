"""One log line per request: request id, method, path, status, user and the time it took."""

import logging
import re
import time
import uuid

logger = logging.getLogger("lantu.request")

# An X-Request-ID from a proxy is kept when it is a plain token; anything else is replaced.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def request_id(header: str | None) -> str:
    """Return the request id a proxy sent when it is a plain token, else a new one."""
    if header and _REQUEST_ID.match(header):
        return header
    return uuid.uuid4().hex


def _username(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.get_username()
    return "-"


class RequestLogMiddleware:
    """Log each request as one line on `lantu.request` and answer with its X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.lantu_request_id = request_id(request.headers.get("x-request-id"))
        response = self.get_response(request)
        response["X-Request-ID"] = request.lantu_request_id
        if logger.isEnabledFor(logging.INFO):
            self._log(request, response, round((time.perf_counter() - started) * 1000, 1))
        return response

    @staticmethod
    def _log(request, response, duration_ms: float) -> None:
        fields = {
            "request_id": request.lantu_request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "user": _username(request),
            "duration_ms": duration_ms,
        }
        message = "%(method)s %(path)s %(status)s %(duration_ms)sms user=%(user)s id=%(request_id)s"
        # A refusal says why on the same line (lantu.lib.errors.ForbiddenLogLine leaves it to this line).
        reason = getattr(request, "lantu_refusal", "")
        if response.status_code == 403 and reason:
            fields["reason"] = reason
            message += " reason=%(reason)s"
        logger.info(message, fields, extra=fields)
