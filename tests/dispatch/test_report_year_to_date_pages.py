"""The report form shows and checks 本年累计; the review page shows the month before, the plan, the queue."""

from datetime import UTC, datetime
from decimal import Decimal

import lxml.html
import pytest
from django.utils import translation

from lantu.dispatch.models import ProgressReport

D = Decimal


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _text(html: str, element_id: str) -> str:
    found = lxml.html.fromstring(html).get_element_by_id(element_id, None)
    return "" if found is None else " ".join(found.text_content().split())


def _report(project, period="2026-08", state="approved", completed="100", cumulative="800", **extra):
    return ProgressReport.objects.create(
        project=project,
        period=period,
        completed_investment=D(completed),
        cumulative_investment=D(cumulative),
        state=state,
        **extra,
    )


def _form_url(world):
    return f"/projects/{world.mulei_project.pk}/report/2026-09/"


def test_form_shows_last_months_cumulative_and_its_month(world, login, open_period):
    august = _report(world.mulei_project)
    page = login("mulei").get(_form_url(world)).content.decode()
    basis = _text(page, "ytd-basis")
    assert "2026-08" in basis and "800" in basis, basis
    assert f"/projects/reports/{august.pk}/" in page
    assert "hx-get" in page and "year-to-date/" in page  # the live check asks the server


def test_live_check_computes_the_year_to_date_from_this_month(world, login, open_period):
    _report(world.mulei_project)
    fragment = login("mulei").get(_form_url(world) + "year-to-date/", {"completed_investment": "100"})
    text = _text(fragment.content.decode(), "ytd-sum")
    assert "800 + 100 = 900" in text, text


def test_live_check_says_by_how_much_a_typed_year_to_date_is_off(world, login, open_period):
    _report(world.mulei_project)
    fragment = login("mulei").get(
        _form_url(world) + "year-to-date/", {"completed_investment": "100", "cumulative_investment": "950"}
    )
    problem = _text(fragment.content.decode(), "ytd-problem")
    assert "50 万元 more than" in problem, problem


def test_live_check_ignores_what_is_not_a_number(world, login, open_period):
    _report(world.mulei_project)
    fragment = login("mulei").get(_form_url(world) + "year-to-date/", {"completed_investment": "很多"})
    assert fragment.status_code == 200
    assert "compute the year to date" in _text(fragment.content.decode(), "ytd-sum")


def test_form_left_empty_saves_the_computed_year_to_date(world, login, open_period):
    _report(world.mulei_project)
    login("mulei").post(
        _form_url(world), {"completed_investment": "100", "cumulative_investment": "", "version": "0"}
    )
    assert ProgressReport.objects.get(period="2026-09").cumulative_investment == D("900")


def test_form_refuses_going_backwards_without_a_reason_and_keeps_it_with_one(world, login, open_period):
    _report(world.mulei_project)
    client = login("mulei")
    data = {"completed_investment": "10", "cumulative_investment": "700", "version": "0"}
    page = client.post(_form_url(world), data).content.decode()
    assert "goes back from 800 万元 in 2026-08" in page and "say why" in page
    assert not ProgressReport.objects.filter(period="2026-09").exists()
    client.post(_form_url(world), data | {"correction_reason": "八月多报，已核减"})
    assert ProgressReport.objects.get(period="2026-09").correction_reason == "八月多报，已核减"


def test_review_page_shows_previous_month_annual_plan_and_the_correction(world, login, open_period):
    _report(world.mulei_project, completed="100", cumulative="800", physical_progress=D("40"))
    september = _report(
        world.mulei_project,
        period="2026-09",
        state="submitted",
        completed="10",
        cumulative="700",
        correction_reason="八月多报，已核减",
        submitted_at=datetime(2026, 10, 2, tzinfo=UTC),
    )
    page = login("planner").get(f"/projects/reports/{september.pk}/").content.decode()
    assert "800" in _text(page, "previous-cumulative")
    assert "1,200" in _text(page, "annual-planned") and "58.3%" in _text(page, "annual-rate")
    assert "goes back from 800 万元 in 2026-08" in _text(page, "ytd-problem")
    assert "八月多报" in _text(page, "correction-reason")


def test_review_page_walks_the_queue_of_reports_the_reviewer_may_review(world, login, open_period):
    first = _report(
        world.mulei_project,
        period="2026-09",
        state="submitted",
        submitted_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    second = _report(
        world.qitai_project,
        period="2026-09",
        state="submitted",
        submitted_at=datetime(2026, 10, 2, tzinfo=UTC),
    )
    _report(
        world.qitai_project,
        period="2026-08",
        state="submitted",
        submitted_at=datetime(2026, 10, 3, tzinfo=UTC),
        entered_by=world.users["planner"],
    )
    client = login("planner")
    page = client.get(f"/projects/reports/{first.pk}/").content.decode()
    assert "1 of 2" in _text(page, "queue-position")
    assert f'href="/projects/reports/{second.pk}/"' in page and 'id="queue-previous"' not in page
    page = client.get(f"/projects/reports/{second.pk}/").content.decode()
    assert "2 of 2" in _text(page, "queue-position") and 'id="queue-next"' not in page
    assert 'id="queue-nav"' not in login("mulei").get(f"/projects/reports/{first.pk}/").content.decode()
