"""A regional planner compares the fourteen prefectures of a region in the browser."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from lantu.demo.generate import generate


@pytest.fixture
def region_page(browser, live_server, transactional_db):
    """Generate a region of 14 prefectures and open a page logged in as its planner."""
    generate(projects=140, months=12, last="2026-09", prefectures=14)
    client = Client()
    client.force_login(User.objects.get(username="gen-region-planner"))
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def test_a_regional_planner_compares_fourteen_prefectures(region_page, live_server):
    page = region_page
    page.goto(f"{live_server.url}/region/")
    assert page.locator("h1").inner_text() == "全区驾驶舱"
    assert page.locator("nav.mainnav a[data-nav=region]").inner_text() == "全区"
    rows = page.locator("#region-table tbody tr")
    assert rows.count() == 14
    assert rows.nth(0).locator("th").inner_text() == "合成州01"
    # Each prefecture has 10 projects; the table shows them beside completion and timeliness.
    assert [rows.nth(i).locator("td").nth(0).inner_text() for i in range(14)] == ["10"] * 14
    for chart in ("#region-compare-chart", "#region-status-chart"):
        page.locator(f"{chart} canvas").first.wait_for()
    # Another month is one form away.
    page.fill("input[name=period]", "2026-06")
    page.click("form.filters button")
    page.wait_for_url("**/region/?period=2026-06")
    assert "2026-06" in page.locator(".subtitle").inner_text()
