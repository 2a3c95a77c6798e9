"""Who may generate and read reports, the failure path, and the pages (in English)."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation

from lantu.jobs.models import Job
from lantu.orgs.access import actor_for
from lantu.reports import services
from lantu.reports.models import GeneratedReport


@pytest.fixture(autouse=True)
def english(settings):
    """Render pages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_reporter_cannot_generate_for_another_county_and_nothing_is_recorded(generate, data):
    with pytest.raises(PermissionDenied):
        generate("project_ledger", "mulei", unit=data.world.qitai_county)
    assert not GeneratedReport.objects.exists()


def test_leader_may_generate_a_report_for_the_prefecture(generate):
    report = generate("indicator_ledger", "leader")
    assert report.state == "done" and report.created_by.username == "leader"


def test_year_outside_the_plan_is_refused(generate):
    with pytest.raises(ValidationError):
        generate("stocktake", year=2040)
    assert not GeneratedReport.objects.exists()


def test_failed_generation_is_recorded_with_its_reason(generate, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "render_xlsx", broken)
    report = generate("task_ledger")
    assert report.state == "failed" and "disk full" in report.message
    assert not report.file
    assert report.history.count() >= 2  # requested, then failed: both attributable


def test_planner_requests_a_report_from_the_page_and_downloads_it(login, data):
    client = login("planner")
    world = data.world
    form = {"kind": "task_ledger", "plan": world.plan.pk, "year": 2026, "unit": world.mulei_county.pk}
    response = client.post(reverse("reports:index"), form, follow=True)
    assert response.status_code == 200
    report = GeneratedReport.objects.get()
    assert report.state == "done" and report.unit == world.mulei_county
    page = response.content.decode()
    assert reverse("reports:download", args=[report.pk]) in page and "planner" in page
    download = client.get(reverse("reports:download", args=[report.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_page_shows_only_reports_in_the_users_scope(login, generate, data):
    qitai = generate("project_ledger", "planner", unit=data.world.qitai_county)
    mulei = generate("project_ledger", "planner", unit=data.world.mulei_county)
    client = login("mulei")
    page = client.get(reverse("reports:index")).content.decode()
    assert f'id="report-{mulei.pk}"' in page and f'id="report-{qitai.pk}"' not in page
    assert client.get(reverse("reports:download", args=[qitai.pk])).status_code == 404
    assert client.get(reverse("reports:row", args=[qitai.pk])).status_code == 404


def test_form_offers_a_reporter_only_its_own_unit(login, data):
    page = login("mulei").get(reverse("reports:index")).content.decode()
    assert data.world.mulei_county.name in page
    assert data.world.qitai_county.name not in page


def test_bad_year_on_the_page_is_explained_and_nothing_recorded(login, data):
    world = data.world
    form = {"kind": "stocktake", "plan": world.plan.pk, "year": 2050, "unit": world.prefecture.pk}
    response = login("planner").post(reverse("reports:index"), form)
    assert response.status_code == 400
    assert "The year must lie between 2025 and 2030" in response.content.decode()
    assert not GeneratedReport.objects.exists()


def test_running_report_row_is_polled_until_done(login, data):
    world = data.world
    report = GeneratedReport.objects.create(
        kind="stocktake",
        plan=world.plan,
        unit=world.prefecture,
        year=2026,
        state="running",
        progress=40,
        created_at="2026-11-23T10:00:00+08:00",
        updated_at=timezone.now(),
    )
    client = login("planner")
    row = client.get(reverse("reports:row", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in row and 'value="40"' in row
    GeneratedReport.objects.filter(pk=report.pk).update(state="failed", message="boom")
    row = client.get(reverse("reports:row", args=[report.pk])).content.decode()
    assert "hx-trigger" not in row and "boom" in row
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_main_navigation_links_to_reports(login):
    page = login("leader").get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("reports:index")}"' in page


def test_report_queued_before_a_restart_is_completed_by_the_worker(settings, transactional_db, data, now):
    """The web process queues the job and goes away; a worker on a new connection generates the file."""
    settings.LANTU_JOBS_SYNC = False
    world = data.world
    actor = actor_for(world.users["planner"])
    report = services.report_request(
        actor=actor, kind="problem_ledger", plan=world.plan, unit=world.prefecture, year=2026, now=now
    )
    assert report.state == "queued"
    connections.close_all()  # the web process ends; only the database remembers the job
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.state == "done", report.message
    job = Job.objects.get(subject=f"report:{report.pk}")
    assert (job.state, job.percent, job.created_by_id) == ("done", 100, world.users["planner"].pk)
