"""Dated milestones: schedule lag, marking them reached through approved reports, pages and history."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from lantu.core import periods
from lantu.dispatch import overview as dispatch_overview
from lantu.dispatch import services as reporting
from lantu.orgs.access import actor_for
from lantu.projects import calc, milestones
from lantu.projects.calc import Milestone
from lantu.projects.models import AnnualPlan

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)
TODAY = date(2026, 10, 3)


@pytest.fixture(autouse=True)
def english(settings):
    """Read messages and pages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_schedule_lag_counts_days_since_the_earliest_unreached_overdue_milestone():
    found = calc.schedule_lag(
        [
            Milestone("开工", date(2026, 3, 1), reached=date(2026, 3, 20)),
            Milestone("主体封顶", date(2026, 8, 1)),
            Milestone("设备安装", date(2026, 6, 1)),
            Milestone("投产", date(2027, 6, 1)),
        ],
        date(2026, 7, 1),
    )
    assert found == calc.ScheduleLag("设备安装", date(2026, 6, 1), 30)


def test_no_lag_when_every_past_milestone_is_reached_or_none_is_due():
    assert calc.schedule_lag([], date(2026, 7, 1)) is None
    assert calc.schedule_lag([Milestone("投产", date(2027, 1, 1))], date(2026, 7, 1)) is None
    reached = Milestone("开工", date(2026, 3, 1), reached=date(2026, 4, 1))
    assert calc.schedule_lag([reached], date(2026, 7, 1)) is None


def test_a_milestone_reached_later_still_counts_as_overdue_on_an_earlier_day():
    late = Milestone("开工", date(2026, 3, 1), reached=date(2026, 5, 1))
    assert calc.schedule_lag([late], date(2026, 4, 1)).days == 31


def test_month_end_is_the_last_day_of_the_period():
    assert periods.month_end("2026-02") == date(2026, 2, 28) and periods.month_end("2026-12") == date(
        2026, 12, 31
    )


def _submitted(actors, world, claimed):
    report = reporting.report_save(
        actor=actors["mulei"],
        project=world.mulei_project,
        period="2026-09",
        version=None,
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("100"),
        reached_milestones=claimed,
    )
    return reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)


def test_approved_report_marks_its_milestones_reached_with_history(world, actors, open_period):
    start = milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="主体开工", planned_date=date(2026, 8, 1)
    )
    later = milestones.milestone_add(
        actor=actors["planner"], project=world.mulei_project, name="竣工", planned_date=date(2027, 8, 1)
    )
    assert milestones.schedule_lags([world.mulei_project.pk], TODAY)[world.mulei_project.pk].days == 63
    report = _submitted(actors, world, [start])
    start.refresh_from_db()
    assert start.reached_date is None
    reporting.report_approve(actor=actors["planner"], report=report, now=NOW)
    start.refresh_from_db()
    later.refresh_from_db()
    assert start.reached_date == date(2026, 9, 30) and start.reached_report == report
    assert later.reached_date is None
    record = start.history.order_by("-history_id").first()
    assert record.history_user == world.users["planner"] and "2026-09" in record.history_change_reason
    assert milestones.schedule_lags([world.mulei_project.pk], TODAY) == {}


def test_report_cannot_claim_another_projects_or_an_already_reached_milestone(world, actors, open_period):
    other = milestones.milestone_add(
        actor=actors["qitai"], project=world.qitai_project, name="开工", planned_date=date(2026, 5, 1)
    )
    with pytest.raises(ValidationError, match="not a milestone of this project"):
        _submitted(actors, world, [other])
    done = milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="开工", planned_date=date(2026, 5, 1)
    )
    done.reached_date = date(2026, 5, 2)
    done.save()
    with pytest.raises(ValidationError, match="already reached"):
        _submitted(actors, world, [done])


def test_other_county_cannot_add_or_change_a_projects_milestones(world, actors):
    with pytest.raises(PermissionDenied):
        milestones.milestone_add(
            actor=actors["qitai"], project=world.mulei_project, name="开工", planned_date=date(2026, 5, 1)
        )
    own = milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="开工", planned_date=date(2026, 5, 1)
    )
    with pytest.raises(PermissionDenied):
        milestones.milestone_update(actor=actors["qitai"], milestone=own, name="x", planned_date=TODAY)
    milestones.milestone_update(
        actor=actors["mulei"],
        milestone=own,
        name="主体开工",
        planned_date=date(2026, 6, 1),
        reason="设计调整",
    )
    own.refresh_from_db()
    assert own.name == "主体开工" and own.history.first().history_user == world.users["mulei"]


