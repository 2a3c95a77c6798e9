"""Evidence files are sent only to users who may read their task report, under the original name."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.dispatch import tasks


@pytest.fixture
def evidence(world, actors, now, settings, tmp_path):
    """Store a PDF evidence file on the industry bureau's draft task report."""
    settings.MEDIA_ROOT = tmp_path
    report = tasks.task_report_save(
        actor=actors["industry"],
        item=world.task,
        period="2026-09",
        version=None,
        progress=Decimal("40"),
        narrative="",
    )
    upload = SimpleUploadedFile("项目批复.pdf", b"%PDF-1.4 evidence")
    return tasks.attachment_add(actor=actors["industry"], report=report, upload=upload, now=now)


def test_lead_unit_downloads_its_evidence_under_the_original_name(login, evidence):
    response = login("industry").get(reverse("projects:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "%E9%A1%B9%E7%9B%AE%E6%89%B9%E5%A4%8D.pdf" in disposition


def test_planner_may_download_a_draft_reports_evidence(login, evidence):
    assert login("planner").get(reverse("projects:evidence", args=[evidence.pk])).status_code == 200


def test_another_countys_reporter_cannot_download_draft_evidence(login, evidence):
    response = login("mulei").get(reverse("projects:evidence", args=[evidence.pk]))
    assert response.status_code == 404


def test_anonymous_user_is_sent_to_the_login_page(client, evidence):
    response = client.get(reverse("projects:evidence", args=[evidence.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_task_report_page_links_the_download_view_not_media(login, evidence, world):
    page = login("industry").get(reverse("projects:task_report", args=[world.task.pk, "2026-09"]))
    html = page.content.decode()
    assert reverse("projects:evidence", args=[evidence.pk]) in html
    assert "/media/" not in html
