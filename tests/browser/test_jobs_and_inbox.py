"""A report queued from the page reaches done under a worker (progress bar polled); the bell and the inbox."""

import io

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect


def test_report_job_progress_reaches_done_and_the_bell_brings_the_inbox(page_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LANTU_JOBS_SYNC = False
    page = page_as("planner")
    expect(page.locator("#bell .count")).to_have_text("")
    page.click("a[data-nav=reports]")
    page.select_option("#id_kind", "problem_ledger")
    page.fill("#id_year", str(timezone.localdate().year))
    page.click("#report-form button[type=submit]")
    row = page.locator("#report-list tbody tr").first
    expect(row).to_have_attribute("data-state", "queued")
    expect(row.locator("progress")).to_be_visible()
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())  # the worker process
    expect(row).to_have_attribute("data-state", "done", timeout=15_000)  # the htmx poll sees it finish
    expect(row.locator("a[download]")).to_contain_text("问题清单台账")
    page.reload()
    expect(page.locator("#bell .count")).to_have_text("1")
    page.click("#bell")
    item = page.locator("#inbox li").first
    expect(item).to_have_class("unread")
    expect(item).to_contain_text("文档已生成：十五五规划")
    page.click("#read-all")
    expect(page.locator("#inbox li").first).to_have_class("read")
    expect(page.locator("#bell .count")).to_have_text("")
