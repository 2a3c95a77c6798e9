"""Dispatch API: report lists with page visibility, drafts, submit, approve, return, problems."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from lantu.dispatch.models import ProgressReport
from lantu.orgs.services import api_token_create
from lantu.projects import milestones


@pytest.fixture(autouse=True)
def english(settings):
    """Read the API's messages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def api(client, world):
    """Return a function calling the API with a user's bearer token."""
    tokens = {}

    def _call(username: str, method: str, path: str, payload: dict | None = None):
        if username not in tokens:
            tokens[username] = api_token_create(user=world.users[username], name="t", now=timezone.now())
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[username]}"}
        if method == "get":
            return client.get(f"/api/v1{path}", payload or {}, **headers)
        return client.post(f"/api/v1{path}", payload or {}, content_type="application/json", **headers)

    return _call


DRAFT = {"period": "2026-09", "completed_investment_wan_yuan": "100", "cumulative_investment_wan_yuan": "900"}


def _draft(api, world, **extra):
    response = api("mulei", "post", f"/projects/{world.mulei_project.pk}/reports", DRAFT | extra)
    assert response.status_code == 201, response.content
    return response.json()


def test_reporter_drafts_submits_and_planner_approves_through_the_api(api, world, open_period):
    report = _draft(api, world, reported_stage="completed")
    assert report["state"] == "draft" and report["cumulative_investment_wan_yuan"] == "900.00"
    changed = api(
        "mulei",
        "post",
        f"/projects/{world.mulei_project.pk}/reports",
        DRAFT | {"version": report["version"], "narrative": "主体施工"},
    )
    assert changed.status_code == 200 and changed.json()["narrative"] == "主体施工"
    assert api("mulei", "post", f"/reports/{report['id']}/submit").json()["state"] == "submitted"
    approved = api("planner", "post", f"/reports/{report['id']}/approve")
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.stage == "completed"


def test_reporter_cannot_approve_and_gets_403(api, world, open_period):
    report = _draft(api, world)
    api("mulei", "post", f"/reports/{report['id']}/submit")
    response = api("mulei", "post", f"/reports/{report['id']}/approve")
    assert response.status_code == 403
    assert api("planner", "get", "/reports", {"state": "submitted"}).json()["count"] == 1


def test_another_county_sees_neither_the_draft_in_lists_nor_by_id(api, world, open_period):
    report = _draft(api, world)
    assert api("qitai", "get", "/reports", {"period": "2026-09"}).json()["count"] == 0
    assert api("mulei", "get", "/reports", {"county": "mulei"}).json()["count"] == 1
    assert api("qitai", "post", f"/reports/{report['id']}/submit").status_code == 404
    refused = api("qitai", "post", f"/projects/{world.mulei_project.pk}/reports", DRAFT)
    assert refused.status_code == 403


def test_return_needs_a_reason_and_stale_or_bad_drafts_are_refused(api, world, open_period):
    report = _draft(api, world)
    stale = api("mulei", "post", f"/projects/{world.mulei_project.pk}/reports", DRAFT | {"version": 0})
    assert stale.status_code == 409
    negative = DRAFT | {"version": report["version"], "completed_investment_wan_yuan": "-1"}
    bad = api("mulei", "post", f"/projects/{world.mulei_project.pk}/reports", negative)
    assert bad.status_code == 400 and "negative" in bad.json()["detail"]
    api("mulei", "post", f"/reports/{report['id']}/submit")
    assert api("planner", "post", f"/reports/{report['id']}/return", {"reason": " "}).status_code == 400
    returned = api("planner", "post", f"/reports/{report['id']}/return", {"reason": "数据不全"})
    assert returned.json()["state"] == "returned" and returned.json()["return_reason"] == "数据不全"


def test_draft_claims_dated_milestones(api, world, actors, open_period):
    milestone = milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="开工", planned_date=date(2026, 8, 1)
    )
    report = _draft(api, world, reached_milestone_ids=[milestone.pk])
    assert report["reached_milestone_ids"] == [milestone.pk]
    unknown = api(
        "mulei",
        "post",
        f"/projects/{world.mulei_project.pk}/reports",
        DRAFT | {"version": report["version"], "reached_milestone_ids": [999999]},
    )
    assert unknown.status_code == 400


def test_problems_list_filters_by_state_factor_and_unit(api, world, actors, now):
    from lantu.problems import services as problems

    problems.problem_raise(
        actor=actors["mulei"],
        project=world.mulei_project,
        now=now,
        title="用地指标未落实",
        factor="land",
        urgency="high",
        unit=world.drc,
        due_date=date(2026, 11, 1),
    )
    listed = api("leader", "get", "/problems", {"factor": "land", "state": "active"}).json()
    assert listed["count"] == 1 and listed["items"][0]["unit"]["code"] == world.drc.code
    assert api("leader", "get", "/problems", {"factor": "water"}).json()["count"] == 0
    assert api("leader", "get", "/problems", {"unit": "nowhere"}).status_code == 404


def _approved_august(world):
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-08",
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("800"),
        state="approved",
    )


def test_api_computes_an_omitted_cumulative_from_last_month(api, world, open_period):
    _approved_august(world)
    payload = {"period": "2026-09", "completed_investment_wan_yuan": "100"}
    response = api("mulei", "post", f"/projects/{world.mulei_project.pk}/reports", payload)
    assert response.status_code == 201 and response.json()["cumulative_investment_wan_yuan"] == "900.00"


def test_api_refuses_a_cumulative_going_backwards_without_a_reason(api, world, open_period):
    _approved_august(world)
    path = f"/projects/{world.mulei_project.pk}/reports"
    backwards = DRAFT | {"completed_investment_wan_yuan": "10", "cumulative_investment_wan_yuan": "700"}
    refused = api("mulei", "post", path, backwards)
    assert refused.status_code == 400 and "correction_reason" in refused.json()["detail"]
    accepted = api("mulei", "post", path, backwards | {"correction_reason": "八月多报，已核减"})
    assert accepted.status_code == 201 and accepted.json()["correction_reason"] == "八月多报，已核减"


def test_dispatch_figures_give_each_reporter_its_own_scope(api, world, open_period):
    from decimal import Decimal

    from lantu.dispatch.models import ProgressReport

    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-09",
        completed_investment=Decimal(50),
        cumulative_investment=Decimal(900),
        state="approved",
    )
    ProgressReport.objects.create(
        project=world.qitai_project,
        period="2026-09",
        completed_investment=Decimal(50),
        cumulative_investment=Decimal(150),
        state="submitted",
    )

    def figures(username: str) -> dict:
        found = api(username, "get", "/dispatch/figures", {"period": "2026-09"}).json()
        return {
            k: Decimal(v) if isinstance(v, str) and k != "status" and k != "period" else v
            for k, v in found.items()
        }

    mulei = figures("mulei")
    assert (mulei["planned_wan_yuan"], mulei["completion_rate"], mulei["time_progress"]) == (1200, 75, 75)
    assert (mulei["status"], mulei["review_queue"]) == ("on_track", 0)
    planner = figures("planner")
    assert (planner["planned_wan_yuan"], planner["completion_rate"]) == (1800, 50)
    assert (planner["reports_expected"], planner["reports_approved"], planner["review_queue"]) == (2, 1, 1)


def test_dispatch_figures_refuse_a_period_that_is_not_a_month(api, world):
    response = api("planner", "get", "/dispatch/figures", {"period": "2026Q3"})
    assert response.status_code == 400 and "is not a month" in response.content.decode()
