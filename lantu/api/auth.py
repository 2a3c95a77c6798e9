"""API authentication: the session or `Authorization: Bearer TOKEN` (expiring, read or write scope)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from lantu.orgs.models import ApiToken
from lantu.orgs.services import api_token_find

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerToken(HttpBearer):
    """Authenticate with a personal API token; a read-only token is refused any change."""

    def authenticate(self, request, token: str):
        found = api_token_find(raw=token, now=timezone.now())
        if found is None:
            return None
        request.user = found.user
        if found.scope == ApiToken.Scope.READ and request.method not in SAFE_METHODS:
            raise PermissionDenied(
                _("This API token may only read; create a read and write token to change data.")
            )
        return found.user


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
