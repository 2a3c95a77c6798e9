"""Editing a project: who may, what is recorded, what happens on bad input."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lantu.orgs.access import actor_for
from lantu.projects.models import Project, Stage
from lantu.projects.services import project_update


def edit(project) -> str:
    return reverse("projects:edit", args=[project.pk])


def form_data(project, **changes) -> dict:
    data = {
        "name": project.name,
        "stage": project.stage,
        "total_investment": str(project.total_investment or ""),
        "start_year": project.start_year or "",
        "end_year": project.end_year or "",
        "park": "",
        "cluster": project.cluster_id or "",
        "description": project.description,
    }
    data.update(changes)
    return data


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(edit(world.mulei_project))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_county_reporter_may_open_its_own_project(login, world):
    assert login("mulei").get(edit(world.mulei_project)).status_code == 200


def test_county_reporter_is_refused_another_countys_project_with_a_reason(login, world):
    response = login("mulei").get(edit(world.qitai_project))
    assert response.status_code == 403
    html = response.content.decode()
    assert "奇台县" in html
    assert 'id="forbidden"' in html
    assert reverse("projects:detail", args=[world.qitai_project.pk]) in html


def test_county_reporter_cannot_post_to_another_countys_project(login, world):
    response = login("mulei").post(edit(world.qitai_project), form_data(world.qitai_project, name="改名"))
    assert response.status_code == 403
    world.qitai_project.refresh_from_db()
    assert world.qitai_project.name == "奇台县煤化工项目"


def test_leader_may_never_edit(login, world):
    client = login("leader")
    assert client.get(edit(world.mulei_project)).status_code == 403
    assert (
        client.post(edit(world.qitai_project), form_data(world.qitai_project, name="改名")).status_code == 403
    )


def test_planner_edits_any_project_and_history_shows_who_changed_what(login, world):
    project = world.qitai_project
    client = login("planner")
    response = client.post(
        edit(project),
        form_data(
            project, stage=Stage.CONTINUING, total_investment="150000.5", start_year=2026, end_year=2028
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    project.refresh_from_db()
    assert project.stage == Stage.CONTINUING
    assert project.total_investment == Decimal("150000.50")
    latest = project.history.latest()
    assert latest.history_user.username == "planner"
    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    history = html[html.index('id="history"') :]
    assert "planner" in history
    assert "150000.50" in history and "120000.00" in history


def test_invalid_input_saves_nothing_and_shows_errors(login, world):
    project = world.mulei_project
    before = project.history.count()
    response = login("mulei").post(
        edit(project), form_data(project, name="", total_investment="-5", start_year=2030, end_year=2026)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"name", "total_investment", "end_year"}
    assert 'class="errorlist' in response.content.decode()
    project.refresh_from_db()
    assert project.name == "木垒县新能源项目"
    assert project.history.count() == before


def test_validation_errors_follow_the_users_language(login, world):
    client = login("mulei")
    response = client.post(
        edit(world.mulei_project),
        form_data(world.mulei_project, name=""),
        headers={"Accept-Language": "zh-hans"},
    )
    assert "这个字段是必填项。" in response.content.decode()
    response = client.post(
        edit(world.mulei_project), form_data(world.mulei_project, name=""), headers={"Accept-Language": "en"}
    )
    assert "This field is required." in response.content.decode()


def test_service_refuses_an_actor_outside_the_project(world):
    actor = actor_for(world.users["mulei"])
    with pytest.raises(PermissionDenied):
        project_update(actor=actor, project=world.qitai_project, name="改名")
    assert Project.objects.get(pk=world.qitai_project.pk).name == "奇台县煤化工项目"


def test_service_clears_the_sample_mark_of_a_field_a_person_typed(world):
    Project.objects.filter(pk=world.mulei_project.pk).update(sample_fields=["total_investment", "end_year"])
    project = Project.objects.get(pk=world.mulei_project.pk)
    project_update(actor=actor_for(world.users["planner"]), project=project, total_investment=Decimal("1"))
    project.refresh_from_db()
    assert project.sample_fields == ["end_year"]
    assert project.total_investment == Decimal("1")


def test_service_rejects_fields_that_are_not_editable(world):
    with pytest.raises(ValueError):
        project_update(actor=actor_for(world.users["admin"]), project=world.mulei_project, code="X")


def test_the_lead_unit_places_its_project_and_one_coordinate_alone_is_refused(login, world):
    client = login("mulei")
    project = world.mulei_project
    response = client.post(edit(project), form_data(project, latitude="43.83211", longitude=""))
    assert response.status_code == 200  # the form again, with the reason
    project.refresh_from_db()
    assert project.latitude is None
    client.post(edit(project), form_data(project, latitude="43.83211", longitude="90.28456"))
    project.refresh_from_db()
    assert (project.latitude, project.longitude) == (Decimal("43.83211"), Decimal("90.28456"))
    assert project.history.first().history_user == world.users["mulei"]


def test_a_latitude_beyond_ninety_degrees_changes_nothing(login, world):
    project = world.mulei_project
    login("mulei").post(edit(project), form_data(project, latitude="95", longitude="90.2"))
    project.refresh_from_db()
    assert project.latitude is None and project.longitude is None
