"""A planner declares a project's contribution and sees the installed-capacity pipeline change."""

import re

from playwright.sync_api import expect

from lantu.indicators.models import Indicator
from lantu.projects.models import Project


def test_planner_adds_a_contribution_and_the_indicator_pipeline_counts_it(page_as, live_server):
    capacity = Indicator.objects.get(plan__code="fyp15", code="power-capacity")
    project = Project.objects.get(code="ZD-101")
    page = page_as("planner")
    page.goto(f"{live_server.url}/indicators/{capacity.pk}/")
    gap_before = page.locator("#pipeline-gap").inner_text()
    expect(page.locator("#pipeline-chart canvas")).to_have_count(1)
    expect(page.locator("#pipeline-table")).to_contain_text("国网新源新疆阜康抽水蓄能电站")

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    form = page.locator("#contribution-form")
    form.locator("select[name=indicator]").select_option(str(capacity.pk))
    form.locator("input[name=amount]").fill("50")
    form.locator("input[name=expected_year]").fill("2028")
    form.locator("button[type=submit]").click()
    expect(page.locator("#contribution-table")).to_contain_text("发电装机容量")

    page.locator("#contribution-table a", has_text="发电装机容量").click()
    expect(page.locator("#pipeline-table")).to_contain_text(project.name)
    gap_after = page.locator("#pipeline-gap").inner_text()
    assert float(re.sub(r"[^\d.]", "", gap_before)) - float(re.sub(r"[^\d.]", "", gap_after)) == 50
