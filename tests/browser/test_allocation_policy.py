"""A planner sets the scoring weights, runs, compares, accepts and sees the quota ledger move."""

import re

from playwright.sync_api import expect

PLANNER_NAME = "州发改委规划科"  # the demo planner, shown by display name (lantu/demo/users.py)

SLOW = 90_000  # a solve on a busy machine


def test_planner_sets_weights_runs_compares_accepts_and_sees_the_ledger(page_as):
    page = page_as("planner")
    page.click("a[data-nav=factors]")
    expect(page.locator("#score-preview table")).to_be_visible(timeout=SLOW)
    page.fill("#id_w_land_tax", "0")
    page.fill("#id_w_energy", "0")
    page.fill("#id_w_contribution", "0")
    page.fill("#id_w_jobs", "20")
    page.locator("#id_w_jobs").dispatch_event("change")
    # The preview drawn on load already names 新增就业 (its default weight is 1): wait for the one drawn
    # for the weights set here, whose jobs criterion counts with weight 20.
    jobs_weighed_20 = re.compile(r"新增就业[^；]*×权重20=")
    expect(page.locator("#score-preview")).to_contain_text(jobs_weighed_20, timeout=SLOW)
    expect(page.locator("#missing-data")).to_be_visible()
    page.fill("#id_name", "就业优先")
    page.click("#run-button")
    expect(page.locator("#scenario-name")).to_have_text("就业优先", timeout=SLOW)
    expect(page.locator("details.score").first).to_be_attached()
    page.locator("#selected details.score summary").first.click()
    expect(page.locator("#selected .score-text").first).to_contain_text("新增就业")
    page.click("#accept-button")
    expect(page.locator("#accepted")).to_contain_text(PLANNER_NAME)

    page.click("a[data-nav=factors]")
    page.fill("#id_name", "效率优先")
    page.fill("#id_w_jobs", "0")
    page.fill("#id_w_land_tax", "10")
    page.uncheck("#id_keep")
    page.click("#run-button")
    expect(page.locator("#scenario-name")).to_have_text("效率优先", timeout=SLOW)

    page.click("a[data-nav=factors]")
    page.click("#compare-button")
    expect(page.locator("h1")).to_have_text("方案对比")
    expect(page.locator("tr.quota-change").first).to_be_visible()
    expect(page.locator("#entered, #left").first).to_be_visible()

    page.click("a[data-nav=factors]")
    page.click("#ledger-link")
    expect(page.locator("h1")).to_have_text("配额台账")
    expect(page.locator("main")).to_contain_text("就业优先")
    allocated = page.locator("#ledger td.allocated")
    expect(allocated.first).to_have_text(re.compile(r"[\d,.]+"))
    assert any(text.strip() not in ("0", "0.00") for text in allocated.all_inner_texts())
