"""The supervision API: the same rules as the pages, through personal tokens."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lantu.orgs.services import api_token_create
from lantu.supervision.models import SupervisionOrder


@pytest.fixture
def as_user(client, world):
    """Return a function giving request headers that authenticate as a named user."""

    def _headers(name: str) -> dict:
        token = api_token_create(user=world.users[name], name="t", now=timezone.now())
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    return _headers


def test_issue_answer_with_evidence_and_close_through_the_api(client, world, as_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deadline = (timezone.localdate() + timedelta(days=5)).isoformat()
    body = {
        "subject_kind": "project",
        "subject_id": world.mulei_project.pk,
        "unit": "mulei",
        "title": "督办进度",
        "requirement": "报送整改措施",
        "deadline": deadline,
    }
    leader = client.post(
        "/api/v1/supervision/orders", body, content_type="application/json", **as_user("leader")
    )
    assert leader.status_code == 403
    issued = client.post(
        "/api/v1/supervision/orders", body, content_type="application/json", **as_user("planner")
    )
    assert issued.status_code == 201
    order_id = issued.json()["id"]
    assert issued.json()["state"] == "issued" and issued.json()["unit"]["code"] == "mulei"

    qitai = client.post(f"/api/v1/supervision/orders/{order_id}/respond", {"text": "x"}, **as_user("qitai"))
    assert qitai.status_code == 404
    upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4")
    answered = client.post(
        f"/api/v1/supervision/orders/{order_id}/respond",
        {"text": "已整改", "evidence": upload},
        **as_user("mulei"),
    )
    assert answered.status_code == 200 and answered.json()["state"] == "responded"
    assert answered.json()["steps"][1]["evidence_url"].startswith("/supervision/evidence/")
    closed = client.post(
        f"/api/v1/supervision/orders/{order_id}/close",
        {"text": "同意"},
        content_type="application/json",
        **as_user("planner"),
    )
    assert closed.json()["state"] == "closed" and closed.json()["closed_on_time"] is True
    listed = client.get("/api/v1/supervision/orders?show=closed", **as_user("mulei")).json()
    assert [row["id"] for row in listed["items"]] == [order_id]
    assert client.get("/api/v1/supervision/orders", **as_user("qitai")).json()["count"] == 0


def test_sending_back_without_a_reason_is_a_400(client, world, order, actors, as_user):
    from lantu.supervision import services

    services.order_respond(actor=actors["mulei"], order=order, text="已整改", now=timezone.now())
    refused = client.post(
        f"/api/v1/supervision/orders/{order.pk}/return",
        {},
        content_type="application/json",
        **as_user("planner"),
    )
    assert refused.status_code == 400
    order.refresh_from_db()
    assert order.state == "responded"


def test_api_refuses_an_overlong_title_and_an_unknown_filter(client, world, as_user):
    body = {
        "subject_kind": "project",
        "subject_id": world.mulei_project.pk,
        "unit": "mulei",
        "title": "督" * 201,
        "requirement": "报送整改措施",
        "deadline": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }
    refused = client.post(
        "/api/v1/supervision/orders", body, content_type="application/json", **as_user("planner")
    )
    assert refused.status_code == 400 and "200" in refused.json()["detail"]
    assert not SupervisionOrder.objects.exists()
    bogus = client.get("/api/v1/supervision/orders?show=bogus", **as_user("planner"))
    assert bogus.status_code == 400
