"""Task reports: the approved one stays in force until its correction is approved; a save is one intent."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.dispatch import tasks
from lantu.dispatch.models import Attachment, TaskReport
from lantu.dispatch.selectors import task_reports_in_force, task_review_queue
from lantu.orgs.access import actor_for
from lantu.orgs.models import Membership, Role


def _save(actors, world, progress, *, version=None, name="industry"):
    return tasks.task_report_save(
        actor=actors[name],
        item=world.task,
        period="2026-09",
        version=version,
        progress=Decimal(progress),
        narrative="",
    )


@pytest.fixture
def approved(world, actors, now):
    """The industry bureau's September report on its task (40 %), approved by the planner."""
    report = _save(actors, world, "40")
    tasks.task_report_submit(actor=actors["industry"], report=report, now=now)
    return tasks.task_report_review(actor=actors["planner"], report=report, approve=True, now=now)


def _in_force(world) -> TaskReport:
    return task_reports_in_force().get(item=world.task, period="2026-09")


def test_changing_an_approved_task_report_starts_a_correction_beside_it(world, actors, now, approved):
    correction = _save(actors, world, "55", version=approved.version)
    assert correction.pk != approved.pk and (correction.revision, correction.state) == (2, "draft")
    approved.refresh_from_db()
    assert (approved.state, approved.progress) == ("approved", Decimal("40"))
    assert _in_force(world).pk == approved.pk


def test_a_returned_task_report_correction_leaves_the_approved_one_in_force(world, actors, now, approved):
    correction = _save(actors, world, "55", version=approved.version)
    tasks.task_report_submit(actor=actors["industry"], report=correction, now=now)
    tasks.task_report_review(
        actor=actors["planner"], report=correction, approve=False, reason="无佐证", now=now
    )
    assert _in_force(world).pk == approved.pk and _in_force(world).progress == Decimal("40")


def test_approving_a_task_report_correction_supersedes_the_old_one(world, actors, now, approved):
    correction = _save(actors, world, "55", version=approved.version)
    tasks.task_report_submit(actor=actors["industry"], report=correction, now=now)
    tasks.task_report_review(actor=actors["planner"], report=correction, approve=True, now=now)
    approved.refresh_from_db()
    assert approved.superseded and _in_force(world).pk == correction.pk
    assert correction.reviewed_at == now


def test_a_county_planner_cannot_approve_a_prefecture_departments_task_report(world, actors, now):
    user = User.objects.create_user("mulei-planner", password="pw")
    Membership.objects.create(user=user, unit=world.mulei_county, role=Role.PLANNER)
    report = _save(actors, world, "40")
    tasks.task_report_submit(actor=actors["industry"], report=report, now=now)
    with pytest.raises(PermissionDenied):
        tasks.task_report_review(actor=actor_for(user), report=report, approve=True, now=now)
    report.refresh_from_db()
    assert report.state == "submitted"
    assert list(task_review_queue(actor=actor_for(user))) == []
    assert list(task_review_queue(actor=actors["planner"])) == [report]


def _evidence():
    return SimpleUploadedFile("proof.pdf", b"%PDF-1.4 proof", content_type="application/pdf")


def _fail_attachment_save(monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValidationError("the database refused the attachment")

    monkeypatch.setattr(Attachment, "save", broken)


def test_a_failed_evidence_upload_leaves_no_draft_and_no_file(login, world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    _fail_attachment_save(monkeypatch)
    url = reverse("projects:task_report", args=[world.task.pk, "2026-09"])
    response = login("industry").post(
        url, {"progress": "30", "narrative": "", "version": "0", "evidence": _evidence(), "submit": "1"}
    )
    assert response.status_code == 400  # the form again, with the error
    assert not TaskReport.objects.filter(item=world.task).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_failed_submit_leaves_the_draft_as_it_was(login, world, actors, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    draft = _save(actors, world, "20")
    monkeypatch.setattr(
        tasks, "task_report_submit", lambda **kw: (_ for _ in ()).throw(ValidationError("refused"))
    )
    url = reverse("projects:task_report", args=[world.task.pk, "2026-09"])
    login("industry").post(
        url,
        {
            "progress": "30",
            "narrative": "",
            "version": str(draft.version),
            "evidence": _evidence(),
            "submit": "1",
        },
    )
    kept = TaskReport.objects.get(pk=draft.pk)
    assert (kept.progress, kept.version, kept.state) == (Decimal("20"), draft.version, "draft")
    assert not Attachment.objects.filter(report=draft).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
