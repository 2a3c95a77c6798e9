"""A refusal: the 403 page says why, htmx gets the card alone, the log gets one line."""

import logging
from datetime import date

import pytest
from django.utils import translation

from lantu.dispatch.models import ReportingPeriod

pytestmark = pytest.mark.django_db

NEW_INDICATOR = {
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


@pytest.fixture
def open_period(world):
    return ReportingPeriod.objects.create(plan=world.plan, period="2026-09", deadline=date(2026, 10, 5))


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_refused_period_toggle_renders_the_403_page_with_its_reason(world, login, open_period):
    response = login("mulei").post(f"/projects/dispatch/periods/{open_period.pk}/toggle/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="forbidden"' in page and "<html" in page
    assert "Only the planning office opens and closes reporting periods." in page


def test_htmx_request_that_is_refused_gets_the_card_alone_swapped_into_main(world, login, open_period):
    response = login("mulei").post(
        f"/projects/dispatch/periods/{open_period.pk}/toggle/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="forbidden"' in page and "<html" not in page
    assert "opens and closes reporting periods" in page
    assert response["HX-Retarget"] == "main" and response["HX-Reselect"] == "#forbidden"


def test_forbidden_page_links_back_to_the_page_the_user_came_from(world, login, open_period):
    came_from = f"http://testserver/projects/{world.mulei_project.pk}/"
    response = login("mulei").post(
        f"/projects/dispatch/periods/{open_period.pk}/toggle/", headers={"referer": came_from}
    )
    assert f'id="forbidden-back" href="{came_from}"' in response.content.decode()
    elsewhere = login("mulei").post(
        f"/projects/dispatch/periods/{open_period.pk}/toggle/", headers={"referer": "https://evil.example/"}
    )
    assert "forbidden-back" not in elsewhere.content.decode()


def _lines(caplog) -> list[str]:
    """Return what the refusal loggers and the request log wrote, one message per record."""
    names = ("django.request", "django.security.csrf", "lantu.request")
    return [r.getMessage() for r in caplog.records if r.name in names]


def test_a_refusal_is_logged_as_one_line_with_user_path_and_reason(world, login, open_period, caplog):
    path = f"/projects/dispatch/periods/{open_period.pk}/toggle/"
    with caplog.at_level(logging.INFO):
        login("mulei").post(path)
    records = [r for r in caplog.records if r.name in ("django.request", "lantu.request")]
    assert [r.name for r in records] == ["lantu.request"]
    [record] = records
    assert record.exc_info is None and record.exc_text is None
    line = record.getMessage()
    assert "\n" not in line
    assert line.startswith(f"POST {path} 403 ")
    reason = "Only the planning office opens and closes reporting periods."
    assert line.endswith(f"user=mulei id={record.request_id} reason={reason}")


def test_without_the_request_log_a_refusal_is_still_one_line(world, login, open_period, caplog):
    path = f"/projects/dispatch/periods/{open_period.pk}/toggle/"
    logging.getLogger("lantu.request").setLevel(logging.WARNING)
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            login("mulei").post(path)
    finally:
        logging.getLogger("lantu.request").setLevel(logging.INFO)
    assert _lines(caplog) == [
        f"403 user=mulei path={path} reason=Only the planning office opens and closes reporting periods."
    ]


def test_an_api_refusal_is_logged_as_one_line_with_its_reason(world, login, caplog):
    with caplog.at_level(logging.INFO):
        login("industry").post("/api/v1/indicators", NEW_INDICATOR, "application/json")
    [line] = _lines(caplog)
    assert line.startswith("POST /api/v1/indicators 403 ")
    assert line.endswith("reason=Only the plan's planners add indicators.")
    assert " user=industry " in line


def test_a_csrf_refusal_is_logged_as_one_line_that_keeps_its_reason(world, caplog):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["planner"])
    with caplog.at_level(logging.INFO):
        assert strict.post("/projects/dispatch/periods/").status_code == 403
    [line] = _lines(caplog)
    assert line.startswith("POST /projects/dispatch/periods/ 403 ")
    assert " user=planner " in line and " reason=Forbidden (CSRF" in line
