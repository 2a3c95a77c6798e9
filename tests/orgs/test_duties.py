"""三员分立: the system, security and audit administrators, one duty per account, each its own powers."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from lantu.orgs.models import DutyAssignment
from lantu.orgs.services import duty_assign


@pytest.fixture
def duties(world):
    """Three ordinary accounts given the three duties by the bootstrap superuser."""
    now, admin = timezone.now(), world.users["admin"]
    holders = {}
    for duty in ["system", "security", "audit"]:
        user = User.objects.create_user(f"{duty}-admin", password="pw")
        duty_assign(actor=admin, user=user, duty=duty, now=now)
        holders[duty] = user
    return holders


def test_an_account_cannot_hold_a_second_duty(world, duties):
    with pytest.raises(ValidationError):
        duty_assign(actor=world.users["admin"], user=duties["system"], duty="audit", now=timezone.now())
    with pytest.raises(IntegrityError):
        DutyAssignment.objects.create(user=duties["system"], duty="audit", assigned_at=timezone.now())


def test_nobody_assigns_a_duty_to_themselves_or_to_a_superuser(world, duties):
    with pytest.raises(PermissionDenied):
        duty_assign(actor=duties["security"], user=duties["security"], duty="security", now=timezone.now())
    with pytest.raises(ValidationError):
        duty_assign(actor=duties["security"], user=world.users["admin"], duty="audit", now=timezone.now())


def test_the_admin_refuses_a_second_duty_for_an_account(client, duties):
    client.force_login(duties["security"])
    response = client.post(
        reverse("admin:orgs_dutyassignment_add"), {"user": duties["system"].pk, "duty": "audit"}
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert DutyAssignment.objects.get(user=duties["system"]).duty == "system"


@pytest.mark.parametrize(
    ("duty", "allowed", "refused"),
    [
        (
            "system",
            ["auth_user_add", "orgs_orgunit_changelist"],
            ["orgs_auditrecord_changelist", "orgs_membership_add", "orgs_dutyassignment_changelist"],
        ),
        (
            "security",
            ["orgs_membership_add", "orgs_dutyassignment_changelist", "axes_accessattempt_changelist"],
            ["auth_user_add", "orgs_auditrecord_changelist"],
        ),
        (
            "audit",
            ["orgs_auditrecord_changelist"],
            ["auth_user_changelist", "orgs_membership_changelist", "orgs_orgunit_changelist"],
        ),
    ],
)
def test_each_administrator_reaches_only_their_own_pages(client, duties, duty, allowed, refused):
    client.force_login(duties[duty])
    for name in allowed:
        assert client.get(reverse(f"admin:{name}")).status_code == 200, name
    for name in refused:
        assert client.get(reverse(f"admin:{name}")).status_code == 403, name


def test_the_system_administrator_cannot_make_anyone_a_superuser(client, world, duties):
    client.force_login(duties["system"])
    target = world.users["mulei"]
    page = client.get(reverse("admin:auth_user_change", args=[target.pk]))
    assert "is_superuser" in page.context["adminform"].readonly_fields


def test_an_administrator_without_a_unit_role_sees_no_plan_data(client, duties):
    client.force_login(duties["audit"])
    assert client.get(reverse("plans:list")).status_code == 403


def test_role_and_duty_changes_are_audited(client, world, duties):
    from lantu.orgs.models import AuditRecord, Membership

    membership = Membership.objects.get(user=world.users["mulei"])
    membership.role = "leader"
    membership.save()
    assert AuditRecord.objects.filter(event="role_change", detail__contains="mulei").exists()
    assert AuditRecord.objects.filter(event="duty_change", detail__contains="audit-admin").exists()
