"""One log line per request: a request id (the proxy's or a new one), user, status and time taken."""

import json
import logging

import pytest
from django.conf import settings
from pythonjsonlogger.json import JsonFormatter

from lantu.lib.request_log import request_id

pytestmark = pytest.mark.django_db


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "lantu.request"]


def test_each_request_is_one_line_with_its_id_user_status_and_time(world, login, caplog):
    with caplog.at_level(logging.INFO, logger="lantu.request"):
        response = login("planner").get("/reports/")
    [record] = _request_records(caplog)
    assert response["X-Request-ID"] == record.request_id
    assert (record.method, record.path, record.status, record.user) == ("GET", "/reports/", 200, "planner")
    assert record.duration_ms >= 0
    assert record.getMessage() == (
        f"GET /reports/ 200 {record.duration_ms}ms user=planner id={record.request_id}"
    )


def test_a_request_id_from_the_proxy_is_kept_and_answered(client, caplog):
    with caplog.at_level(logging.INFO, logger="lantu.request"):
        response = client.get("/accounts/login/", headers={"x-request-id": "nginx-4f2a.17"})
    assert response["X-Request-ID"] == "nginx-4f2a.17"
    [record] = _request_records(caplog)
    assert (record.request_id, record.user) == ("nginx-4f2a.17", "-")


def test_a_request_id_that_is_not_a_plain_token_is_replaced():
    assert request_id("abc\nFAKE LOG LINE") != "abc\nFAKE LOG LINE"
    assert request_id("x" * 129) != "x" * 129
    assert len(request_id(None)) == 32 and request_id(None) != request_id(None)


def test_json_lines_carry_the_request_fields(client, caplog):
    with caplog.at_level(logging.INFO, logger="lantu.request"):
        client.get("/accounts/login/", headers={"x-request-id": "r1"})
    [record] = _request_records(caplog)
    options = dict(settings.LOGGING["formatters"]["json"])
    options.pop("()")
    line = JsonFormatter(**options).format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["logger"] == "lantu.request" and data["level"] == "INFO"
    assert (data["request_id"], data["status"], data["path"], data["user"]) == (
        "r1",
        200,
        "/accounts/login/",
        "-",
    )