def test_project_page_shows_the_schedule_lag_and_editors_add_milestones(world, login, settings):
    client = login("mulei")
    url = reverse("projects:milestone_new", args=[world.mulei_project.pk])
    response = client.post(url, {"name": "主体开工", "planned_date": "2020-01-01"})
    assert response.status_code == 302
    page = client.get(reverse("projects:detail", args=[world.mulei_project.pk])).content.decode()
    assert "主体开工" in page and "days behind schedule" in page and 'id="milestone-form"' in page
    assert login("qitai").post(url, {"name": "x", "planned_date": "2020-01-01"}).status_code == 403


def test_overview_lists_projects_behind_their_milestones(world, actors, open_period):
    milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="主体开工", planned_date=date(2026, 8, 1)
    )
    figures = dispatch_overview.overview(actor=actors["planner"], period="2026-09", today=TODAY)
    assert figures.behind_schedule_count == 1
    project, lag = figures.behind_schedule[0]
    assert project == world.mulei_project and lag.days == (date(2026, 9, 30) - date(2026, 8, 1)).days


def test_report_form_offers_the_projects_unreached_milestones(world, login, actors, open_period):
    milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="主体开工", planned_date=date(2026, 8, 1)
    )
    page = login("mulei").get(reverse("projects:report_edit", args=[world.mulei_project.pk, "2026-09"]))
    assert "主体开工（2026-08-01）" in page.content.decode()


def test_demo_milestones_are_sample_flagged_follow_the_stage_and_load_once(world):
    from lantu.demo.dispatch import milestones_load
    from lantu.projects.models import ProjectMilestone

    for project, years in ((world.mulei_project, (2024, 2027)), (world.qitai_project, (2026, 2026))):
        project.start_year, project.end_year = years
        project.save()
    milestones_load(now=NOW)
    milestones_load(now=NOW)
    mulei = list(world.mulei_project.dated_milestones.all())
    assert len(mulei) == 3 and all(m.is_sample for m in mulei)
    assert mulei[0].reached_date is not None and mulei[2].reached_date is None
    assert ProjectMilestone.objects.filter(project=world.qitai_project).count() == 3


def test_moving_a_milestone_needs_a_reason_kept_in_the_history(world, actors):
    milestone = milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="开工", planned_date=date(2026, 5, 1)
    )
    with pytest.raises(ValidationError, match="Say why"):
        milestones.milestone_update(
            actor=actors["mulei"], milestone=milestone, name="开工", planned_date=date(2026, 9, 1)
        )
    milestones.milestone_update(
        actor=actors["mulei"],
        milestone=milestone,
        name="开工",
        planned_date=date(2026, 9, 1),
        reason="用地批复推迟",
    )
    milestone.refresh_from_db()
    assert milestone.planned_date == date(2026, 9, 1)
    assert milestone.history.first().history_change_reason == "用地批复推迟"


def test_a_reached_milestone_keeps_its_date_and_cannot_be_removed(world, actors):
    milestone = milestones.milestone_add(
        actor=actors["mulei"], project=world.mulei_project, name="开工", planned_date=date(2026, 5, 1)
    )
    milestone.reached_date = date(2026, 5, 3)
    milestone.save()
    with pytest.raises(ValidationError, match="keeps its planned date"):
        milestones.milestone_update(
            actor=actors["mulei"], milestone=milestone, name="开工", planned_date=date(2026, 6, 1), reason="x"
        )
    with pytest.raises(ValidationError, match="cannot be removed"):
        milestones.milestone_remove(actor=actors["mulei"], milestone=milestone, reason="x")
    with pytest.raises(PermissionDenied):
        milestones.milestone_remove(actor=actors["qitai"], milestone=milestone, reason="x")


