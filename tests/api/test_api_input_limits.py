"""The API keeps the forms' limits: digits, lengths, ranges, periods; huge numbers are a 400, never a 500."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from lantu.api.urls import api as lantu_api
from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.services import api_token_create
from lantu.projects.models import ProjectMilestone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def call(client, world):
    """Call the API with a user's bearer token; return the response."""
    client.raise_request_exception = False  # a 500 is an answer to assert on, not an error of the test

    def _call(username: str, method: str, path: str, payload=None, **headers):
        token = api_token_create(user=world.users[username], now=timezone.now())
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if method == "get":
            return client.get(f"/api/v1{path}", payload or {}, **headers)
        return client.post(f"/api/v1{path}", payload or {}, content_type="application/json", **headers)

    return _call


def _report(call, world, **fields):
    body = {
        "period": "2026-09",
        "completed_investment_wan_yuan": "100",
        "cumulative_investment_wan_yuan": "900",
    }
    return call("mulei", "post", f"/projects/{world.mulei_project.pk}/reports", body | fields)


@pytest.mark.parametrize("field", ["completed_investment_wan_yuan", "cumulative_investment_wan_yuan"])
@pytest.mark.parametrize("number", ["1e30", "1" * 25, "0.0000000001", "12345678901234567"])
def test_a_report_figure_beyond_the_fields_digits_is_refused_and_every_list_still_answers(
    call, world, open_period, field, number
):
    both = {"completed_investment_wan_yuan": number, "cumulative_investment_wan_yuan": number}
    response = _report(call, world, **both)
    assert response.status_code == 400 and field in response.json()["errors"]
    assert not ProgressReport.objects.exists()
    assert call("planner", "get", "/reports").status_code == 200


def test_a_tiny_decimal_is_refused_rather_than_silently_rounded(call, world, open_period):
    response = _report(call, world, completed_investment_wan_yuan="0.0000000001")
    assert response.status_code == 400
    assert response.json()["errors"]["completed_investment_wan_yuan"] == [
        "Ensure that there are no more than 2 decimal places."
    ]
    assert not ProgressReport.objects.exists()


def test_schema_refusals_are_worded_in_chinese(call, world, open_period, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    body = {"period": "2026-09", "completed_investment_wan_yuan": "1e30"}
    response = call("mulei", "post", f"/projects/{world.mulei_project.pk}/reports", body)
    assert response.status_code == 400
    assert response.json()["errors"]["completed_investment_wan_yuan"] == ["确认总共不超过 16 个数字."]


@pytest.mark.parametrize("period", ["9999-12", "2024-12", "2031-01"])
def test_a_report_period_outside_the_plans_years_is_refused(call, world, open_period, period):
    response = _report(call, world, period=period)
    assert response.status_code == 400
    assert "outside the plan's years 2025–2030" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_a_year_zero_is_no_month_at_all(call, world, open_period):
    response = _report(call, world, period="0000-01")
    assert response.status_code == 400
    assert "is not a month like 2026-09" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_a_text_longer_than_its_field_is_refused_by_the_schema(call, world, open_period):
    response = _report(call, world, reported_stage="x" * 13)
    assert response.status_code == 400
    assert response.json()["errors"]["reported_stage"] == [
        "Ensure this value has at most 12 characters (it has 13)."
    ]


@pytest.mark.parametrize("ids", [[2**63], [2**63 + 5], [0], [-1]])
def test_milestone_ids_beyond_what_a_database_holds_are_a_400(call, world, open_period, ids):
    ProjectMilestone.objects.create(project=world.mulei_project, name="开工", planned_date=date(2026, 9, 1))
    response = _report(call, world, reached_milestone_ids=ids)
    assert response.status_code == 400 and "reached_milestone_ids" in response.json()["errors"]


def _listed_paths() -> list[str]:
    document = lantu_api.get_openapi_schema()
    return sorted(
        path.removeprefix("/api/v1")
        for path, operations in document["paths"].items()
        if any(p["name"] == "limit" for p in operations.get("get", {}).get("parameters", []))
    )


def test_the_paginated_lists_are_found():
    assert _listed_paths() == ["/problems", "/projects", "/reports", "/supervision/orders"]


@pytest.mark.parametrize("path", _listed_paths())
@pytest.mark.parametrize(
    "query", [{"limit": 2**70}, {"offset": 2**70}, {"offset": 2**63}, {"limit": 10**12}, {"limit": 0}]
)
def test_a_huge_limit_or_offset_on_a_list_is_a_400(call, world, path, query):
    response = call("planner", "get", path, query)
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")


def test_a_concurrent_first_save_of_the_same_report_is_a_409_not_an_integrity_error(
    call, world, open_period, monkeypatch
):
    assert _report(call, world).status_code == 201
    # The second request read "no report yet" before the first one committed (PostgreSQL, two workers).
    monkeypatch.setattr(reporting, "current_report", lambda project, period: None)
    response = _report(
        call, world, completed_investment_wan_yuan="200", cumulative_investment_wan_yuan="1000"
    )
    assert response.status_code == 409
    assert "at the same moment" in response.json()["detail"]
    assert ProgressReport.objects.get().completed_investment == Decimal("100")


def test_an_anonymous_post_is_a_401_not_a_csrf_refusal(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/indicators", {}, content_type="application/json")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_logged_in_session_still_needs_the_csrf_token_to_post(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["planner"])
    response = client.post("/api/v1/indicators", {}, content_type="application/json")
    assert response.status_code == 403


def test_a_body_over_the_upload_cap_is_a_json_413(call, world, open_period, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _report(call, world, narrative="长" * 2000)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_a_reporter_cannot_overwrite_an_approved_indicator_value(call, world):
    indicator = Indicator.objects.create(
        plan=world.plan,
        code="jobs",
        name="城镇新增就业",
        unit="人",
        attribute="expected",
        direction="higher",
        responsible_unit=world.industry_bureau,
        frequency="annual",
        baseline_year=2025,
        baseline_value=Decimal("10000"),
        target_kind="level",
        target_year=2030,
        target_value=Decimal("12000"),
    )
    approved = Observation.objects.create(
        indicator=indicator, period="2026", period_end="2026-12-31", value=Decimal("10500"), state="approved"
    )
    response = call(
        "industry", "post", f"/indicators/{indicator.pk}/observations", {"period": "2026", "value": "1"}
    )
    assert response.status_code in (201, 400, 403)
    approved.refresh_from_db()
    assert (approved.state, approved.value) == ("approved", Decimal("10500"))
    assert list(Observation.objects.filter(indicator=indicator, state="approved")) == [approved]


def test_every_operation_documents_its_error_statuses():
    document = lantu_api.get_openapi_schema()
    for operations in document["paths"].values():
        for operation in operations.values():
            assert {"400", "401", "403", "404", "409", "413"} <= set(operation["responses"])
    assert document["components"]["schemas"]["Error"]["required"] == ["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/projects?plan=a%00b", "/api/v1/problems?unit=%00", "/api/v1/plans/fy%00p15/items"]
)
def test_a_nul_character_in_a_query_or_path_is_a_400_not_a_database_error(login, path):
    response = login("planner").get(path)
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
