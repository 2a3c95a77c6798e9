"""The project page: facts, annual plans, visible progress reports, plan items, edit link."""

from decimal import Decimal

from django.urls import reverse

from lantu.dispatch.models import ProgressReport
from lantu.projects.models import AnnualPlan


def detail(world, project=None):
    return reverse("projects:detail", args=[(project or world.mulei_project).pk])


def _report(project, period, state, ytd="100"):
    return ProgressReport.objects.create(
        project=project,
        period=period,
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal(ytd),
        physical_progress=Decimal("12.5"),
        state=state,
    )


def test_anonymous_user_is_sent_to_login(client, world):
    assert client.get(detail(world)).status_code == 302


def test_page_shows_facts_annual_plan_and_linked_items(login, world):
    world.mulei_project.items.add(world.task)
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("50000"))
    _report(world.mulei_project, "2026-06", "approved", ytd="20000")
    response = login("leader").get(detail(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "木垒县新能源项目" in html and "P-ML-1" in html
    assert "770,000" in html
    assert "50,000" in html and "20,000" in html and "40%" in html
    assert reverse("plans:item", args=["fyp15", world.task.pk]) in html


def test_reporter_of_another_county_sees_only_approved_reports(login, world):
    _report(world.mulei_project, "2026-05", "approved")
    _report(world.mulei_project, "2026-06", "draft")
    periods = [report.period for report in login("qitai").get(detail(world)).context["reports"]]
    assert periods == ["2026-05"]


def test_reporter_of_the_project_county_also_sees_its_drafts(login, world):
    _report(world.mulei_project, "2026-05", "approved")
    _report(world.mulei_project, "2026-06", "draft")
    periods = [report.period for report in login("mulei").get(detail(world)).context["reports"]]
    assert periods == ["2026-06", "2026-05"]


def test_planner_and_leader_see_drafts(login, world):
    _report(world.mulei_project, "2026-06", "submitted")
    assert len(login("planner").get(detail(world)).context["reports"]) == 1
    assert len(login("leader").get(detail(world)).context["reports"]) == 1


def test_edit_link_is_shown_only_to_those_who_may_edit(login, world):
    edit = reverse("projects:edit", args=[world.mulei_project.pk])
    assert edit in login("mulei").get(detail(world)).content.decode()
    assert edit in login("planner").get(detail(world)).content.decode()
    assert edit not in login("qitai").get(detail(world)).content.decode()
    assert edit not in login("leader").get(detail(world)).content.decode()


def test_unknown_project_is_not_found(login, world):
    assert login("planner").get(reverse("projects:detail", args=[999999])).status_code == 404


def test_annual_plan_row_keeps_the_approved_figure_beside_a_later_draft(login, world):
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("50000"))
    _report(world.mulei_project, "2026-06", "approved", ytd="20000")
    _report(world.mulei_project, "2026-07", "draft", ytd="45000")
    [row] = login("planner").get(detail(world)).context["annual_rows"]
    assert (row.completed, row.report.period) == (Decimal("20000"), "2026-06")
