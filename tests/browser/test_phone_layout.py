"""At 390 px (a phone) every main page fits the screen: the menu folds, tables scroll inside their box."""

import pytest

from lantu.indicators.models import Indicator
from lantu.projects.models import Project

PAGES = [
    "/",
    "/plans/",
    "/indicators/",
    "/indicators/entry/",
    "/projects/",
    "/projects/dispatch/",
    "/projects/dispatch/unit/",
    "/projects/dispatch/reminders/",
    "/projects/problems/",
    "/supervision/",
    "/factors/",
    "/reports/",
]


PLANNER_PAGES = ["/indicators/review/", "/projects/dispatch/review/"]


@pytest.fixture
def phone(page_as):
    def _phone(username: str):
        page = page_as(username)
        page.set_viewport_size({"width": 390, "height": 844})
        return page

    return _phone


@pytest.mark.parametrize("username", ["mulei", "planner"])
def test_main_pages_do_not_overflow_a_phone_screen(phone, live_server, username):
    page = phone(username)
    wide = {}
    project = Project.objects.order_by("code").first()
    indicator = Indicator.objects.order_by("pk").first()
    detail = [f"/projects/{project.pk}/", f"/indicators/{indicator.pk}/"]
    for path in PAGES + detail + (PLANNER_PAGES if username == "planner" else []):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status < 400, path
        # Measure once the parts htmx loads after the page (the bell, panels, the factors' preview) are in,
        # and let them answer before the next page (or the database's reset after the last one).
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.evaluate("innerWidth"):
            wide[path] = width
    assert wide == {}


def test_the_menu_folds_behind_a_button_and_opens_on_a_phone(phone, live_server):
    page = phone("mulei")
    nav = page.locator("#mainnav")
    assert not nav.is_visible()
    page.click(".navtoggle")
    assert nav.is_visible()
    assert page.get_attribute(".navtoggle", "aria-expanded") == "true"
    page.click("#mainnav a[data-nav='dispatch']")
    page.wait_for_url("**/projects/dispatch/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_menu_stays_open_in_one_row_on_a_desktop(page_as):
    page = page_as("planner")
    assert page.locator("#mainnav").is_visible()
    assert not page.locator(".navtoggle").is_visible()
    tops = page.locator("#mainnav a").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1


@pytest.mark.parametrize("width", [1440, 1024])
def test_the_top_bar_holds_every_session_item_on_a_desktop_in_english(page_as, live_server, width):
    """English labels make the menu and the session wider than the bar's line: the bar grows to hold
    them instead of clipping the language box and "Log out"."""
    page = page_as("planner")
    page.set_viewport_size({"width": width, "height": 900})
    with page.expect_navigation():
        page.select_option(".session select[name=language]", "en")
    page.goto(f"{live_server.url}/projects/dispatch/")
    page.wait_for_load_state("networkidle")  # the bell is drawn by htmx after the page
    outside = page.evaluate(
        """() => {
          const bar = document.querySelector('.topbar').getBoundingClientRect();
          return [...document.querySelectorAll('.topbar .session > *')]
            .filter(item => item.offsetParent !== null)
            .filter(item => {
              const box = item.getBoundingClientRect();
              return box.top < bar.top - 1 || box.bottom > bar.bottom + 1;
            })
            .map(item => item.textContent.trim() || item.className);
        }"""
    )
    assert page.locator("html").get_attribute("lang") == "en"
    assert outside == []
