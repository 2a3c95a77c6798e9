"""木垒's own work on the dashboard: its sections first, an overdue report linking to its form."""

from datetime import date

from lantu.dispatch.models import ReportingPeriod
from lantu.plans.models import Plan


def test_mulei_sees_its_own_work_first_and_opens_an_overdue_report(page_as, live_server):
    plan = Plan.objects.filter(kind=Plan.Kind.MASTER).order_by("order").first()
    ReportingPeriod.objects.update_or_create(
        plan=plan, period="2025-12", defaults={"deadline": date(2026, 1, 5), "is_open": True}
    )
    mulei = page_as("mulei")
    tiles = mulei.locator("#my-work [data-tile]")
    assert tiles.evaluate_all("els => els.map(e => e.dataset.tile)") == [
        "reports",
        "values",
        "returned",
        "orders",
        "problems",
    ]
    assert "待报和逾期报告" in mulei.text_content("#my-work")
    overdue = mulei.locator("#work-reports li.overdue").first
    assert "逾期" in overdue.text_content()
    overdue.locator("a").first.click()
    mulei.wait_for_url("**/report/2025-12/")
    assert mulei.locator("form").count()
