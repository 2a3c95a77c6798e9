"""Who edits a project: its lead unit. The county a project lies in reads it but does not edit it."""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from lantu.dispatch.models import ProgressReport
from lantu.orgs.access import actor_for, can_edit_project
from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.orgs.services import api_token_create
from lantu.projects.models import Project, Stage

DRAFT = {"period": "2026-09", "completed_investment_wan_yuan": "100", "cumulative_investment_wan_yuan": "100"}


@pytest.fixture
def park_project(world, open_period):
    """A project of 准东开发区 that lies in 木垒县 (as ZD-104 in the demo), and the park's reporter."""
    park = OrgUnit.objects.create(
        code="zhundong",
        name="准东经济技术开发区",
        short_name="准东开发区",
        kind="park",
        parent=world.prefecture,
    )
    user = User.objects.create_user("zhundong", password="pw")
    Membership.objects.create(user=user, unit=park, role=Role.REPORTER)
    world.users["zhundong"] = user
    return Project.objects.create(
        plan=world.plan,
        code="ZD-104",
        name="准东煤炭清洁高效利用示范项目",
        county=world.mulei_county,
        park=park,
        lead_unit=park,
        stage=Stage.CONTINUING,
        total_investment=Decimal("500000"),
    )


def test_the_county_a_project_lies_in_may_not_edit_another_units_project(world, park_project):
    assert not can_edit_project(actor_for(world.users["mulei"]), lead_unit_id=park_project.lead_unit_id)
    assert can_edit_project(actor_for(world.users["zhundong"]), lead_unit_id=park_project.lead_unit_id)
    assert can_edit_project(actor_for(world.users["planner"]), lead_unit_id=park_project.lead_unit_id)
    assert not can_edit_project(actor_for(world.users["leader"]), lead_unit_id=park_project.lead_unit_id)


def test_the_county_sees_the_project_page_without_edit_or_report_links(login, park_project):
    response = login("mulei").get(reverse("projects:detail", args=[park_project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "准东煤炭清洁高效利用示范项目" in html
    assert reverse("projects:edit", args=[park_project.pk]) not in html
    assert reverse("projects:report_edit", args=[park_project.pk, "2026-09"]) not in html


def test_the_lead_unit_sees_the_edit_link(login, park_project):
    html = login("zhundong").get(reverse("projects:detail", args=[park_project.pk])).content.decode()
    assert reverse("projects:edit", args=[park_project.pk]) in html


def test_the_county_is_refused_the_edit_page_naming_the_lead_unit(login, park_project):
    client = login("mulei")
    response = client.get(reverse("projects:edit", args=[park_project.pk]))
    assert response.status_code == 403
    assert "准东开发区" in response.content.decode()
    response = client.post(reverse("projects:edit", args=[park_project.pk]), {"name": "改名"})
    assert response.status_code == 403
    park_project.refresh_from_db()
    assert park_project.name == "准东煤炭清洁高效利用示范项目"


def _api_save(client, world, username, project):
    token = api_token_create(user=world.users[username], name="t", now=timezone.now())
    return client.post(
        f"/api/v1/projects/{project.pk}/reports",
        json.dumps(DRAFT),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_the_county_may_not_fill_in_the_projects_report_page_or_api(client, login, world, park_project):
    login("mulei")
    url = reverse("projects:report_edit", args=[park_project.pk, "2026-09"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"completed_investment": "10"}).status_code == 403
    assert _api_save(client, world, "mulei", park_project).status_code == 403
    assert not ProgressReport.objects.filter(project=park_project).exists()


def test_the_lead_unit_fills_in_its_report_through_the_api(client, world, park_project):
    response = _api_save(client, world, "zhundong", park_project)
    assert response.status_code == 201, response.content