def test_milestone_page_reschedules_and_removes_with_a_reason(world, login):
    milestone = milestones.milestone_add(
        actor=actor_for(world.users["mulei"]),
        project=world.mulei_project,
        name="开工",
        planned_date=date(2026, 5, 1),
    )
    client = login("mulei")
    url = reverse("projects:milestone_edit", args=[world.mulei_project.pk, milestone.pk])
    assert 'value="2026-05-01"' in client.get(url).content.decode()
    with translation.override("en"):
        refused = client.post(url, {"name": "开工", "planned_date": "2026-08-01", "reason": ""})
    assert refused.status_code == 200 and "Say why the planned date moves." in refused.content.decode()
    milestone.refresh_from_db()
    assert milestone.planned_date == date(2026, 5, 1)
    moved = client.post(url, {"name": "开工", "planned_date": "2026-08-01", "reason": "征地延后"})
    assert moved.status_code == 302
    milestone.refresh_from_db()
    assert milestone.planned_date == date(2026, 8, 1)
    client.post(
        url, {"name": "开工", "planned_date": "2026-08-01", "reason": "合并到主体开工", "remove": "1"}
    )
    assert not world.mulei_project.dated_milestones.exists()


def test_another_county_cannot_open_a_projects_milestone(world, login):
    milestone = milestones.milestone_add(
        actor=actor_for(world.users["mulei"]),
        project=world.mulei_project,
        name="开工",
        planned_date=date(2026, 5, 1),
    )
    url = reverse("projects:milestone_edit", args=[world.mulei_project.pk, milestone.pk])
    assert (
        login("qitai")
        .post(url, {"name": "x", "planned_date": "2026-05-01", "remove": "1", "reason": "x"})
        .status_code
        == 403
    )
    assert world.mulei_project.dated_milestones.exists()


def test_project_page_offers_editors_an_edit_link_per_milestone_beside_the_annual_plans(world, login):
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("1200"))
    milestone = milestones.milestone_add(
        actor=actor_for(world.users["mulei"]),
        project=world.mulei_project,
        name="开工",
        planned_date=date(2026, 5, 1),
    )
    edit = reverse("projects:milestone_edit", args=[world.mulei_project.pk, milestone.pk])
    own = login("mulei").get(reverse("projects:detail", args=[world.mulei_project.pk]))
    assert own.status_code == 200 and own.content.decode().count(edit) == 1
    other = login("qitai").get(reverse("projects:detail", args=[world.mulei_project.pk]))
    assert other.status_code == 200 and edit not in other.content.decode()


def test_behind_schedule_ranks_by_the_earliest_overdue_milestone_and_counts_each_project_once(world):
    from lantu.projects.models import Project, ProjectMilestone

    on = date(2026, 9, 30)
    late = {
        world.mulei_project: [date(2026, 8, 1), date(2026, 3, 1)],
        world.qitai_project: [date(2026, 5, 1)],
    }
    for project, days in late.items():
        for day in days:
            ProjectMilestone.objects.create(project=project, name="节点", planned_date=day)
    ProjectMilestone.objects.create(  # reached, but only after the day: overdue on it
        project=world.qitai_project,
        name="竣工",
        planned_date=date(2026, 2, 1),
        reached_date=date(2026, 10, 9),
    )
    ProjectMilestone.objects.create(  # reached in time, and one planned after the day: neither counts
        project=world.qitai_project, name="开工", planned_date=date(2026, 1, 1), reached_date=date(2026, 1, 5)
    )
    ProjectMilestone.objects.create(project=world.mulei_project, name="投产", planned_date=date(2026, 12, 1))
    ranked, count = milestones.behind_schedule(on, None)
    assert count == 2  # three overdue milestones of one project and two of the other
    assert [project for project, _lag in ranked] == [world.qitai_project, world.mulei_project]
    assert [lag.days for _project, lag in ranked] == [
        (on - date(2026, 2, 1)).days,
        (on - date(2026, 3, 1)).days,
    ]
    only_mulei = Project.objects.filter(county=world.mulei_project.county).values("pk")
    ranked, count = milestones.behind_schedule(on, only_mulei)
    assert count == 1 and [project for project, _lag in ranked] == [world.mulei_project]
    ranked, count = milestones.behind_schedule(on, None, limit=1)
    assert count == 2 and len(ranked) == 1
