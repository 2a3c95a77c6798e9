"""A planner runs an allocation on the Changji demo, reads a left-out project's reason, edits its demand."""

import re

from playwright.sync_api import expect

PLANNER_NAME = "州发改委规划科"  # the demo planner, shown by display name (lantu/demo/users.py)


def test_planner_runs_allocation_reads_a_left_out_projects_reason_and_edits_its_demand(page_as):
    page = page_as("planner")
    page.click("a[data-nav=factors]")
    expect(page.locator("h1")).to_have_text("要素保障")
    expect(page.locator("#gap-table")).to_contain_text("缺口")
    page.fill("#id_name", "十一月要素配置")
    page.click("#run-button")
    expect(page.locator("#scenario-name")).to_have_text("十一月要素配置")
    reason = page.locator("#excluded td.reason").first
    expect(reason.locator("li.reason-quota").first).to_contain_text(
        re.compile(r"配额：缺口 [\d.,]+\S+（剩余 [\d.,]+，需要 [\d.,]+）；配额需增加 [\d.,]+")
    )
    expect(reason.locator("li.reason-forced")).to_contain_text("若强制安排")
    page.click("#accept-button")
    expect(page.locator("#accepted")).to_contain_text(PLANNER_NAME)
    page.locator("#excluded td.name a").first.click()
    expect(page.locator("#outcomes")).to_contain_text("十一月要素配置")
    amount = page.locator("#demands input[name=amount]").first
    amount.fill("1")
    # The typed "1" is in the field before the save answers: wait for the answer, not the field.
    with page.expect_response(lambda r: "/demands/" in r.url and r.request.method == "POST") as saved:
        page.locator("#demands button[name=save]").first.click()
    assert saved.value.ok
    expect(page.locator("#demands input[name=amount]").first).to_have_value("1")
    page.reload()
    expect(page.locator("#demands input[name=amount]").first).to_have_value("1")
    expect(page.locator("#demand-history")).to_contain_text(PLANNER_NAME)
