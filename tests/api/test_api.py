"""The REST API: authentication, content and the same access rules as the pages."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from lantu.indicators.models import Observation
from lantu.orgs.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_anonymous_request_is_refused(client, world):
    assert client.get("/api/v1/plans").status_code == 401


def test_session_login_reads_plans(login):
    response = login("leader").get("/api/v1/plans")
    assert response.status_code == 200
    [plan] = response.json()
    assert plan["code"] == "fyp15" and plan["item_count"] == 3 and plan["owner"]["name"] == "昌吉回族自治州"


def test_bearer_token_authenticates_and_records_use(client, world):
    token = api_token_create(user=world.users["mulei"], name="t", now=timezone.now())
    response = client.get("/api/v1/plans", **bearer(token))
    assert response.status_code == 200
    assert world.users["mulei"].api_tokens.get().last_used_at is not None


def test_a_tokens_use_is_recorded_to_the_minute_not_on_every_request(world):
    from datetime import timedelta

    from lantu.orgs.services import api_token_find

    now = timezone.now()
    raw = api_token_create(user=world.users["mulei"], name="t", now=now)
    token = world.users["mulei"].api_tokens.get()
    api_token_find(raw=raw, now=now)
    api_token_find(raw=raw, now=now + timedelta(seconds=30))
    token.refresh_from_db()
    assert token.last_used_at == now
    api_token_find(raw=raw, now=now + timedelta(minutes=2))
    token.refresh_from_db()
    assert token.last_used_at == now + timedelta(minutes=2)


def test_wrong_or_revoked_token_is_refused(client, world):
    token = api_token_create(user=world.users["planner"], now=timezone.now())
    assert client.get("/api/v1/plans", **bearer(token + "x")).status_code == 401
    api_token_revoke(token=world.users["planner"].api_tokens.get(), now=timezone.now())
    assert client.get("/api/v1/plans", **bearer(token)).status_code == 401


def test_only_the_digest_of_a_token_is_stored(world):
    token = api_token_create(user=world.users["planner"], now=timezone.now())
    stored = world.users["planner"].api_tokens.get()
    assert token not in (stored.digest, stored.prefix) and token.startswith(stored.prefix)


def test_api_token_command_prints_a_working_token(client, world, capsys):
    call_command("api_token", "leader")
    token = capsys.readouterr().out.strip()
    assert client.get("/api/v1/indicators", **bearer(token)).status_code == 200


def test_user_without_role_is_forbidden(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/api/v1/plans").status_code == 403


def test_plan_items_are_a_flat_list_with_parent_ids(login, world):
    items = login("planner").get("/api/v1/plans/fyp15/items").json()
    by_code = {item["code"]: item for item in items}
    assert by_code["1"]["parent_id"] is None
    assert by_code["1.1"]["parent_id"] == world.goal.pk
    assert by_code["1.1.1"]["parent_id"] == world.measure.pk
    assert by_code["1.1.1"]["lead_unit"]["code"] == "industry"


def test_unknown_plan_is_not_found(login):
    assert login("planner").get("/api/v1/plans/nope/items").status_code == 404


def test_indicator_has_baseline_target_and_latest_approved_value(login, world):
    Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=Decimal("2900"), state="draft"
    )
    [gdp] = login("leader").get("/api/v1/indicators").json()
    assert Decimal(gdp["baseline"]["value"]) == Decimal("2509.23") and gdp["baseline"]["year"] == 2025
    assert gdp["target"] == {"kind": "annual_growth", "year": 2030, "value": None, "rate_percent": "6.5000"}
    assert gdp["latest"]["period"] == "2026"  # the 2027 draft is not published
    assert gdp["item_ids"] == [world.goal.pk]


def test_reporter_does_not_see_another_units_draft_values(login, world):
    Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=Decimal("2900"), state="draft"
    )
    url = f"/api/v1/indicators/{world.gdp.pk}/observations"
    assert [o["period"] for o in login("mulei").get(url).json()] == ["2026"]
    assert [o["period"] for o in login("planner").get(url).json()] == ["2026", "2027"]


def test_projects_filter_by_county_cluster_and_stage(login, world):
    client = login("planner")
    assert client.get("/api/v1/projects").json()["count"] == 2
    [only] = client.get("/api/v1/projects?county=mulei").json()["items"]
    assert only["name"] == "木垒县新能源项目" and Decimal(only["total_investment_wan_yuan"]) == 770000
    assert client.get("/api/v1/projects?cluster=coal").json()["count"] == 2
    assert [p["code"] for p in client.get("/api/v1/projects?stage=new").json()["items"]] == ["P-QT-1"]
    assert client.get("/api/v1/projects?county=qitai&stage=continuing").json()["count"] == 0


def test_a_list_counts_up_to_its_limit_and_then_says_null(login, monkeypatch):
    # Counting millions of rows costs what the page avoids: beyond COUNT_MAX the count is null and the
    # client follows `next`.
    from lantu.lib import pagination

    client = login("planner")
    monkeypatch.setattr(pagination, "COUNT_MAX", 1)
    page = client.get("/api/v1/projects?limit=1").json()
    assert page["count"] is None and page["next"] and len(page["items"]) == 1
    monkeypatch.setattr(pagination, "COUNT_MAX", 2)
    assert client.get("/api/v1/projects?limit=1").json()["count"] == 2


def test_an_offset_deeper_than_the_count_limit_is_refused_and_the_cursor_goes_on(login, world):
    from lantu.lib.pagination import COUNT_MAX

    client = login("planner")
    refused = client.get(f"/api/v1/projects?limit=1&offset={COUNT_MAX + 1}")
    assert refused.status_code == 400 and "offset" in refused.content.decode()
    assert client.get(f"/api/v1/projects?limit=1&offset={COUNT_MAX}").status_code == 200
    first = client.get("/api/v1/projects?limit=1").json()
    second = client.get(f"/api/v1/projects?limit=1&cursor={first['next']}").json()
    assert (
        second["items"][0]["code"]
        == client.get("/api/v1/projects?limit=1&offset=1").json()["items"][0]["code"]
    )


def test_openapi_document_lists_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/plans", "/api/v1/plans/{code}/items", "/api/v1/indicators", "/api/v1/projects"):
        assert path in spec["paths"]
    assert {"county", "cluster", "stage"} <= {
        p["name"] for p in spec["paths"]["/api/v1/projects"]["get"]["parameters"]
    }


def test_a_projects_location_is_in_the_api(login, world):
    world.mulei_project.latitude, world.mulei_project.longitude = Decimal("43.83211"), Decimal("90.28456")
    world.mulei_project.save()
    [placed] = login("leader").get("/api/v1/projects?county=mulei").json()["items"]
    assert (Decimal(placed["latitude"]), Decimal(placed["longitude"])) == (
        Decimal("43.83211"),
        Decimal("90.28456"),
    )
