"""What the audit trail hears: logins, logouts, lockouts, role, duty and token changes, admin actions."""

import time

from axes.signals import user_locked_out
from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from lantu.lib.listing import exported
from lantu.orgs.audit import Event, Result, audit_record
from lantu.orgs.middleware import LOGIN_AT, SEEN_AT, account_facts
from lantu.orgs.models import AccountSecurity, ApiToken, DutyAssignment, Membership


def _request():
    """Return the request being handled (simple-history's middleware keeps it), if any."""
    return getattr(HistoricalRecords.context, "request", None)


@receiver(user_logged_in, dispatch_uid="lantu_audit_login")
def _logged_in(sender, request, user, **kwargs):
    now = timezone.now()
    AccountSecurity.objects.get_or_create(user=user, defaults={"password_changed_at": now})
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = request.session[SEEN_AT] = time.time()
        account_facts(request, refresh=True, user=user)  # worked out once for this login
    audit_record(event=Event.LOGIN, now=now, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="lantu_audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is None or getattr(request, "lantu_session_expired", False):
        return
    audit_record(event=Event.LOGOUT, now=timezone.now(), request=request, user=user)


@receiver(user_login_failed, dispatch_uid="lantu_audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    audit_record(
        event=Event.LOGIN_FAILED,
        result=Result.FAILURE,
        now=timezone.now(),
        request=request,
        username=str(credentials.get("username", ""))[:150],
    )


@receiver(user_locked_out, dispatch_uid="lantu_audit_lockout")
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        event=Event.LOCKOUT,
        result=Result.FAILURE,
        now=timezone.now(),
        request=request,
        username=str(username or "")[:150],
        address=ip_address or "",
        detail="locked after repeated failures",
    )


@receiver(pre_save, sender=Membership, dispatch_uid="lantu_audit_membership_before")
def _membership_before(sender, instance, **kwargs):
    old = Membership.objects.filter(pk=instance.pk).values("unit_id", "role").first() if instance.pk else None
    instance._lantu_before = old


@receiver(post_save, sender=Membership, dispatch_uid="lantu_audit_membership")
def _membership_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_lantu_before", None)
    after = {"unit_id": instance.unit_id, "role": instance.role}
    if before == after:
        return
    audit_record(
        event=Event.ROLE_CHANGE,
        now=timezone.now(),
        request=_request(),
        detail=f"{instance.user.get_username()}: {before or '-'} -> {after}",
    )


@receiver(post_delete, sender=Membership, dispatch_uid="lantu_audit_membership_delete")
def _membership_deleted(sender, instance, **kwargs):
    audit_record(
        event=Event.ROLE_CHANGE,
        now=timezone.now(),
        request=_request(),
        detail=f"{instance.user_id}: role {instance.role} in unit {instance.unit_id} removed",
    )


@receiver(post_save, sender=DutyAssignment, dispatch_uid="lantu_audit_duty")
@receiver(post_delete, sender=DutyAssignment, dispatch_uid="lantu_audit_duty_delete")
def _duty_changed(sender, instance, **kwargs):
    change = "removed" if "created" not in kwargs else "assigned"
    audit_record(
        event=Event.DUTY_CHANGE,
        now=timezone.now(),
        request=_request(),
        detail=f"{instance.user.get_username()}: {instance.duty} {change}",
    )


@receiver(post_save, sender=ApiToken, dispatch_uid="lantu_audit_token")
def _token_saved(sender, instance, created, **kwargs):
    if created:
        detail = f"{instance.prefix}… created, scope {instance.scope}, expires {instance.expires_at or '-'}"
    elif instance.revoked_at is not None:
        detail = f"{instance.prefix}… revoked"
    else:
        return
    audit_record(event=Event.TOKEN, now=timezone.now(), request=_request(), user=instance.user, detail=detail)


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="lantu_audit_totp_delete")
def _device_removed(sender, instance, **kwargs):
    if instance.confirmed:  # enrolment is recorded where it is confirmed (second_factor_confirm)
        audit_record(
            event=Event.SECOND_FACTOR,
            now=timezone.now(),
            request=_request(),
            detail=f"{instance.user.get_username()}: TOTP device removed",
        )


@receiver(post_save, sender=LogEntry, dispatch_uid="lantu_audit_admin")
def _admin_action(sender, instance, created, **kwargs):
    if not created:
        return
    action = {1: "added", 2: "changed", 3: "deleted"}.get(instance.action_flag, "?")
    audit_record(
        event=Event.ADMIN,
        now=timezone.now(),
        request=_request(),
        detail=f"{action} {instance.content_type} {instance.object_repr!r}: {instance.get_change_message()}"[
            :2000
        ],
    )


@receiver(exported, dispatch_uid="lantu_audit_list_export")
def _list_exported(sender, request, title, rows, **kwargs):
    audit_record(
        event=Event.EXPORT,
        now=timezone.now(),
        request=request,
        detail=f"{title} ({rows}) {request.GET.urlencode()}"[:2000],
    )
