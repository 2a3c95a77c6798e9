"""The national project code (项目代码) on a project: validated, unique when set, searchable."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lantu.projects import selectors, services
from lantu.projects.selectors import ProjectFilter

CODE = "2107-652328-04-01-583026"


def test_a_project_keeps_its_code_folded_from_full_width_digits(world, actors):
    services.project_update(
        actor=actors["mulei"],
        project=world.mulei_project,
        national_code="２１０７－６５２３２８－０４－０１－５８３０２６",
    )
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.national_code == CODE


def test_a_malformed_code_is_refused_in_chinese_and_nothing_changes(world, actors):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        services.project_update(
            actor=actors["mulei"], project=world.mulei_project, national_code="2107-652328-04-01"
        )
    assert "24" in refused.value.message_dict["national_code"][0]
    assert "项目代码" in refused.value.message_dict["national_code"][0]
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.national_code is None


def test_two_projects_cannot_share_a_code_but_many_may_have_none(world, actors):
    services.project_update(actor=actors["mulei"], project=world.mulei_project, national_code=CODE)
    with pytest.raises(ValidationError):
        services.project_update(actor=actors["qitai"], project=world.qitai_project, national_code=CODE)
    services.project_update(actor=actors["qitai"], project=world.qitai_project, national_code="")
    world.qitai_project.refresh_from_db()
    assert world.qitai_project.national_code is None


def test_the_project_list_finds_a_project_by_part_of_its_code(world, actors):
    services.project_update(actor=actors["mulei"], project=world.mulei_project, national_code=CODE)
    found = selectors.project_list(actor=actors["leader"], filters=ProjectFilter(q="652328-04"))
    assert list(found) == [world.mulei_project]


def test_the_api_lists_and_searches_the_code(world, actors, login):
    services.project_update(actor=actors["mulei"], project=world.mulei_project, national_code=CODE)
    client = login("leader")
    body = client.get("/api/v1/projects", {"q": "583026"}).json()
    assert [row["national_code"] for row in body["items"]] == [CODE]
