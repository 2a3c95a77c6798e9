"""A planner runs a factor allocation on the Changji demo and reads why a project is left out."""

import re

from playwright.sync_api import expect


def test_planner_runs_allocation_and_reads_a_left_out_projects_reason(page_as):
    page = page_as("planner")
    page.click("a[data-nav=factors]")
    expect(page.locator("h1")).to_have_text("要素保障")
    expect(page.locator("#gap-table")).to_contain_text("缺口")
    page.fill("#id_name", "十一月要素配置")
    page.click("#run-button")
    expect(page.locator("#scenario-name")).to_have_text("十一月要素配置")
    reason = page.locator("#excluded td.reason").first
    expect(reason).to_contain_text(re.compile(r"配额仅余[\d.,]+\S+，本项目需[\d.,]+\S+，缺[\d.,]+"))
    expect(reason).to_contain_text("要入选，需")
    page.click("#accept-button")
    expect(page.locator("#accepted")).to_contain_text("planner")
