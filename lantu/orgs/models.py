"""Org units (prefecture, counties, parks, departments), user roles and API tokens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantu.sources.models import Cited


class OrgUnit(Cited):
    """A unit that owns plan items, indicators and projects; units form a tree."""

    class Kind(models.TextChoices):
        REGION = "region", _("province or autonomous region")
        PREFECTURE = "prefecture", _("prefecture")
        COUNTY = "county", _("county or city")
        PARK = "park", _("park")
        DEPARTMENT = "department", _("department")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """Return the short name when there is one."""
        return self.short_name or self.name


class Role(models.TextChoices):
    """What a user may do; scope follows the user's unit."""

    ADMIN = "admin", _("administrator")
    PLANNER = "planner", _("planner")
    REPORTER = "reporter", _("reporter")
    LEADER = "leader", _("leader")


class Membership(models.Model):
    """The unit a user acts for and the role they hold."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"


class Profile(models.Model):
    """What Lantu shows of a person: the name colleagues know them by, never the login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("display name"), max_length=60, help_text=_("Shown on pages and in histories instead of the login.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.WRITE)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class AccountSecurity(models.Model):
    """When a user's password last changed and whether it must change at the next login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="security"
    )
    password_changed_at = models.DateTimeField(_("password changed at"))
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("account security")
        verbose_name_plural = _("account security")

    def __str__(self) -> str:
        return str(self.user)


class PasswordHistory(models.Model):
    """A password hash a user had, so that the last ones are not used again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    password = models.CharField(_("password"), max_length=128)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("former password")
        verbose_name_plural = _("former passwords")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


class Duty(models.TextChoices):
    """The three administrators of 三员分立; one account holds at most one of them."""

    SYSTEM = "system", _("system administrator")
    SECURITY = "security", _("security administrator")
    AUDIT = "audit", _("audit administrator")


class DutyAssignment(models.Model):
    """The administrative duty an account holds (one per account: the one-to-one keeps them apart)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="duty"
    )
    duty = models.CharField(_("duty"), max_length=20, choices=Duty.choices)
    assigned_at = models.DateTimeField(_("assigned at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("administrative duty")
        verbose_name_plural = _("administrative duties")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_duty_display()}"


class AuditRecord(models.Model):
    """One security event; each record's hash covers its fields and the previous record's hash."""

    class Event(models.TextChoices):
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOGOUT = "logout", _("logout")
        LOCKOUT = "lockout", _("lockout")
        SESSION_EXPIRED = "session_expired", _("session expired")
        SECOND_FACTOR = "second_factor", _("second factor")
        PASSWORD_CHANGE = "password_change", _("password change")
        DENIED = "denied", _("permission denied")
        ROLE_CHANGE = "role_change", _("role or scope change")
        DUTY_CHANGE = "duty_change", _("administrative duty change")
        TOKEN = "token", _("API token")
        EXPORT = "export", _("data export")
        ADMIN = "admin", _("administrative action")
        AUDIT = "audit", _("audit trail")

    class Result(models.TextChoices):
        SUCCESS = "success", _("success")
        FAILURE = "failure", _("failure")

    at = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=64, blank=True)
    event = models.CharField(_("event"), max_length=20, choices=Event.choices, db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    detail = models.TextField(_("detail"), blank=True)
    # unique: two records appended at once cannot both follow the same record (the chain stays a line)
    previous_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.event} {self.result}"
