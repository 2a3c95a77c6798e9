"""A planner and a county reporter walk the demo in Chromium."""

import re

from playwright.sync_api import expect

from lantu.projects.models import Project


def canvas_is_drawn(page, selector: str) -> bool:
    """Return whether the chart's canvas has non-transparent pixels."""
    return page.eval_on_selector(
        f"{selector} canvas",
        """canvas => {
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
            return painted > 1000;
        }""",
    )


def test_planner_walks_dashboard_plan_tree_indicator_and_projects(page_as, live_server):
    page = page_as("planner")
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("地区生产总值")
    expect(page.locator("body")).to_contain_text("530.76")

    # Dashboard → plan list → the master plan's tree: six goals, twelve measures.
    page.click("a[data-nav=plans]")
    page.click("text=昌吉州国民经济和社会发展第十五个五年规划")
    expect(page.locator("#plan-tree > li[data-level=goal]")).to_have_count(6)
    expect(page.locator("#plan-tree li[data-level=measure]")).to_have_count(12)
    expect(page.locator("#plan-tree")).to_contain_text("精耕煤")
    first_goal = page.locator("#plan-tree > li[data-level=goal] > details").first
    expect(first_goal).to_have_attribute("open", "")
    first_goal.locator("summary").first.click()
    expect(first_goal).not_to_have_attribute("open", "")

    # Indicator list → GDP: the citation and a drawn chart.
    page.click("a[data-nav=indicators]")
    page.click("#indicator-table >> text=地区生产总值")
    expect(page.locator("body")).to_contain_text("2,509.23")
    expect(page.locator("blockquote.citation").first).to_contain_text(
        "地区生产总值从1405亿元攀升至2509.23亿元"
    )
    page.wait_for_selector("#indicator-chart[data-chart-ready='1'] canvas")
    assert canvas_is_drawn(page, "#indicator-chart")

    # Project list filtered by county (htmx swaps the table, the address follows).
    page.click("a[data-nav=projects]")
    expect(page.locator("body")).to_contain_text("准东煤制天然气管道一期干线工程")
    page.select_option("#project-filters select[name=county]", "mulei")
    page.wait_for_url(re.compile(r"county=mulei"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("木垒")
    names = set(rows.all_inner_texts())
    expected = (
        Project.objects.filter(county__code="mulei").count()
        + Project.objects.filter(park__code="mulei").count()
    )
    assert len(names) == expected
    assert all("木垒" in row for row in names)


def test_county_reporter_cannot_open_another_countys_edit_page(page_as, live_server):
    page = page_as("mulei")
    # A project is edited by its lead unit (the county it lies in reads it): the refusal names who edits it.
    other = Project.objects.filter(county__code="qitai").select_related("lead_unit").first()
    own = Project.objects.filter(lead_unit__code="mulei").first()
    response = page.goto(f"{live_server.url}/projects/{other.pk}/edit/")
    assert response.status == 403
    expect(page.locator("body")).to_contain_text(other.lead_unit.label)
    response = page.goto(f"{live_server.url}/projects/{own.pk}/edit/")
    assert response.status == 200
    expect(page.locator("form")).not_to_have_count(0)


def test_interface_switches_to_english(page_as, live_server):
    page = page_as("leader")
    # The box submits its form; select_option does not wait for that navigation, and a wait for the
    # "load" state returns at once on the page already loaded: wait for the navigation itself.
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    expect(page.locator("nav.mainnav")).to_contain_text("Indicators")
    with page.expect_navigation():
        page.select_option("select[name=language]", "zh-hans")
    expect(page.locator("nav.mainnav")).to_contain_text("指标")
