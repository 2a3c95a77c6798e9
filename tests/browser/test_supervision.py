"""A supervision order in the browser: the office issues it on a project, 木垒 answers with evidence,
the office closes it (销号)."""

from datetime import timedelta

from django.utils import timezone

from lantu.projects.models import Project

TITLE = "督办木垒县牛羊肉精深加工项目前期工作"


def test_planner_issues_mulei_answers_and_the_planner_closes(page_as, live_server):
    project = Project.objects.get(code="ML-103")
    planner = page_as("planner")
    planner.goto(f"{live_server.url}/projects/{project.pk}/")
    planner.click("#supervise-button")
    assert "木垒" in planner.text_content("#id_unit option:checked")
    planner.fill("#id_title", TITLE)
    planner.fill("#id_requirement", "报送前期手续办理清单和时间表")
    planner.fill("#id_deadline", (timezone.localdate() + timedelta(days=7)).isoformat())
    planner.click("#issue-submit")
    assert "督办已下发" in planner.text_content(".messages")
    order_url = planner.url

    mulei = page_as("mulei")
    mulei.click(f"#work-orders a:has-text('{TITLE}')")
    mulei.fill("#id_text", "已完成用地预审和环评公示，时间表见附件")
    mulei.set_input_files(
        "#id_evidence",
        files=[{"name": "时间表.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 schedule"}],
    )
    mulei.click("#respond-submit")
    assert "反馈已提交" in mulei.text_content(".messages")
    assert "已反馈" in mulei.text_content("#order-state")

    planner.goto(order_url)
    assert "时间表.pdf" in planner.text_content("#order-timeline")
    planner.fill("#id_text", "材料齐全，同意销号")
    planner.click("#order-close")
    assert "已销号" in planner.text_content("#order-state")
    assert "按期" in planner.text_content("#order-closed")
    planner.wait_for_load_state("domcontentloaded")  # the timeline, further down, is parsed whole
    kinds = planner.locator("#order-timeline li").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert kinds == ["issue", "respond", "close"]
