"""The API answers service errors one way: 400 with messages by field, 403 with the reason, 404, 409."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone, translation

from lantu.api.urls import api
from lantu.orgs.services import api_token_create

pytestmark = pytest.mark.django_db

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


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _auth(world, name):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=world.users[name], now=timezone.now())}"}


def test_invalid_input_is_a_400_naming_each_field_with_its_messages(client, world):
    response = client.post(
        "/api/v1/indicators", NEW | {"code": "x" * 31}, "application/json", **_auth(world, "planner")
    )
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["code"] and "at most 30 characters" in body["errors"]["code"][0]
    assert body["detail"].startswith("code: ")


def test_a_request_the_schema_refuses_is_a_400_naming_the_field_like_any_bad_input(client, world):
    incomplete = {key: value for key, value in NEW.items() if key != "code"}
    response = client.post("/api/v1/indicators", incomplete, "application/json", **_auth(world, "planner"))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["code"]


def test_a_refusal_is_a_403_with_its_reason(client, world):
    response = client.post("/api/v1/indicators", NEW, "application/json", **_auth(world, "industry"))
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the plan's planners add indicators."}


def test_unknown_object_is_a_translated_404(client, world):
    with translation.override("zh-hans"):
        response = client.get(
            "/api/v1/indicators/999999", HTTP_ACCEPT_LANGUAGE="zh-hans", **_auth(world, "leader")
        )
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


@pytest.mark.parametrize("kind", ["stale", "refused"])
def test_every_endpoint_answers_a_raised_service_error_as_json(kind):
    from lantu.lib.errors import StaleEdit

    error, status, detail = {
        "stale": (StaleEdit("Someone else saved it; reload."), 409, "Someone else saved it; reload."),
        "refused": (PermissionDenied("Not yours."), 403, "Not yours."),
    }[kind]
    response = api.on_exception(RequestFactory().get("/api/v1/plans"), error)
    assert response.status_code == status and response["Content-Type"].startswith("application/json")
    assert detail in response.content.decode()
