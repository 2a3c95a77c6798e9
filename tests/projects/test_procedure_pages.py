"""Approval pages: the timeline, recording one, a department's queue, taking a late one up, the API."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lantu.problems.models import Problem
from lantu.projects import procedures
from lantu.projects.models import ProjectProcedure
from lantu.supervision.models import SupervisionOrder


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def planned(world, actors, catalogue):
    """Plan the Mulei project's approvals long ago: 立项 is late today."""
    now = timezone.now()
    start = timezone.localdate(now).replace(year=timezone.localdate(now).year - 1)
    return procedures.procedures_plan(
        actor=actors["planner"], project=world.mulei_project, start=start, now=now
    )


def test_the_project_page_shows_what_the_project_waits_for(world, login, planned):
    page = login("leader").get(reverse("projects:detail", args=[world.mulei_project.pk])).content.decode()
    assert 'id="procedure-timeline"' in page
    assert "Waiting for 立项" in page
    assert "Plan the approvals" not in page  # a leader reads, does not plan


def test_the_project_page_offers_planning_only_to_a_project_without_approvals(world, login, planned):
    client = login("planner")
    planned_page = client.get(reverse("projects:detail", args=[world.mulei_project.pk])).content.decode()
    other_page = client.get(reverse("projects:detail", args=[world.qitai_project.pk])).content.decode()
    assert 'id="procedures-plan"' not in planned_page and 'id="procedures-plan"' in other_page


def test_the_granting_department_records_a_grant_from_its_queue(world, login, planned, catalogue):
    client = login("planner")
    approval = ProjectProcedure.objects.get(project=world.mulei_project, kind=catalogue.approval)
    queue = client.get(reverse("projects:procedure_queue"), {"unit": world.drc.code}).content.decode()
    assert world.mulei_project.name in queue and "late" in queue
    url = reverse("projects:procedure_edit", args=[world.mulei_project.pk, approval.pk])
    response = client.post(
        url,
        {"done_date": "2026-01-05", "approval_number": "", "planned_date": approval.planned_date.isoformat()},
    )
    assert response.status_code == 400 and "approval number" in response.content.decode()
    response = client.post(
        url,
        {
            "done_date": date.today().isoformat(),
            "approval_number": "昌发改投资〔2026〕8号",
            "planned_date": approval.planned_date.isoformat(),
        },
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.approval_number == "昌发改投资〔2026〕8号"


def test_a_county_reporter_is_refused_a_departments_queue(world, login, planned, catalogue):
    response = login("mulei").get(reverse("projects:procedure_queue"), {"unit": catalogue.land_bureau.code})
    assert response.status_code == 403


def test_a_late_procedure_becomes_a_supervision_order_in_one_step(world, login, planned, catalogue):
    approval = ProjectProcedure.objects.get(project=world.mulei_project, kind=catalogue.approval)
    url = reverse("supervision:procedure_take_up", args=[world.mulei_project.pk, approval.pk])
    response = login("planner").post(url, {"action": "order"})
    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "supervision:detail", args=[order.pk]
    )
    assert order.unit == world.drc and order.project == world.mulei_project and "立项" in order.title


def test_a_late_procedure_becomes_an_approval_problem_in_one_step(world, login, planned, catalogue):
    approval = ProjectProcedure.objects.get(project=world.mulei_project, kind=catalogue.approval)
    url = reverse("supervision:procedure_take_up", args=[world.mulei_project.pk, approval.pk])
    login("mulei").post(url, {"action": "problem"})
    problem = Problem.objects.get()
    assert problem.factor == Problem.Factor.APPROVAL and problem.unit == world.drc


def test_a_county_reporter_cannot_issue_a_supervision_order(world, login, planned, catalogue):
    approval = ProjectProcedure.objects.get(project=world.mulei_project, kind=catalogue.approval)
    url = reverse("supervision:procedure_take_up", args=[world.mulei_project.pk, approval.pk])
    response = login("mulei").post(url, {"action": "order"})
    assert response.status_code == 403
    assert not SupervisionOrder.objects.exists()


def test_the_overview_and_dashboard_count_projects_blocked_per_kind(world, login, planned):
    client = login("planner")
    for url in (reverse("projects:dispatch"), "/"):
        page = client.get(url).content.decode()
        assert 'id="blocked-by-procedure"' in page and 'data-kind="approval"' in page


def test_the_api_lists_a_projects_procedures_and_records_one(world, login, planned, catalogue):
    client = login("planner")
    rows = client.get(f"/api/v1/projects/{world.mulei_project.pk}/procedures").json()
    assert rows[0]["kind"] == "approval" and rows[0]["status"] == "overdue" and rows[0]["waiting"]
    refused = client.patch(
        f"/api/v1/projects/{world.mulei_project.pk}/procedures/{rows[0]['id']}",
        {"done_date": "2026-01-05", "planned_date": rows[0]["planned_date"]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    blocked = client.get("/api/v1/procedures/blocked").json()
    assert blocked == [
        {
            "kind": "approval",
            "name": "立项",
            "department": {"code": "drc", "name": world.drc.name},
            "projects": 1,
            "late": 1,
        }
    ]
    queue = client.get("/api/v1/procedures/queue", {"unit": "drc"}).json()
    assert [row["kind"] for row in queue] == ["approval", "permit"]  # both late, in their order
