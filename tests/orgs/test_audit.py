"""安全审计: what the trail records, its SM3 hash chain, verification, retention and the audit page."""

import io
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lantu.orgs.audit import GENESIS, audit_prune, audit_record, audit_verify, sm3_hex
from lantu.orgs.models import AuditRecord
from lantu.orgs.services import duty_assign


def _trail(count: int, now=None):
    now = now or timezone.now()
    return [audit_record(event="login", now=now, username=f"u{i}", address="10.0.0.1") for i in range(count)]


def test_sm3_matches_the_standard_example():
    # GB/T 32905-2016, appendix A.1: SM3("abc")
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_each_record_is_chained_to_the_one_before(db):
    first, second, third = _trail(3)
    assert first.previous_hash == GENESIS
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert audit_verify() == (3, None)


def test_verify_reports_the_first_record_changed_behind_the_apps_back(db):
    records = _trail(5)
    AuditRecord.objects.filter(pk=records[2].pk).update(detail="nothing happened")
    checked, broken = audit_verify()
    assert (checked, broken.record_id) == (2, records[2].pk)
    with pytest.raises(CommandError, match=f"record {records[2].pk}"):
        call_command("audit", "verify")


def test_verify_reports_a_deleted_record(db):
    records = _trail(4)
    AuditRecord.objects.filter(pk=records[1].pk).delete()
    assert audit_verify()[1].record_id == records[2].pk


def test_two_records_cannot_follow_the_same_record(db):
    (first,) = _trail(1)
    with pytest.raises(IntegrityError):
        AuditRecord.objects.create(
            at=timezone.now(),
            event="login",
            result="success",
            previous_hash=first.previous_hash,
            hash="f" * 64,
        )


def test_the_verify_command_reports_an_intact_trail(db, capsys):
    _trail(3)
    call_command("audit", "verify")
    assert "intact: 3 records" in capsys.readouterr().out


def test_prune_refuses_to_cut_into_six_months(db, settings):
    settings.LANTU_AUDIT_RETENTION_DAYS = 183
    now = timezone.now()
    _trail(2, now=now - timedelta(days=100))
    with pytest.raises(ValidationError):
        audit_prune(before=now - timedelta(days=90), now=now)
    with pytest.raises(CommandError):
        call_command("audit", "prune", "--before", f"{now - timedelta(days=30):%Y-%m-%d}")
    assert AuditRecord.objects.count() == 2


def test_prune_deletes_older_records_and_the_rest_still_verifies(db, settings):
    now = timezone.now()
    _trail(3, now=now - timedelta(days=400))
    _trail(2, now=now - timedelta(days=10))
    assert audit_prune(before=now - timedelta(days=200), now=now) == 3
    assert AuditRecord.objects.filter(event="audit").exists()
    assert audit_verify() == (3, None)


def test_a_refusal_is_recorded_with_user_path_and_reason(login, world):
    client = login("mulei")
    client.get(reverse("imports:index"))
    record = AuditRecord.objects.get(event="denied")
    assert record.username == "mulei" and record.result == "failure" and "/imports/" in record.detail


def test_logout_is_recorded(login, world):
    client = login("mulei")
    client.post(reverse("logout"))
    assert AuditRecord.objects.filter(event="logout", username="mulei").exists()


def test_downloading_an_excel_template_is_recorded_as_an_export(login, world):
    login("planner").get(reverse("indicators:entry-template"))
    assert AuditRecord.objects.filter(event="export", username="planner").exists()


def test_an_admin_action_is_recorded(login, world):
    client = login("admin")
    client.post(
        reverse("admin:orgs_orgunit_change", args=[world.qitai_county.pk]),
        {
            "code": "qitai",
            "name": "奇台县（改）",
            "kind": "county",
            "parent": world.prefecture.pk,
            "order": 0,
        },
    )
    assert AuditRecord.objects.filter(event="admin", detail__contains="奇台县（改）").exists()


@pytest.fixture
def auditor(world):
    user = User.objects.create_user("auditor", password="pw")
    duty_assign(actor=world.users["admin"], user=user, duty="audit", now=timezone.now())
    return user


def test_the_audit_administrator_filters_the_trail(client, world, auditor):
    audit_record(
        event="login_failed", result="failure", now=timezone.now(), username="intruder", address="10.9.9.9"
    )
    _trail(3)
    client.force_login(auditor)
    page = client.get(reverse("audit"), {"event": "login_failed"})
    assert page.status_code == 200
    assert [r.username for r in page.context["page"]] == ["intruder"]
    page = client.get(reverse("audit"), {"address": "10.0.0"})
    assert page.context["total"] == 3


def test_the_audit_administrator_exports_the_trail_and_the_export_is_recorded(client, world, auditor):
    _trail(2)
    client.force_login(auditor)
    response = client.get(reverse("audit_export"), {"event": "login"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    usernames = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(usernames) == ["auditor", "u0", "u1"]  # the auditor's own login is in the trail too
    assert "审计日志" in unquote(response["Content-Disposition"])  # a Chinese file name, as every download
    assert AuditRecord.objects.filter(event="export", username="auditor").exists()


@pytest.mark.parametrize("name", ["planner", "leader"])
def test_nobody_else_reads_the_audit_trail(login, world, name):
    assert login(name).get(reverse("audit")).status_code == 403
    assert login(name).get(reverse("audit_export")).status_code == 403
