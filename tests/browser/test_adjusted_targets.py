"""A planner reads an adjusted target, adjusts another one, and sees the data revision that moved a status."""

from playwright.sync_api import expect

from lantu.indicators.models import Indicator


def test_planner_adjusts_a_target_and_sees_revisions_that_changed_a_status(page_as, live_server):
    page = page_as("planner")
    trade = Indicator.objects.get(plan__code="fyp15", code="trade")
    page.goto(f"{live_server.url}/indicators/{trade.pk}/")
    expect(page.locator("#measured-against")).to_contain_text("年度调整")
    versions = page.locator("#targets tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("严重滞后")
    expect(versions.nth(1)).to_contain_text("现行")

    gdp = Indicator.objects.get(plan__code="fyp15", code="gdp")
    page.goto(f"{live_server.url}/indicators/{gdp.pk}/")
    page.click("#targets summary")
    page.fill("#targets input[name=rate]", "6")
    page.fill("#targets input[name=reason]", "州人大常委会决定（测试）")
    page.click("#targets button[type=submit]")
    expect(page.locator("#targets tbody tr")).to_have_count(2)
    expect(page.locator("#measured-against")).to_contain_text("中期调整")
    assert Indicator.objects.get(pk=gdp.pk).target_rate == 6

    page.goto(f"{live_server.url}/indicators/review/")
    row = page.locator("#status-revisions tr[data-indicator='digital-farmland']")
    expect(row).to_contain_text("2026Q2")
    expect(row).to_contain_text("121.2")
