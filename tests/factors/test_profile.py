"""Planners edit a project's factor demands, value score and flags; units see only their own results."""

import re
from datetime import UTC, datetime
from decimal import Decimal

from django.urls import reverse

from lantu.factors import services
from lantu.factors.models import Demand, FactorProfile
from lantu.orgs.access import actor_for

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


def _profile_url(project) -> str:
    return reverse("factors:profile", args=[project.pk])


def _run(world, name="方案一"):
    return services.scenario_run(actor=actor_for(world.users["planner"]), name=name, now=NOW)


def test_planner_adds_changes_and_removes_a_demand_and_history_names_them(world, factors, login):
    client = login("planner")
    project = world.mulei_project
    add = reverse("factors:demand_save", args=[project.pk])
    data = {"factor": factors.funds.pk, "year": "2027", "amount": "1.5"}
    assert client.post(add, data).status_code == 302
    demand = Demand.objects.get(project=project, factor=factors.funds)
    assert demand.amount == Decimal("1.5")
    change = reverse("factors:demand_change", args=[project.pk, demand.pk])
    assert client.post(change, {"amount": "2.25"}).status_code == 302
    demand.refresh_from_db()
    assert demand.amount == Decimal("2.25")
    assert client.post(change, {"remove": "1"}).status_code == 302
    assert not Demand.objects.filter(pk=demand.pk).exists()
    users = {h.history_user for h in Demand.history.filter(id=demand.pk)}
    assert users == {world.users["planner"]}
    page = client.get(_profile_url(project)).content.decode()
    assert "removed 专项债 2027" in page


def test_bad_demand_input_gets_a_chinese_message_and_saves_nothing(world, factors, login):
    client = login("planner")
    client.cookies["django_language"] = "zh-hans"
    project = world.mulei_project
    demand = Demand.objects.get(project=project, factor=factors.land)
    change = reverse("factors:demand_change", args=[project.pk, demand.pk])
    response = client.post(change, {"amount": "很多"})
    assert response.status_code == 400
    assert "“很多”不是数字" in response.content.decode()
    response = client.post(change, {"amount": "-5"})
    assert response.status_code == 400 and "需求不能为负数" in response.content.decode()
    add = reverse("factors:demand_save", args=[project.pk])
    response = client.post(add, {"factor": factors.funds.pk, "year": "1800", "amount": "1"})
    assert response.status_code == 400 and "年份" in response.content.decode()
    demand.refresh_from_db()
    assert demand.amount == Decimal("400")
    assert not Demand.objects.filter(project=project, factor=factors.funds).exists()


