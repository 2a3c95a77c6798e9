"""Accessibility: axe-core (npm, run from frontend/node_modules, never a CDN) finds no serious or critical
violation on the main pages, and the menu is reachable and usable by keyboard alone."""

from pathlib import Path

import pytest
from django.conf import settings

AXE = Path(settings.BASE_DIR) / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/plans/fyp15/",
    "/indicators/",
    "/projects/",
    "/projects/map/",
    "/projects/dispatch/",
    "/projects/problems/",
    "/supervision/",
    "/reports/",
]
NAV = [
    "dashboard",
    "plans",
    "indicators",
    "entry",
    "projects",
    "dispatch",
    "supervision",
    "factors",
    "reports",
]


def serious_violations(page) -> list[str]:
    """Return axe-core's serious and critical violations of the page, one line each with its elements."""
    found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url} {v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def with_axe():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make setup` (axe-core comes from the npm registry)")

    def _with_axe(page):
        # An init script runs in every document the context opens; the page's CSP does not apply to it.
        page.context.add_init_script(path=str(AXE))
        return page

    return _with_axe


@pytest.mark.parametrize(("username", "width"), [("planner", 1400), ("leader", 390)])
def test_main_pages_have_no_serious_or_critical_axe_violation(
    page_as, with_axe, live_server, username, width
):
    page = with_axe(page_as(username))
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        problems += serious_violations(page)
    assert problems == []


def test_the_login_page_has_no_serious_or_critical_axe_violation(browser, with_axe, live_server, demo):
    context = browser.new_context(locale="zh-CN")
    page = with_axe(context.new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_violations(page) == []
    context.close()


def _tab_to(page, selector: str, limit: int = 60) -> list[str]:
    """Press Tab until the focused element matches, returning the data-nav of each menu item passed."""
    passed = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        nav = page.evaluate("document.activeElement.getAttribute('data-nav')")
        if nav:
            passed.append(nav)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return passed
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab; passed {passed}")


def test_every_menu_item_is_reached_by_tab_and_opens_with_enter(page_as, live_server):
    page = page_as("planner")
    passed = _tab_to(page, "a[data-nav=reports]")
    assert passed == NAV
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # the focus is visible
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/factors/")
    page.wait_for_load_state("networkidle")  # the page's own requests end before the database is reset


def test_on_a_phone_the_folded_menu_opens_and_is_walked_by_keyboard(page_as, live_server):
    page = page_as("planner")
    page.set_viewport_size({"width": 390, "height": 844})
    _tab_to(page, ".navtoggle")
    assert not page.locator("a[data-nav=projects]").is_visible()
    page.keyboard.press("Enter")
    assert page.get_attribute(".navtoggle", "aria-expanded") == "true"
    assert _tab_to(page, "a[data-nav=projects]") == NAV[:5]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/projects/")
    page.wait_for_load_state("networkidle")
