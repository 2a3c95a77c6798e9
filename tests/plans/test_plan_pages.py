"""Plan list, plan tree and plan item pages."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from lantu.plans.models import PlanItem


def test_anonymous_user_is_sent_to_login(client, world):
    for url in (
        reverse("plans:list"),
        reverse("plans:detail", args=["fyp15"]),
        reverse("plans:item", args=["fyp15", world.goal.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_user_without_a_role_is_refused(client, world):
    client.force_login(User.objects.create_user("nobody"))
    assert client.get(reverse("plans:list")).status_code == 403
    assert client.get(reverse("plans:detail", args=["fyp15"])).status_code == 403


def test_plan_list_counts_items_per_level(login, world):
    PlanItem.objects.create(plan=world.plan, parent=world.measure, level="action", code="1.1.2", title="行动")
    response = login("leader").get(reverse("plans:list"))
    assert response.status_code == 200
    plan = response.context["plans"].get(pk=world.plan.pk)
    assert (plan.goal_count, plan.measure_count, plan.action_count, plan.task_count) == (1, 1, 1, 1)
    assert reverse("plans:detail", args=["fyp15"]) in response.content.decode()


def test_tree_nests_items_with_lead_units_and_linked_indicators_and_projects(login, world):
    world.qitai_project.items.add(world.task)
    response = login("mulei").get(reverse("plans:detail", args=["fyp15"]))
    assert response.status_code == 200
    html = response.content.decode()
    goal = html.index(f'id="item-{world.goal.pk}"')
    measure = html.index(f'id="item-{world.measure.pk}"')
    task = html.index(f'id="item-{world.task.pk}"')
    assert goal < measure < task
    # the task sits inside the measure's list, which sits inside the goal's
    assert html[goal:task].count('<ul class="tree-children"') == 2
    assert "州发改委" in html and "州工信局" in html
    assert reverse("indicators:detail", args=[world.gdp.pk]) in html
    assert reverse("projects:detail", args=[world.qitai_project.pk]) in html
    roots = response.context["tree"].roots
    assert roots[0].indicator_total == 1 and roots[0].project_total == 1


def test_goals_are_open_by_default_and_lower_levels_closed(login, world):
    PlanItem.objects.create(plan=world.plan, parent=world.task, level="action", code="1.1.1.1", title="细项")
    html = login("planner").get(reverse("plans:detail", args=["fyp15"])).content.decode()
    details = re.findall(
        r'id="item-(\d+)"[^>]*>\s*<div class="tree-row">.*?</div>\s*<details( open)?>', html, re.S
    )
    opened = {int(pk): bool(flag) for pk, flag in details}
    assert opened[world.goal.pk] is True
    assert opened[world.measure.pk] is False


def test_tree_is_read_in_a_fixed_number_of_queries(login, world, django_assert_max_num_queries):
    client = login("planner")
    for number in range(2, 12):
        goal = PlanItem.objects.create(plan=world.plan, level="goal", code=str(number), title=f"目标{number}")
        PlanItem.objects.create(
            plan=world.plan, parent=goal, level="measure", code=f"{number}.1", title="举措"
        )
    # + 1: the approved values behind each item's health badge, + 1: their indicators' target versions,
    # + 1: the shares of split targets among them
    with django_assert_max_num_queries(15):
        assert client.get(reverse("plans:detail", args=["fyp15"])).status_code == 200


def test_lead_unit_filter_keeps_its_items_and_their_ancestors(login, world):
    other = PlanItem.objects.create(
        plan=world.plan, level="goal", code="2", title="目标二", lead_unit=world.drc
    )
    response = login("planner").get(reverse("plans:detail", args=["fyp15"]), {"lead_unit": "industry"})
    html = response.content.decode()
    assert f'id="item-{world.task.pk}"' in html
    assert f'id="item-{world.goal.pk}"' in html  # context for the measure
    assert f'id="item-{other.pk}"' not in html
    assert response.context["tree"].match_count == 2


def test_unknown_lead_unit_shows_the_whole_tree(login, world):
    response = login("planner").get(reverse("plans:detail", args=["fyp15"]), {"lead_unit": "nowhere"})
    assert response.status_code == 200
    assert not response.context["tree"].filtered


def test_unknown_plan_is_not_found(login, world):
    assert login("planner").get(reverse("plans:detail", args=["nope"])).status_code == 404


def test_item_page_shows_units_links_children_and_history_to_planner(login, world):
    world.measure.partner_units.add(world.mulei_county)
    world.measure.clusters.add(world.cluster)
    world.mulei_project.items.add(world.measure)
    world.gdp.items.add(world.measure)
    response = login("planner").get(reverse("plans:item", args=["fyp15", world.measure.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "州工业和信息化局" in html  # lead unit
    assert "木垒县" in html  # partner unit
    assert "煤基产业集群" in html
    assert reverse("plans:item", args=["fyp15", world.goal.pk]) in html  # parent
    assert reverse("plans:item", args=["fyp15", world.task.pk]) in html  # child
    assert reverse("indicators:detail", args=[world.gdp.pk]) in html
    assert reverse("projects:detail", args=[world.mulei_project.pk]) in html
    assert 'id="history"' in html


def test_item_page_hides_history_from_reporters(login, world):
    html = login("mulei").get(reverse("plans:item", args=["fyp15", world.goal.pk])).content.decode()
    assert 'id="history"' not in html


def test_item_of_another_plan_is_not_found(login, world):
    other = world.plan.__class__.objects.create(
        code="other",
        name="其他",
        kind="special",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=world.prefecture,
    )
    assert login("planner").get(reverse("plans:item", args=[other.code, world.goal.pk])).status_code == 404


def test_sample_item_is_badged_next_to_its_title(login, world):
    world.task.is_sample = True
    world.task.save()
    html = login("planner").get(reverse("plans:detail", args=["fyp15"])).content.decode()
    node = html[html.index(f'id="item-{world.task.pk}"') :]
    head = node[: node.index('class="node-meta"')]
    assert 'class="badge sample"' in head


@pytest.mark.parametrize("where", ["item field", "unit"])
def test_sample_lead_unit_is_badged_next_to_the_unit(login, world, where):
    if where == "item field":
        world.task.sample_fields = ["lead_unit"]
        world.task.save()
    else:
        world.industry_bureau.is_sample = True
        world.industry_bureau.save()
    html = login("planner").get(reverse("plans:detail", args=["fyp15"])).content.decode()
    node = html[html.index(f'id="item-{world.task.pk}"') :]
    lead = node[node.index('class="node-lead"') : node.index("</li>")]
    assert 'class="badge sample field"' in lead


def test_filtered_tree_counts_and_lists_links_of_the_units_items_only(login, world):
    world.qitai_project.items.add(world.goal)  # the goal is led by 州发改委, shown only as context
    world.mulei_project.items.add(world.task)
    response = login("planner").get(reverse("plans:detail", args=["fyp15"]), {"lead_unit": "industry"})
    html = response.content.decode()
    assert reverse("projects:detail", args=[world.mulei_project.pk]) in html
    assert reverse("projects:detail", args=[world.qitai_project.pk]) not in html
    assert response.context["tree"].roots[0].project_total == 1


def test_plan_page_shows_its_change_history_to_planners_only(login, world):
    world.plan._history_user = world.users["admin"]
    world.plan.summary = "聚力建设五区一示范"
    world.plan.save()
    page = login("planner").get("/plans/fyp15/").content.decode()
    assert 'id="history"' in page and "admin" in page
    assert 'id="history"' not in login("mulei").get("/plans/fyp15/").content.decode()
