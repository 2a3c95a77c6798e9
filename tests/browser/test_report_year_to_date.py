"""The report form computes 本年累计 from last month's cumulative as the reporter types (server rule)."""

from decimal import Decimal

from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.models import ProgressReport
from lantu.lib.templatetags.lantu import format_number
from lantu.projects.models import Project


def test_report_form_computes_and_checks_the_year_to_date_while_typing(page_as, live_server):
    project = Project.objects.get(code="ML-102")
    september = reports_in_force().get(project=project, period="2026-09")
    expected = september.cumulative_investment + Decimal("100")

    mulei = page_as("mulei")
    mulei.goto(f"{live_server.url}/projects/{project.pk}/report/2026-10/")
    assert "2026-09" in mulei.text_content("#ytd-basis")
    mulei.fill("#id_cumulative_investment", "")
    mulei.fill("#id_completed_investment", "100")
    mulei.wait_for_function(
        "text => document.querySelector('#ytd-sum').textContent.includes(text)",
        arg=f"= {format_number(expected, 2)} 万元",
    )

    mulei.fill("#id_cumulative_investment", str(expected + 50))
    mulei.wait_for_selector("#ytd-problem")
    assert "多 50 万元" in mulei.text_content("#ytd-problem")

    mulei.fill("#id_cumulative_investment", "")
    mulei.wait_for_selector("#ytd-problem", state="detached")
    mulei.click("#save-draft")
    mulei.wait_for_selector("#report-cumulative")
    saved = ProgressReport.objects.filter(project=project, period="2026-10").order_by("-revision").first()
    assert saved.cumulative_investment == expected
