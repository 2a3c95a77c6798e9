"""Session limits, the second factor and forced password changes, enforced on every request."""

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from lantu.orgs.audit import Event, Result, audit_record
from lantu.orgs.duties import duty_of
from lantu.orgs.passwords import password_change_required
from lantu.orgs.second_factor import needs_second_factor

LOGIN_AT, SEEN_AT, FACTS = "lantu_login_at", "lantu_seen_at", "lantu_account"
# Paths a user on the way through the second factor or a password change may still reach.
OPEN_PREFIXES = ("/static/", "/media/", "/i18n/", "/accounts/logout/", "/accounts/login/")


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _to(request, name: str):
    """Send the user to a gate page; an htmx fragment (the bell) gets no page to swap in, only the way."""
    if request.headers.get("HX-Request"):
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        response = HttpResponse(status=204)
        if not current.path.startswith("/accounts/"):  # already at a gate: nothing to do
            response["HX-Redirect"] = f"{reverse(name)}?{urlencode({'next': current.path or '/'})}"
        return response
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def account_facts(request, refresh: bool = False, user=None) -> dict:
    """Return what the gates need to know about the session's user, worked out once per login.

    A password change or a reset ends the other sessions (Django's session hash), and enrolment or a
    password change refreshes these facts, so keeping them in the session is safe and saves queries.
    """
    facts = request.session.get(FACTS)
    if facts is None or refresh:
        user = user or request.user
        now = timezone.now()
        facts = {
            "second_factor": needs_second_factor(user),
            "change_password": password_change_required(user=user, now=now),
            "duty": duty_of(user),
            "checked_at": now.timestamp(),
        }
        request.session[FACTS] = facts
    elif not facts["change_password"] and time.time() - facts["checked_at"] > 3600:
        return account_facts(request, refresh=True)  # a password may expire during a long session
    return facts


class SessionLimitsMiddleware:
    """Log a session out after the idle timeout or the absolute lifetime since login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            login_at = request.session.get(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            idle = now - seen_at > settings.LANTU_SESSION_IDLE_MINUTES * 60
            if idle or now - login_at > settings.LANTU_SESSION_HOURS * 3600:
                user = request.user
                request.lantu_session_expired = True  # the logout receiver records this as expiry
                logout(request)
                audit_record(
                    event=Event.SESSION_EXPIRED,
                    now=timezone.now(),
                    request=request,
                    user=user,
                    detail="idle" if idle else "lifetime",
                )
                if not _is_api(request):
                    return redirect(f"{reverse('login')}?expired=1")
            else:
                request.session.setdefault(LOGIN_AT, now)
                if now - seen_at > 30 or SEEN_AT not in request.session:
                    request.session[SEEN_AT] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Send a user who needs the second factor to enter or enrol it before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(OPEN_PREFIXES):
            need = account_facts(request)["second_factor"]
            if need is not None and not request.path.startswith("/accounts/second-factor/"):
                if _is_api(request):
                    request.user = AnonymousUser()  # a session without its second factor is no login
                else:
                    return _to(request, "second_factor" if need == "verify" else "second_factor_enrol")
        return self.get_response(request)


class PasswordChangeMiddleware:
    """Send a user whose password is initial, reset or expired to change it before anything else."""

    ALLOWED = ("/accounts/password_change/", "/accounts/second-factor/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES + self.ALLOWED)
            and account_facts(request)["change_password"]
        ):
            if _is_api(request):
                request.user = AnonymousUser()
            else:
                return _to(request, "password_change")
        return self.get_response(request)


class AuditRefusalMiddleware:
    """Record every refusal (403) in the audit trail with the reason lantu.lib.errors gave it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            reason = getattr(request, "lantu_refusal", "") or getattr(response, "reason_phrase", "")
            audit_record(
                event=Event.DENIED,
                result=Result.FAILURE,
                now=timezone.now(),
                request=request,
                detail=f"{request.method} {request.path[:500]} {reason}",
            )
        return response
