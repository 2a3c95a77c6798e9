"""A large dispatch Excel upload runs as a job: progress on its page, Chinese reasons, retry, no leftovers."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from test_dispatch_excel import _fill

from lantu.dispatch import excel
from lantu.dispatch.models import ProgressReport
from lantu.jobs import services as job_services
from lantu.jobs.models import Job

UPLOAD = "/projects/dispatch/excel/mulei/2026-09/upload/"


@pytest.fixture
def large(settings, tmp_path):
    """Make every upload "large" and keep stored files in a temporary folder."""
    settings.LANTU_DISPATCH_UPLOAD_JOB_BYTES = 10
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def _staged(settings) -> list:
    folder = settings.MEDIA_ROOT / "jobs" / "dispatch"
    return sorted(folder.iterdir()) if folder.exists() else []


def _workbook(world, **cells) -> bytes:
    values = {"completed_investment": 150, "cumulative_investment": 980} | cells
    template = excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True)
    return _fill(template, {3: values})


def _post(client, content: bytes):
    return client.post(
        UPLOAD, {"file": SimpleUploadedFile("调度表.xlsx", content)}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )


def test_a_small_upload_is_applied_at_once_without_a_job(world, login, open_period, settings):
    settings.LANTU_DISPATCH_UPLOAD_JOB_BYTES = 10 * 1024 * 1024
    response = _post(login("mulei"), _workbook(world))
    assert response.status_code == 302 and "job=" not in response.url
    assert ProgressReport.objects.get().completed_investment == Decimal("150")
    assert not Job.objects.exists()


def test_a_large_upload_runs_as_a_job_with_its_progress_on_the_unit_page_and_its_file_removed(
    world, login, open_period, large
):
    large.LANTU_JOBS_SYNC = False
    client = login("mulei")
    response = _post(client, _workbook(world))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"&job={job.pk}")
    assert not ProgressReport.objects.exists() and len(_staged(large)) == 1  # waits for the worker
    page = client.get(response.url).content.decode()
    assert f'id="job-{job.pk}" data-state="queued"' in page and 'hx-trigger="every 1s"' in page

    job_services.job_run(job.pk)  # what the worker does
    job.refresh_from_db()
    assert (job.state, job.result["saved"], job.step) == ("done", 1, "已保存")
    report = ProgressReport.objects.get()
    assert (report.completed_investment, report.state, report.entered_by_id) == (
        Decimal("150"),
        "draft",
        world.users["mulei"].pk,
    )
    assert _staged(large) == []
    page = client.get(response.url).content.decode()
    assert f'id="job-{job.pk}" data-state="done"' in page and "every 1s" not in page


def test_a_large_upload_with_bad_cells_fails_in_chinese_naming_them_and_saves_nothing(
    world, login, open_period, large
):
    large.LANTU_JOBS_SYNC = True
    _post(login("mulei"), _workbook(world, cumulative_investment="abc"))
    job = Job.objects.get()
    assert job.state == "failed"
    assert job.error.startswith("上传被拒绝，未保存任何内容") and "第3行 E列" in job.error, job.error
    assert not ProgressReport.objects.exists()
    assert _staged(large) == []  # the same file would be refused again: nothing is kept for a retry


def test_an_upload_interrupted_by_another_failure_keeps_its_file_and_a_retry_applies_it(
    world, login, open_period, large, monkeypatch
):
    large.LANTU_JOBS_SYNC = True
    apply = excel.upload_apply

    def locked(**kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(excel, "upload_apply", locked)
    _post(login("mulei"), _workbook(world))
    job = Job.objects.get()
    assert job.state == "failed" and "database is locked" in job.error
    assert not ProgressReport.objects.exists() and len(_staged(large)) == 1

    monkeypatch.setattr(excel, "upload_apply", apply)
    job = job_services.job_retry(user=world.users["mulei"], job=job, now=timezone.now())
    assert job.state == "done" and ProgressReport.objects.get().completed_investment == Decimal("150")
    assert _staged(large) == []


def test_another_county_is_refused_before_anything_is_stored_or_queued(world, login, open_period, large):
    response = _post(login("qitai"), _workbook(world))
    assert response.status_code == 403
    assert not Job.objects.exists() and _staged(large) == []


def test_pruning_removes_the_file_of_a_failed_upload_nobody_retried(
    world, login, open_period, large, monkeypatch
):
    large.LANTU_JOBS_SYNC = True
    monkeypatch.setattr(excel, "upload_apply", lambda **kwargs: 1 / 0)
    _post(login("mulei"), _workbook(world))
    job = Job.objects.get()
    assert job.state == "failed" and len(_staged(large)) == 1
    job_services.queue_prune(progress=job_services.Progress())
    assert len(_staged(large)) == 1  # recent: kept for a retry
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=8))
    job_services.queue_prune(progress=job_services.Progress())
    assert _staged(large) == []
