"""Password rules beyond Django's: character classes, no reuse of the last ones, expiry."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantu.orgs.models import AccountSecurity, PasswordHistory
from lantu.orgs.services import password_recorded

CLASSES = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())


class ComplexityValidator:
    """Require characters from several classes: lower case, upper case, digits, symbols."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def validate(self, password: str, user=None) -> None:
        found = sum(any(test(c) for c in password) for test in CLASSES)
        if found < self.classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least %(classes)d of: lower-case letters, upper-case letters, "
            "digits and symbols."
        ) % {"classes": self.classes}


class HistoryValidator:
    """Refuse the user's last passwords; remember each new one (Django calls password_changed)."""

    def __init__(self, keep: int = 5):
        self.keep = keep

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None or self.keep == 0:
            return
        for former in PasswordHistory.objects.filter(user=user)[: self.keep]:
            if check_password(password, former.password):
                raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        password_recorded(user=user, now=timezone.now(), keep=self.keep)

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must differ from your last password.",
            "Your password must differ from your last %(keep)d passwords.",
            self.keep,
        ) % {"keep": self.keep}


def password_change_required(*, user, now: datetime) -> bool:
    """Return whether the user must change the password before going on: initial, reset or expired."""
    security = AccountSecurity.objects.filter(user=user).first()
    if security is None:
        return False
    if security.must_change_password:
        return True
    max_age = settings.LANTU_PASSWORD_MAX_AGE_DAYS
    return bool(max_age) and now - security.password_changed_at > timedelta(days=max_age)
