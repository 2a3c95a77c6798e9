"""A progress report carries evidence files; the form saves, attaches and submits in one transaction."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from lantu.dispatch import report_evidence
from lantu.dispatch.models import Attachment, ProgressReport

D = Decimal


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def _edit(actors, world, now, **extra):
    values = {"completed_investment": D("100"), "cumulative_investment": D("900")} | extra
    return report_evidence.report_edit(
        actor=actors["mulei"], project=world.mulei_project, period="2026-09", version=None, now=now, **values
    )


def test_form_saves_attaches_and_submits_in_one_call(world, actors, now, open_period):
    upload = SimpleUploadedFile("竣工验收.pdf", b"%PDF-1.4 report evidence")
    report = _edit(actors, world, now, evidence=[upload], submit=True)
    assert report.state == "submitted"
    assert [a.name for a in report.attachments.all()] == ["竣工验收.pdf"]


def test_a_refused_evidence_file_leaves_no_draft_behind(world, actors, now, open_period):
    with pytest.raises(ValidationError) as error:
        _edit(actors, world, now, evidence=[SimpleUploadedFile("run.exe", b"MZ")], submit=True)
    assert "evidence" in error.value.message_dict
    assert not ProgressReport.objects.filter(period="2026-09").exists()
    assert not Attachment.objects.exists()


def test_review_page_lists_the_evidence_and_only_readers_download_it(world, actors, now, login, open_period):
    report = _edit(actors, world, now, evidence=[SimpleUploadedFile("批复.pdf", b"%PDF")], submit=True)
    attachment = report.attachments.get()
    page = login("planner").get(f"/projects/reports/{report.pk}/").content.decode()
    url = reverse("projects:evidence", args=[attachment.pk])
    assert url in page and "批复.pdf" in page
    response = login("planner").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF"
    assert login("qitai").get(url).status_code == 404


def test_an_attachment_belongs_to_exactly_one_report(world, now):
    with pytest.raises(IntegrityError), transaction.atomic():
        Attachment.objects.create(name="x", size=1, uploaded_at=now, file="evidence/x.pdf")
