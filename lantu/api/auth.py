"""API authentication: the browser session or `Authorization: Bearer TOKEN`."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from lantu.orgs.services import api_token_user


class BearerToken(HttpBearer):
    """Authenticate with a personal API token."""

    def authenticate(self, request, token: str):
        user = api_token_user(raw=token, now=timezone.now())
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """Authenticate with the browser session; CSRF is checked for a logged-in session only.

    Without a session there is nobody to forge a request for: the caller is told 401 (log in),
    not 403 "CSRF check failed".
    """

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


AUTH = [BearerToken(), Session()]
