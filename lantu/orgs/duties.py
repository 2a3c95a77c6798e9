"""三员分立: what each of the three administrators may do, granted by an authentication backend."""

from django.contrib.auth.models import AnonymousUser, User

from lantu.orgs.models import Duty, DutyAssignment

_CRUD = ("add", "change", "delete", "view")


def _perms(app_model: str, actions=_CRUD) -> set[str]:
    app, model = app_model.split(".")
    return {f"{app}.{action}_{model}" for action in actions}


PERMISSIONS: dict[str, frozenset[str]] = {
    # users and the system's settings (units); not their roles, not the trail
    Duty.SYSTEM: frozenset(
        _perms("auth.user", ("add", "change", "view")) | _perms("orgs.orgunit") | {"orgs.view_membership"}
    ),
    # roles, scopes, duties, tokens, lockouts, second factors
    Duty.SECURITY: frozenset(
        _perms("orgs.membership")
        | _perms("orgs.dutyassignment")
        | _perms("orgs.apitoken", ("change", "delete", "view"))
        | _perms("axes.accessattempt", ("delete", "view"))
        | _perms("axes.accessfailurelog", ("delete", "view"))
        | _perms("axes.accesslog", ("view",))
        | _perms("otp_totp.totpdevice", ("delete", "view"))
        | {"auth.view_user"}
    ),
    # the audit trail, read only
    Duty.AUDIT: frozenset({"orgs.view_auditrecord"}),
}


def duty_of(user: User | AnonymousUser) -> str | None:
    """Return the administrative duty a user holds, if any (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return None
    cache = user.__dict__
    if "_lantu_duty" not in cache:
        cache["_lantu_duty"] = DutyAssignment.objects.filter(user=user).values_list("duty", flat=True).first()
    return cache["_lantu_duty"]


class DutyBackend:
    """Grant the permissions of the user's duty; authenticates nobody."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def get_all_permissions(self, user, obj=None) -> set[str]:
        if obj is not None:
            return set()
        duty = duty_of(user)
        return set(PERMISSIONS.get(duty, ())) if duty else set()

    def has_perm(self, user, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user, obj)

    def has_module_perms(self, user, app_label: str) -> bool:
        return any(perm.startswith(app_label + ".") for perm in self.get_all_permissions(user))
