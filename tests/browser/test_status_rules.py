"""A planner reads growth as realised growth, a ceiling on its glide path, and splits with a live check."""

from playwright.sync_api import expect

from lantu.indicators.models import Indicator


def test_planner_reads_the_status_rules_on_the_indicator_pages(page_as, live_server):
    page = page_as("planner")
    gdp = Indicator.objects.get(plan__code="fyp15", code="gdp")
    page.goto(f"{live_server.url}/indicators/{gdp.pk}/")
    expect(page.locator("dd.progress")).to_contain_text("实际年均增长")
    expect(page.locator("dd.progress")).to_contain_text("（目标6.5%）")
    pm25 = Indicator.objects.get(plan__code="fyp15", code="pm25")
    page.goto(f"{live_server.url}/indicators/{pm25.pk}/")
    expect(page.locator(".page-head .badge.status").first).to_contain_text("正常")
    farmland = Indicator.objects.get(plan__code="fyp15", code="hs-farmland", split_of__isnull=True)
    page.goto(f"{live_server.url}/indicators/{farmland.pk}/")
    expect(page.locator("#status-basis")).to_be_visible()


def test_split_editor_checks_the_sum_on_the_server_as_the_planner_types(page_as, live_server):
    page = page_as("planner")
    farmland = Indicator.objects.get(plan__code="fyp15", code="hs-farmland", split_of__isnull=True)
    page.goto(f"{live_server.url}/indicators/{farmland.pk}/split/")
    expect(page.locator("#split-live")).to_have_count(0)
    target = page.locator("tr[data-unit='mulei'] input[data-role=target]")
    target.fill("74")  # ten more than its share
    expect(page.locator("#split-live")).to_be_visible()
    expect(page.locator("td[data-diff=target]")).to_contain_text("+10")
    target.fill("64")
    expect(page.locator("#split-live")).to_have_count(0)
    assert Indicator.objects.get(code__endswith="-mulei", split_of=farmland).target_value == 64
