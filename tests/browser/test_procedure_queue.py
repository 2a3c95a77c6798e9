"""A department's approval queue in the browser: 州自然资源局 records a late grant from its queue, the office
then takes another late approval up as a supervision order in one step."""

from django.contrib.auth.models import User
from django.utils import timezone

from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.projects import procedure_selectors


def test_a_department_clears_a_late_approval_and_the_office_supervises_another(page_as, live_server):
    land = OrgUnit.objects.get(code="natural-resources")
    user = User.objects.create_user("land", password="lantu-demo")
    Membership.objects.create(user=user, unit=land, role=Role.REPORTER)
    today = timezone.localdate()
    late = [
        item
        for item in procedure_selectors.late_procedures(on=today)
        if item.procedure.department_id == land.pk
    ]
    assert late, "the demo has late approvals at 州自然资源局"
    first = late[0].procedure

    page = page_as("land")
    page.goto(f"{live_server.url}/projects/procedures/")
    assert "州自然资源局" in page.text_content("#queue-title")
    row = page.locator(f"#queue-{first.project_id} tr[data-kind='{first.kind.code}']")
    assert "超时" in row.text_content()
    row.locator("a").click()
    page.fill("#id_started_date", (first.started_date or today).isoformat())
    page.fill("#id_done_date", today.isoformat())
    page.click("#procedure-save")
    assert "请填写批复文号" in page.text_content("#row-approval_number")  # refused: nothing saved
    page.fill("#id_approval_number", "昌州自然资预〔2026〕88号")
    page.click("#procedure-save")
    assert "前期手续已保存" in page.text_content(".messages")
    assert page.url.startswith(f"{live_server.url}/projects/procedures/")
    page.wait_for_load_state("domcontentloaded")  # the queue is read whole, not while it is still parsed
    assert page.locator(f"#queue-{first.project_id} tr[data-kind='{first.kind.code}']").count() == 0
    first.refresh_from_db()
    assert first.approval_number == "昌州自然资预〔2026〕88号" and not first.is_sample

    other = next(item.procedure for item in late if item.procedure.pk != first.pk)
    planner = page_as("planner")
    planner.goto(f"{live_server.url}/projects/{other.project_id}/")
    step = planner.locator(f"#procedure-timeline li[data-kind='{other.kind.code}']")
    assert "超时" in step.text_content()
    step.locator("button[value=order]").click()
    assert "已向州自然资源局发出督办" in planner.text_content(".messages")
    assert other.kind.name in planner.text_content("h1")
