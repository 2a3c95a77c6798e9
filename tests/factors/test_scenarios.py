"""Scenarios are run, saved, compared and accepted by planners; units see their own projects' results."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lantu.factors import scenario_selectors, selectors, services
from lantu.factors.models import FactorProfile, Scenario
from lantu.jobs.models import Job
from lantu.orgs.access import actor_for

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


def _run(world, name="方案一", **kwargs) -> Scenario:
    return services.scenario_run(actor=actor_for(world.users["planner"]), name=name, now=NOW, **kwargs)


def test_run_saves_inputs_result_and_the_reason_a_project_is_left_out(world, factors):
    scenario = _run(world)
    assert scenario.status == "optimal"
    assert scenario.objective == 50
    assert scenario.inputs["meta"]["P-QT-1"]["pk"] == world.qitai_project.pk
    [excluded] = scenario.result["excluded"]
    assert excluded["id"] == "P-ML-1"
    assert "全州2026年新增建设用地配额仅余300亩" in excluded["reason"]
    assert "缺100亩" in excluded["reason"]
    assert scenario.created_by == world.users["planner"]


def test_default_value_comes_from_investment_stage_and_cluster_when_none_is_set(world, factors):
    FactorProfile.objects.filter(project=world.mulei_project).update(value=None)
    scenario = _run(world)
    mulei = next(p for p in scenario.inputs["projects"] if p["id"] == "P-ML-1")
    # 77 亿元, continuing, a 100-billion cluster: 10 × (1 + ln 78) × 1.0 × 1.3
    assert mulei["value"] == pytest.approx(69.64, abs=0.01)


def test_must_fund_projects_over_their_quota_make_an_infeasible_scenario_that_says_why(world, factors):
    for project in (world.mulei_project, world.qitai_project):
        FactorProfile.objects.filter(project=project).update(must=True)
    scenario = _run(world)
    assert scenario.status == "infeasible"
    [conflict] = scenario.result["conflicts"]
    assert conflict["short"] == 100
    assert "超出100亩" in conflict["reason"]
    with pytest.raises(ValidationError):
        services.scenario_accept(actor=actor_for(world.users["planner"]), scenario=scenario, now=NOW)


def test_year_filter_leaves_out_other_years_demands(world, factors):
    scenario = _run(world, year=2027)
    assert [p["id"] for p in scenario.inputs["projects"]] == ["P-QT-1"]
    assert scenario.inputs["quotas"] == []


def test_accepting_records_who_and_when_and_releases_the_previous_one(world, factors):
    planner = actor_for(world.users["planner"])
    first, second = _run(world), _run(world, name="方案二")
    services.scenario_accept(actor=planner, scenario=first, now=NOW)
    services.scenario_accept(actor=planner, scenario=second, now=NOW)
    first.refresh_from_db()
    assert (second.accepted_by, second.accepted_at) == (world.users["planner"], NOW)
    assert first.accepted_at is None
    assert first.history.filter(accepted_at=NOW).exists()


@pytest.mark.parametrize("username", ["mulei", "industry", "leader"])
def test_only_planners_and_admins_run_and_accept(world, factors, username):
    actor = actor_for(world.users[username])
    with pytest.raises(PermissionDenied):
        services.scenario_run(actor=actor, name="x", now=NOW)
    scenario = _run(world)
    with pytest.raises(PermissionDenied):
        services.scenario_accept(actor=actor, scenario=scenario, now=NOW)
    admin = actor_for(world.users["admin"])
    services.scenario_accept(actor=admin, scenario=scenario, now=NOW)


def test_county_reporter_sees_only_its_own_projects_results(world, factors, login):
    scenario = _run(world)
    report = scenario_selectors.scenario_report(actor=actor_for(world.users["mulei"]), scenario=scenario)
    assert [r.code for r in report.excluded] == ["P-ML-1"]
    assert report.selected == [] and report.limited
    page = login("mulei").get(reverse("factors:scenario", args=[scenario.pk])).content.decode()
    assert 'data-code="P-ML-1"' in page
    assert 'data-code="P-QT-1"' not in page  # named in the reason as the competitor, but not listed
    assert "accept-button" not in page


def test_leader_reads_every_result_but_cannot_accept(world, factors, login):
    scenario = _run(world)
    client = login("leader")
    page = client.get(reverse("factors:scenario", args=[scenario.pk])).content.decode()
    assert "奇台县煤化工项目" in page and "木垒县新能源项目" in page
    assert "accept-button" not in page
    response = client.post(reverse("factors:accept", args=[scenario.pk]))
    assert response.status_code == 403
    scenario.refresh_from_db()
    assert scenario.accepted_at is None


def test_planner_runs_an_allocation_from_the_page_and_accepts_it(world, factors, login):
    client = login("planner")
    response = client.post(
        reverse("factors:run"), {"name": "十一月方案", "year": "", "gap": "0.1", "note": ""}
    )
    scenario = Scenario.objects.get()
    assert response.url == reverse("factors:scenario", args=[scenario.pk])
    page = client.get(response.url).content.decode()
    assert "全州2026年新增建设用地配额</strong>：short 100亩" in page and "accept-button" in page
    client.post(reverse("factors:accept", args=[scenario.pk]))
    scenario.refresh_from_db()
    assert scenario.accepted_by == world.users["planner"]


def test_reporter_cannot_run_from_the_page(world, factors, login):
    response = login("mulei").post(reverse("factors:run"), {"name": "x", "gap": "0.1"})
    assert response.status_code == 403
    assert not Scenario.objects.exists()


def test_bad_run_form_shows_the_error_and_saves_nothing(world, factors, login):
    response = login("planner").post(reverse("factors:run"), {"name": "", "gap": "50"})
    assert response.status_code == 400
    assert not Scenario.objects.exists()


def test_comparison_shows_what_moved_and_what_it_cost(world, factors, login):
    first = _run(world)
    FactorProfile.objects.filter(project=world.mulei_project).update(value=Decimal("80"))
    second = _run(world, name="提高木垒")
    comparison = scenario_selectors.scenario_compare(
        actor=actor_for(world.users["planner"]), first=first, second=second
    )
    assert [m.code for m in comparison["entered"]] == ["P-ML-1"]
    assert [m.code for m in comparison["left"]] == ["P-QT-1"]
    assert comparison["objective_change"] == 30
    page = login("leader").get(reverse("factors:compare"), {"a": first.pk, "b": second.pk}).content.decode()
    assert "P-ML-1" in page and "30.00" in page


def test_gap_page_shows_demand_against_quota_with_a_chart(world, factors, login):
    page = login("mulei").get(reverse("factors:index")).content.decode()
    assert 'id="gap-land"' in page
    assert "short 100" in page
    assert "run-button" not in page
    assert "run-button" in login("planner").get(reverse("factors:index")).content.decode()


def test_gap_rows_count_park_and_county_demands_against_a_quota(world, factors):
    [row] = [r for r in selectors.gap_rows(actor=actor_for(world.users["leader"])) if r.factor.code == "land"]
    assert (row.quota, row.demand, row.gap, row.projects) == (600, 700, 100, 2)


def test_planner_sets_a_quota_and_a_negative_one_is_refused(world, factors, login):
    client = login("planner")
    data = {"factor": factors.land.pk, "region": world.mulei_county.pk, "year": "2026", "amount": "150"}
    assert client.post(reverse("factors:quota"), data).status_code == 302
    assert client.post(reverse("factors:quota"), data | {"amount": "-1"}).status_code == 400
    quota = factors.land.quotas.get(region=world.mulei_county)
    assert quota.amount == 150
    assert login("mulei").post(reverse("factors:quota"), data | {"amount": "9"}).status_code == 403


def test_api_gives_a_reporter_only_its_own_projects_results(world, factors, login):
    scenario = _run(world)
    body = login("qitai").get(f"/api/v1/factors/scenarios/{scenario.pk}").json()
    assert body["result"]["selected"] == [{"id": "P-QT-1", "share": 1.0}]
    assert body["result"]["excluded"] == []
    listed = login("leader").get("/api/v1/factors/scenarios").json()
    assert [s["name"] for s in listed] == ["方案一"]


def test_comparison_shows_each_quotas_change_and_why_each_project_moved(world, factors, login):
    first = _run(world)
    factors.quota.amount = Decimal("700")
    factors.quota.save()
    second = _run(world, name="增加用地")
    page = login("planner").get(reverse("factors:compare"), {"a": first.pk, "b": second.pk}).content.decode()
    assert "600 → 700" in page
    # 木垒 entered B; the comparison says what held it back in A.
    assert "全州2026年新增建设用地配额仅余300亩" in page


def test_the_scenario_page_says_optimal_only_with_a_proof_and_names_the_time_limit(world, factors, login):
    scenario = _run(world, gap=0)
    assert scenario.result["proven"] is True
    scenario.result |= {"proven": False, "gap": 0.004, "stopped": "time_limit", "time_limit": 30}
    scenario.save()
    page = login("planner").get(reverse("factors:scenario", args=[scenario.pk])).content.decode()
    assert "within 0.4% of optimal" in page and "stopped at the 30 s time limit" in page
    assert ">optimal<" not in page


def test_a_large_allocation_runs_as_a_job_for_the_person_who_asked(world, factors, settings, login):
    settings.LANTU_ALLOCATION_JOB_PROJECTS = 1
    settings.LANTU_JOBS_SYNC = True
    job = services.scenario_request(actor=actor_for(world.users["planner"]), name="大方案", now=NOW)
    scenario = Scenario.objects.get()
    assert isinstance(job, Job) and job.state == "done"
    assert job.result["url"] == reverse("factors:scenario", args=[scenario.pk])
    assert (scenario.name, scenario.created_by) == ("大方案", world.users["planner"])


def test_a_small_allocation_runs_at_once(world, factors):
    scenario = services.scenario_request(actor=actor_for(world.users["planner"]), name="小方案", now=NOW)
    assert isinstance(scenario, Scenario) and not Job.objects.exists()
