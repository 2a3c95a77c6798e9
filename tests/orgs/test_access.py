"""Roles and scope: who may read and change what."""

import pytest

from lantu.orgs.access import actor_for, can_edit_plan_structure, can_edit_units, can_read
from lantu.orgs.models import Role

pytestmark = pytest.mark.django_db


def actor(world, name):
    return actor_for(world.users[name])


def test_every_role_reads(world):
    for name in ("admin", "planner", "industry", "mulei", "leader"):
        assert can_read(actor(world, name)), name


def test_user_without_membership_reads_nothing(django_user_model, world):
    assert not can_read(actor_for(django_user_model.objects.create_user("x")))


def test_planner_of_the_planning_office_covers_the_whole_prefecture(world):
    planner = actor(world, "planner")
    assert planner.role == Role.PLANNER
    assert can_edit_units(planner, world.mulei_county.pk)
    assert can_edit_units(planner, world.industry_bureau.pk)
    assert can_edit_plan_structure(planner, world.prefecture.pk)


def test_county_reporter_edits_only_its_own_county(world):
    mulei = actor(world, "mulei")
    assert can_edit_units(mulei, world.mulei_county.pk)
    assert not can_edit_units(mulei, world.qitai_county.pk)
    assert not can_edit_units(mulei, world.prefecture.pk)
    assert not can_edit_plan_structure(mulei, world.prefecture.pk)


def test_department_reporter_edits_only_what_its_department_leads(world):
    industry = actor(world, "industry")
    assert can_edit_units(industry, world.industry_bureau.pk)
    assert not can_edit_units(industry, world.drc.pk, world.mulei_county.pk)


def test_leader_reads_everything_and_edits_nothing(world):
    leader = actor(world, "leader")
    assert leader.sees_all_drafts
    assert not can_edit_units(leader, world.prefecture.pk, world.mulei_county.pk)
    assert not can_edit_plan_structure(leader, world.prefecture.pk)


def test_administrator_edits_everything(world):
    admin = actor(world, "admin")
    assert admin.is_admin and can_edit_units(admin, world.qitai_county.pk)
    assert can_edit_plan_structure(admin, world.prefecture.pk)


def test_reporters_do_not_see_other_units_drafts(world):
    assert not actor(world, "mulei").sees_all_drafts
    assert actor(world, "planner").sees_all_drafts
