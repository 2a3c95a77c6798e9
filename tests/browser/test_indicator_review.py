"""A reporter's value is returned, corrected, resubmitted and approved; the dashboard follows."""

from playwright.sync_api import expect

from lantu.indicators.models import Observation


def test_returned_value_is_corrected_approved_and_turns_the_indicator_red(page_as, live_server):
    planner = page_as("planner")
    warnings = planner.locator("section.attention")
    expect(warnings).to_contain_text("滞后")
    expect(warnings).not_to_contain_text("原煤产量")  # on track before the revision

    reporter = page_as("industry")
    reporter.click("a[data-nav=entry]")
    reporter.goto(f"{live_server.url}/indicators/entry/?period=2026")
    row = reporter.locator("tr[data-indicator=coal-output]")
    row.locator("input[name^=value-]").fill("2.45")
    reporter.click("button[name=action][value=submit]")
    expect(reporter.locator(".messages")).to_contain_text("已保存")
    expect(row).to_contain_text("已报送")

    planner.goto(f"{live_server.url}/indicators/review/")
    review_row = planner.locator("tr[data-indicator=coal-output]")
    review_row.locator("input[name=reason]").fill("与统计快报不符，请核实")
    review_row.locator("form[action$='/return/'] button").click()
    expect(planner.locator(".messages")).to_contain_text("已退回")

    reporter.goto(f"{live_server.url}/indicators/entry/?period=2026")
    expect(row).to_contain_text("与统计快报不符，请核实")
    row.locator("input[name^=value-]").fill("2.46")
    reporter.click("button[name=action][value=submit]")
    expect(row).to_contain_text("已报送")

    planner.goto(f"{live_server.url}/indicators/review/")
    planner.locator("tr[data-indicator=coal-output] form[action$='/approve/'] button").click()
    expect(planner.locator(".messages")).to_contain_text("审核")
    observation = Observation.objects.in_force().get(indicator__code="coal-output", period="2026")
    assert (observation.state, str(observation.value)) == ("approved", "2.4600")

    planner.goto(f"{live_server.url}/")
    expect(warnings).to_contain_text("原煤产量")
    expect(warnings.locator("tr[data-indicator=coal-output]")).to_contain_text("严重滞后")
