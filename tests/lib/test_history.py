"""The audit trail read for object pages: who, when, what."""

import pytest
from django.utils import translation
from simple_history.utils import update_change_reason

from lantu.lib.history import changes_of

pytestmark = pytest.mark.django_db


def test_changes_name_the_user_the_field_and_both_values(world):
    project = world.mulei_project
    project._history_user = world.users["planner"]
    project.name = "木垒县风电项目"
    project.save()
    with translation.override("zh-hans"):
        [latest, created] = changes_of(project)
    assert latest.who == "planner" and (latest.action, created.action) == ("修改", "新建")
    assert ("名称", "木垒县新能源项目", "木垒县风电项目") in latest.fields


def test_link_changes_show_the_linked_objects_by_name(world):
    world.gdp.items.add(world.task)
    [latest, *_] = changes_of(world.gdp)
    [(_, old, new)] = latest.fields
    assert old == "目标一" or "目标一" in old
    assert "精耕煤" in new and "{" not in new


def test_change_reason_is_kept(world):
    world.task.title = "精耕煤产业"
    world.task.save()
    update_change_reason(world.task, "年中调整")
    assert changes_of(world.task)[0].reason == "年中调整"
