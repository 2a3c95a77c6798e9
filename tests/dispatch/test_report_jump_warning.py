"""The report form shows last month's figures, warns of a jump before submitting, and says what it did."""

from decimal import Decimal

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from lantu.dispatch import year_to_date
from lantu.dispatch.models import ProgressReport
from lantu.indicators.checks import jump_flags

D = Decimal


@pytest.fixture(autouse=True)
def chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def august(world, open_period):
    return ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-08",
        completed_investment=D("100"),
        cumulative_investment=D("800"),
        physical_progress=D("35"),
        narrative="主体结构施工",
        state="approved",
    )


def _text(html: str, element_id: str) -> str:
    found = lxml.html.fromstring(html).get_element_by_id(element_id, None)
    return "" if found is None else " ".join(found.text_content().split())


def _url(world):
    return f"/projects/{world.mulei_project.pk}/report/2026-09/"


def _post(client, world, completed, *extra):
    data = {"completed_investment": completed, "version": "0"} | {name: "1" for name in extra}
    return client.post(_url(world), data)


def test_the_form_shows_last_months_figures(world, login, august):
    page = login("mulei").get(_url(world)).content.decode()
    previous = _text(page, "report-previous")
    assert "2026-08" in previous and "100 万元" in previous and "800 万元" in previous
    assert "35%" in previous and "主体结构施工" in previous


def test_a_jump_is_shown_while_typing_by_the_review_queues_rule(world, login, august):
    fragment = login("mulei").get(_url(world) + "year-to-date/", {"completed_investment": "2245"})
    html = fragment.content.decode()
    assert "+2145%" in _text(html, "ytd-jump")
    assert 'name="confirm_jump"' in html


def test_the_panel_keeps_a_ticked_confirmation_when_it_is_drawn_again(world, login, august):
    """The panel is swapped while the reporter types; a tick given meanwhile comes back with the figures."""
    client = login("mulei")
    url = _url(world) + "year-to-date/"
    ticked = lxml.html.fromstring(
        client.get(url, {"completed_investment": "2245", "confirm_jump": "on"}).content
    )
    assert ticked.get_element_by_id("confirm-jump").checked
    unticked = lxml.html.fromstring(client.get(url, {"completed_investment": "2245"}).content)
    assert not unticked.get_element_by_id("confirm-jump").checked


def test_a_form_sent_back_with_an_error_keeps_the_ticked_confirmation(world, login, august):
    client = login("mulei")
    data = {"completed_investment": "2245", "physical_progress": "150", "version": "0"}
    for ticked in (True, False):
        sent = data | ({"confirm_jump": "on"} if ticked else {}) | {"submit": "1"}
        page = lxml.html.fromstring(client.post(_url(world), sent).content)
        assert page.xpath("//ul[contains(@class, 'errorlist')]")  # sent back, not saved
        assert page.get_element_by_id("confirm-jump").checked is ticked
    assert not ProgressReport.objects.filter(project=world.mulei_project, period="2026-09").exists()


def test_a_steady_month_shows_no_jump(world, login, august):
    fragment = login("mulei").get(_url(world) + "year-to-date/", {"completed_investment": "140"})
    assert 'id="ytd-jump"' not in fragment.content.decode()


def test_the_form_and_the_indicator_review_share_one_jump_rule(world, august):
    for month in ("0", "49", "150", "151", "2245"):
        assert year_to_date.jumps(world.mulei_project, "2026-09", D(month)) == jump_flags(D("100"), D(month))


def test_submitting_a_jump_keeps_a_draft_and_asks_for_confirmation(world, login, august):
    client = login("mulei")
    response = _post(client, world, "2245", "submit")
    assert response.status_code == 302 and response["Location"] == _url(world)
    report = ProgressReport.objects.get(project=world.mulei_project, period="2026-09")
    assert report.state == "draft"
    assert any("尚未报送" in str(m) for m in get_messages(response.wsgi_request))
    page = client.get(_url(world)).content.decode()
    assert "+2145%" in _text(page, "ytd-jump") and 'id="confirm-jump"' in page


def test_a_confirmed_jump_is_submitted_and_the_page_says_so(world, login, august):
    client = login("mulei")
    response = _post(client, world, "2245", "submit", "confirm_jump")
    report = ProgressReport.objects.get(project=world.mulei_project, period="2026-09")
    assert report.state == "submitted"
    followed = client.get(response["Location"]).content.decode()
    assert "已报送，等待规划部门审核" in followed
    reviewer = login("planner").get(f"/projects/reports/{report.pk}/").content.decode()
    assert "+2145%" in _text(reviewer, "ytd-jump")


def test_save_and_submit_without_a_jump_says_it_was_submitted(world, login, august):
    client = login("mulei")
    response = _post(client, world, "120", "submit")
    assert ProgressReport.objects.get(project=world.mulei_project, period="2026-09").state == "submitted"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["已报送，等待规划部门审核。"]


def test_save_draft_says_it_was_not_submitted(world, login, august):
    response = _post(login("mulei"), world, "120", "save")
    assert ProgressReport.objects.get(project=world.mulei_project, period="2026-09").state == "draft"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["已保存草稿（尚未报送）。"]
