"""API authentication: the browser session or `Authorization: Bearer TOKEN`."""

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from lantu.orgs.services import api_token_user


class BearerToken(HttpBearer):
    """Authenticate with a personal API token."""

    def authenticate(self, request, token: str):
        user = api_token_user(raw=token, now=timezone.now())
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]
