"""A save over someone else's newer save is a conflict (409) on the pages as in the API."""

import pytest
from django.utils import translation

from lantu.dispatch.models import ProgressReport, TaskReport


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_stale_project_report_form_answers_409_and_keeps_the_newer_save(world, login, open_period):
    client = login("mulei")
    url = f"/projects/{world.mulei_project.pk}/report/2026-09/"
    data = {"completed_investment": "10", "cumulative_investment": "500", "version": "0"}
    client.post(url, data)
    opened = ProgressReport.objects.get(project=world.mulei_project).version
    client.post(url, data | {"cumulative_investment": "510", "version": str(opened)})
    response = client.post(url, data | {"cumulative_investment": "520", "version": str(opened)})
    assert response.status_code == 409
    assert "Someone else saved this report" in response.content.decode()
    assert ProgressReport.objects.get(project=world.mulei_project).cumulative_investment == 510


def test_stale_task_report_form_answers_409_and_keeps_the_newer_save(world, login):
    client = login("industry")
    url = f"/projects/tasks/{world.task.pk}/report/2026-09/"
    client.post(url, {"progress": "40", "narrative": "", "version": "0"})
    opened = TaskReport.objects.get(item=world.task).version
    client.post(url, {"progress": "45", "narrative": "", "version": str(opened)})
    response = client.post(url, {"progress": "50", "narrative": "", "version": str(opened)})
    assert response.status_code == 409
    assert TaskReport.objects.get(item=world.task).progress == 45
