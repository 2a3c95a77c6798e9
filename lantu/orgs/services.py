"""Writes for org units and users: personal API tokens."""

import hashlib
import secrets
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from lantu.orgs.models import ApiToken

TOKEN_PREFIX = "lantu_"


def token_digest(raw: str) -> str:
    """Return the stored digest of a raw token."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "", now: datetime) -> str:
    """Create a personal API token for a user and return it; only its digest is kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, prefix=raw[: len(TOKEN_PREFIX) + 6], digest=token_digest(raw), created_at=now
    )
    return raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, now: datetime) -> None:
    """Revoke a token so that it no longer authenticates."""
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])


def api_token_user(*, raw: str, now: datetime) -> User | None:
    """Return the active user a raw token belongs to, recording its use, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
