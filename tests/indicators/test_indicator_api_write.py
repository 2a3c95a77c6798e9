"""API: create indicators, enter values, approve and return them, read the status as of a date."""

import pytest
from django.utils import timezone

from lantu.indicators.models import Indicator, Observation
from lantu.orgs.services import api_token_create


def _auth(world, name):
    token = api_token_create(user=world.users[name], now=timezone.now())
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


NEW = {
    "plan": "fyp15",
    "code": "forest",
    "name": "森林覆盖率",
    "unit": "%",
    "attribute": "binding",
    "responsible_unit": "industry",
    "baseline_year": 2025,
    "baseline_value": "5.2",
    "target_kind": "level",
    "target_year": 2030,
    "target_value": "6",
}


def test_planner_creates_an_indicator(client, world):
    response = client.post(
        "/api/v1/indicators",
        {**NEW, "item_ids": [world.task.pk]},
        "application/json",
        **_auth(world, "planner"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "forest" and body["status"] == "no_data" and body["item_ids"] == [world.task.pk]
    assert Indicator.objects.get(code="forest").history.exists()


def test_reporter_may_not_create_indicators(client, world):
    response = client.post("/api/v1/indicators", NEW, "application/json", **_auth(world, "industry"))
    assert response.status_code == 403
    assert not Indicator.objects.filter(code="forest").exists()


def test_incomplete_target_is_refused(client, world):
    bad = {**NEW, "target_value": None}
    response = client.post("/api/v1/indicators", bad, "application/json", **_auth(world, "planner"))
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("period", "stored"), [("2026", "2026"), ("2026-Q2", "2026Q2"), ("2026Q3", "2026Q3")]
)
def test_responsible_unit_posts_a_value_for_a_period(client, world, period, stored):
    world.gdp.frequency = "quarterly"
    world.gdp.save()
    url = f"/api/v1/indicators/{world.gdp.pk}/observations"
    response = client.post(
        url, {"period": period, "value": "700"}, "application/json", **_auth(world, "planner")
    )
    assert response.status_code == 201, response.content
    assert response.json()["period"] == stored and response.json()["state"] == "submitted"


def test_unparseable_period_is_a_400_and_changes_nothing(client, world):
    url = f"/api/v1/indicators/{world.gdp.pk}/observations"
    response = client.post(
        url, {"period": "Q2/2026", "value": "1"}, "application/json", **_auth(world, "planner")
    )
    assert response.status_code == 400
    assert world.gdp.observations.count() == 1


def test_approve_and_return_through_the_api(client, world):
    obs = Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=4100, state="submitted"
    )
    reporter = client.post(f"/api/v1/observations/{obs.pk}/approve", **_auth(world, "industry"))
    assert reporter.status_code in (403, 404)
    returned = client.post(
        f"/api/v1/observations/{obs.pk}/return",
        {"reason": "偏高"},
        "application/json",
        **_auth(world, "planner"),
    )
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    assert returned.json()["return_reason"] == "偏高"
    obs.state = "submitted"
    obs.save()
    approved = client.post(f"/api/v1/observations/{obs.pk}/approve", **_auth(world, "planner"))
    assert approved.json()["state"] == "approved"
    assert approved.json()["flags"]  # 2680 → 4100 is a jump of 53 %: flagged


def test_status_as_of_a_date(client, world):
    url = f"/api/v1/indicators/{world.gdp.pk}/status"
    body = client.get(url, {"at": "2027-03-01"}, **_auth(world, "leader")).json()
    assert body["status"] == "on_track" and body["actual_value"] == "2680.0000"
    assert body["expected_value"] == pytest.approx(2509.23 * 1.065)
    assert body["achievement"] == pytest.approx((2680 - 2509.23) / (2509.23 * 0.065))
    assert body["projected_final"] == pytest.approx(2509.23 * (2680 / 2509.23) ** 5)
    assert body["likely_to_meet"] is True
    before = client.get(url, {"at": "2025-06-01"}, **_auth(world, "leader")).json()
    assert before["status"] == "no_data" and before["projected_final"] is None


def test_planner_creates_an_indicator_with_its_own_thresholds(client, world):
    payload = {**NEW, "threshold_on_track": "0.95", "threshold_lagging": "0.8"}
    response = client.post("/api/v1/indicators", payload, "application/json", **_auth(world, "planner"))
    assert response.status_code == 201, response.content
    assert response.json()["thresholds"] == {"on_track": 0.95, "lagging": 0.8, "own": True}


def test_thresholds_out_of_order_are_a_400_and_nothing_is_created(client, world):
    payload = {**NEW, "threshold_on_track": "0.8", "threshold_lagging": "0.9"}
    response = client.post("/api/v1/indicators", payload, "application/json", **_auth(world, "planner"))
    assert response.status_code == 400
    assert "threshold_lagging" in response.json()["detail"]
    assert not Indicator.objects.filter(code="forest").exists()
