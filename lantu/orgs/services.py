"""Writes for users' credentials and duties: API tokens, password records, the three administrators."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.orgs.models import AccountSecurity, ApiToken, Duty, DutyAssignment, PasswordHistory

TOKEN_PREFIX = "lantu_"


def token_digest(raw: str) -> str:
    """Return the stored digest of a raw token."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str = "",
    scope: str = ApiToken.Scope.WRITE,
    days: int | None = None,
    now: datetime,
) -> str:
    """Create a personal API token for a user and return it; only its digest is kept."""
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read or write.")})
    days = settings.LANTU_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.LANTU_API_TOKEN_DAYS:
        raise ValidationError(
            {"days": _("A token lasts from 1 to %(days)d days.") % {"days": settings.LANTU_API_TOKEN_DAYS}}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(raw),
        created_at=now,
        expires_at=now + timedelta(days=days),
        scope=scope,
    )
    return raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, now: datetime) -> None:
    """Revoke a token so that it no longer authenticates."""
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])


TOKEN_USE_GRAIN = timedelta(minutes=1)  # how precisely a token's last use is recorded


def api_token_find(*, raw: str, now: datetime) -> ApiToken | None:
    """Return the live token (not revoked, not expired, its user active) a raw token is, recording its use."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_GRAIN:
        # To the minute: a write on every request would queue every API call, reads too, on SQLite's
        # single write lock.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_user(*, raw: str, now: datetime) -> User | None:
    """Return the active user a raw token belongs to, recording its use, or None."""
    token = api_token_find(raw=raw, now=now)
    return token.user if token is not None else None


def password_recorded(*, user: User, now: datetime, keep: int) -> None:
    """Note a new password: its hash joins the history, its age restarts, a forced change is done."""
    PasswordHistory.objects.create(user=user, password=user.password, created_at=now)
    stale = list(PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[max(keep, 1) :])
    PasswordHistory.objects.filter(pk__in=stale).delete()
    AccountSecurity.objects.update_or_create(
        user=user, defaults={"password_changed_at": now, "must_change_password": False}
    )


@transaction.atomic
def password_change_demand(*, user: User, now: datetime) -> None:
    """Make the user change the password at the next login (an initial or reset password)."""
    AccountSecurity.objects.update_or_create(
        user=user,
        defaults={"must_change_password": True},
        create_defaults={"must_change_password": True, "password_changed_at": now},
    )


@transaction.atomic
def duty_assign(*, actor: User, user: User, duty: str, now: datetime) -> DutyAssignment:
    """Give an account one of the three administrative duties; an account never holds two."""
    if duty not in Duty.values:
        raise ValidationError({"duty": _("Choose a system, security or audit administrator.")})
    if actor.pk == user.pk:
        raise PermissionDenied(_("Nobody assigns an administrative duty to themselves."))
    if user.is_superuser:
        raise ValidationError(
            _("A superuser holds every power; give duties to ordinary accounts and retire the superuser.")
        )
    held = DutyAssignment.objects.select_for_update().filter(user=user).first()
    if held is not None and held.duty != duty:
        raise ValidationError(
            _("%(user)s is already the %(duty)s; an account holds only one administrative duty.")
            % {"user": user.get_username(), "duty": held.get_duty_display()}
        )
    if held is None:
        held = DutyAssignment.objects.create(user=user, duty=duty, assigned_at=now)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return held


@transaction.atomic
def duty_remove(*, actor: User, user: User, now: datetime) -> None:
    """Take an account's administrative duty away, and with it the administration pages."""
    if actor.pk == user.pk:
        raise PermissionDenied(_("Nobody removes their own administrative duty."))
    DutyAssignment.objects.filter(user=user).delete()
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