def test_htmx_demand_edit_returns_only_the_demand_table(world, factors, login):
    client = login("planner")
    project = world.qitai_project
    demand = Demand.objects.get(project=project, factor=factors.land)
    url = reverse("factors:demand_change", args=[project.pk, demand.pk])
    response = client.post(url, {"amount": "280"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section class="card flush" id="demands">') and "<html" not in body
    assert 'value="280"' in body


def test_planner_sets_value_and_flags_and_can_go_back_to_the_default_score(world, factors, login):
    client = login("planner")
    project = world.mulei_project
    url = reverse("factors:profile_save", args=[project.pk])
    data = {"value": "33.5", "must": "on", "divisible": "on", "requires": [world.qitai_project.pk]}
    assert client.post(url, data).status_code == 302
    profile = FactorProfile.objects.get(project=project)
    assert (profile.value, profile.must, profile.divisible) == (Decimal("33.5"), True, True)
    assert list(profile.requires.all()) == [world.qitai_project]
    assert profile.history.first().history_user == world.users["planner"]
    assert client.post(url, {"use_default": "on", "value": ""}).status_code == 302
    profile.refresh_from_db()
    assert profile.value is None and not profile.must and not profile.requires.exists()
    page = client.get(_profile_url(project)).content.decode()
    assert "69.64" in page and "default score" in page


def test_bad_profile_input_is_refused_and_saves_nothing(world, factors, login):
    client = login("planner")
    client.cookies["django_language"] = "zh-hans"
    project = world.mulei_project
    url = reverse("factors:profile_save", args=[project.pk])
    response = client.post(url, {"value": ""})
    assert response.status_code == 400 and "请填写价值分" in response.content.decode()
    assert client.post(url, {"value": "-1"}).status_code == 400
    assert client.post(url, {"value": "5", "requires": [project.pk]}).status_code == 400
    assert FactorProfile.objects.get(project=project).value == Decimal("20")


def test_reporters_and_leaders_cannot_edit_profiles_or_demands(world, factors, login):
    project = world.mulei_project
    demand = Demand.objects.get(project=project, factor=factors.land)
    for username in ("mulei", "leader"):
        client = login(username)
        page = client.get(_profile_url(project)).content.decode()
        assert "profile-save" not in page and "demand-add" not in page
        assert (
            client.post(reverse("factors:profile_save", args=[project.pk]), {"value": "1"}).status_code == 403
        )
        change = reverse("factors:demand_change", args=[project.pk, demand.pk])
        assert client.post(change, {"remove": "1"}).status_code == 403
    assert Demand.objects.filter(pk=demand.pk).exists()
    assert FactorProfile.objects.get(project=project).value == Decimal("20")


def test_scenario_and_profile_pages_link_to_each_other(world, factors, login):
    scenario = _run(world)
    client = login("planner")
    page = client.get(reverse("factors:scenario", args=[scenario.pk])).content.decode()
    assert f'href="{_profile_url(world.mulei_project)}?scenario={scenario.pk}"' in page
    profile = client.get(_profile_url(world.mulei_project), {"scenario": scenario.pk}).content.decode()
    assert f'href="{reverse("factors:scenario", args=[scenario.pk])}"' in profile
    assert "left out" in profile and "reason-quota" in profile
    index = client.get(reverse("factors:index")).content.decode()
    assert f'href="{_profile_url(world.qitai_project)}"' in index


def test_reporter_never_sees_other_units_results_on_pages_or_api(world, factors, login):
    scenario = _run(world)
    client = login("mulei")
    page = client.get(reverse("factors:scenario", args=[scenario.pk])).content.decode()
    assert "reason-quota" in page and "P-QT-1" not in page
    other = client.get(_profile_url(world.qitai_project)).content.decode()
    assert "visible to its own unit" in other and "reason-quota" not in other
    index = client.get(reverse("factors:index")).content.decode()
    assert 'data-code="P-ML-1"' in index and 'data-code="P-QT-1"' not in index
    body = client.get(f"/api/v1/factors/scenarios/{scenario.pk}").json()["result"]
    [excluded] = body["excluded"]
    assert "P-QT-1" not in excluded["reason"] and "缺100亩" in excluded["reason"]
    assert all("pushed" not in line for line in excluded["reason_lines"])
    planner = login("planner").get(f"/api/v1/factors/scenarios/{scenario.pk}").json()["result"]
    assert "挤出P-QT-1" in planner["excluded"][0]["reason"]


def test_reporter_reads_only_its_own_part_of_a_conflict(world, factors, login):
    FactorProfile.objects.filter(project__in=[world.mulei_project, world.qitai_project]).update(must=True)
    scenario = _run(world)
    body = login("mulei").get(f"/api/v1/factors/scenarios/{scenario.pk}").json()["result"]
    [conflict] = body["conflicts"]
    assert conflict["projects"] == ["P-ML-1"] and "P-QT-1" not in conflict["reason"]
    assert "1 of other units" in conflict["reason"]


def test_compare_page_has_a_quota_use_chart(world, factors, login):
    first, second = _run(world), _run(world, name="方案二")
    page = login("leader").get(reverse("factors:compare"), {"a": first.pk, "b": second.pk}).content.decode()
    assert 'id="compare-chart"' in page and "Scenario A (%)" in page
    assert 'data-section="factors"' in page


def test_accepted_badge_follows_the_sample_badge_without_a_stray_dot(world, factors, login):
    factors.quota.is_sample = True
    factors.quota.save()
    scenario = _run(world)
    services.scenario_accept(actor=actor_for(world.users["planner"]), scenario=scenario, now=NOW)
    page = login("planner").get(reverse("factors:scenario", args=[scenario.pk])).content.decode()
    assert "sample data</span>" in page
    assert 'id="accepted"' in page
    assert re.search(r'·\s*<span class="badge on_track" id="accepted">', page) is None


def test_htmx_bad_amount_comes_back_swappable_with_the_message(world, factors, login):
    client = login("planner")
    demand = Demand.objects.get(project=world.qitai_project, factor=factors.land)
    url = reverse("factors:demand_change", args=[world.qitai_project.pk, demand.pk])
    response = client.post(url, {"amount": "abc"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "is not a number" in response.content.decode()
    demand.refresh_from_db()
    assert demand.amount == Decimal("300")
