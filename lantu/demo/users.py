"""The demo users: well-known logins that only a demo install creates."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.utils import timezone

from lantu.demo.units import PREFECTURE
from lantu.orgs.models import Duty, DutyAssignment, Membership, OrgUnit, Profile, Role
from lantu.orgs.services import duty_assign

DEMO_PASSWORD = "lantu-demo"
# username, unit code, role, superuser, display name
DEMO_USERS: tuple[tuple[str, str, str, bool, str], ...] = (
    ("admin", PREFECTURE, Role.ADMIN, True, "系统管理员"),
    ("planner", "drc", Role.PLANNER, False, "州发改委规划科"),
    ("industry", "industry", Role.REPORTER, False, "州工信局填报员"),
    ("mulei", "mulei", Role.REPORTER, False, "木垒县填报员"),
    ("leader", PREFECTURE, Role.LEADER, False, "州领导"),
)
# 三员分立: the three administrators, each with one duty and no unit role (they see no plan data).
DEMO_DUTIES: tuple[tuple[str, str, str], ...] = (
    ("sysadmin", Duty.SYSTEM, "系统管理员（三员）"),
    ("secadmin", Duty.SECURITY, "安全管理员（三员）"),
    ("auditor", Duty.AUDIT, "审计管理员（三员）"),
)


def demo_users_load(*, units: dict[str, OrgUnit]) -> tuple[str, ...]:
    """Create or reset the demo users; one password hash serves them all."""
    password = make_password(DEMO_PASSWORD)
    for username, unit_code, role, superuser, display in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.password, user.is_active = display, password, True
        user.is_superuser = user.is_staff = superuser
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"display_name": display})
        unit = units[unit_code]
        membership = Membership.objects.filter(user=user).first()
        if membership is None:
            Membership.objects.create(user=user, unit=unit, role=role)
        elif (membership.unit_id, membership.role) != (unit.pk, role):
            membership.unit, membership.role = unit, role
            membership.save()
    assigner = User.objects.get(username="admin")
    for username, duty, display in DEMO_DUTIES:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.password, user.is_active, user.is_superuser = display, password, True, False
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"display_name": display})
        DutyAssignment.objects.filter(user=user).exclude(duty=duty).delete()
        duty_assign(actor=assigner, user=user, duty=duty, now=timezone.now())
    return tuple(u[0] for u in DEMO_USERS) + tuple(d[0] for d in DEMO_DUTIES)
