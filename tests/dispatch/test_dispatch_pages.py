"""Dispatch pages and figures: visibility of drafts, reminders, completion, timeliness, rankings."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from lantu.dispatch import overview as dispatch_overview
from lantu.dispatch import selectors as dispatch_selectors
from lantu.dispatch.models import ProgressReport
from lantu.projects.models import Project


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _report(project, state="approved", cumulative="600", submitted=None, period="2026-09"):
    return ProgressReport.objects.create(
        project=project,
        period=period,
        completed_investment=Decimal("50"),
        cumulative_investment=Decimal(cumulative),
        state=state,
        submitted_at=submitted,
    )


def test_county_reporter_cannot_see_another_countys_draft(world, login, open_period):
    draft = _report(world.qitai_project, state="draft")
    assert login("mulei").get(f"/projects/reports/{draft.pk}/").status_code == 404
    assert login("qitai").get(f"/projects/reports/{draft.pk}/").status_code == 200
    assert login("planner").get(f"/projects/reports/{draft.pk}/").status_code == 200


def test_reporter_sees_no_approve_button_on_its_own_submitted_report(world, login, open_period):
    report = _report(world.mulei_project, state="submitted")
    page = login("mulei").get(f"/projects/reports/{report.pk}/").content.decode()
    assert 'id="report-approve"' not in page
    assert login("mulei").post(f"/projects/reports/{report.pk}/approve/").status_code == 403
    assert 'id="report-approve"' in login("planner").get(f"/projects/reports/{report.pk}/").content.decode()


def test_planner_approves_through_the_page(world, login, open_period):
    report = _report(world.mulei_project, state="submitted")
    login("planner").post(f"/projects/reports/{report.pk}/approve/")
    report.refresh_from_db()
    assert report.state == "approved"


def test_stale_form_save_shows_the_refusal_and_keeps_the_other_version(world, login, open_period):
    client = login("mulei")
    data = {"completed_investment": "10", "cumulative_investment": "500", "version": "0"}
    client.post("/projects/1/report/2026-09/".replace("1", str(world.mulei_project.pk), 1), data)
    report = ProgressReport.objects.get(project=world.mulei_project)
    url = f"/projects/{world.mulei_project.pk}/report/2026-09/"
    client.post(url, {**data, "cumulative_investment": "510", "version": str(report.version)})
    response = client.post(url, {**data, "cumulative_investment": "520", "version": str(report.version)})
    assert "Someone else saved this report" in response.content.decode()
    report.refresh_from_db()
    assert report.cumulative_investment == Decimal("510")


def test_reminders_list_due_and_overdue_reports_per_unit(world, actors, open_period):
    _report(world.qitai_project, state="submitted")
    before = dispatch_selectors.reminders(actor=actors["planner"], today=date(2026, 10, 3))
    assert [(r.project.code, r.overdue) for r in before] == [("P-ML-1", False)]
    after = dispatch_selectors.reminders(actor=actors["planner"], today=date(2026, 10, 6))
    assert [(r.project.code, r.overdue) for r in after] == [("P-ML-1", True)]
    assert (
        dispatch_selectors.reminders(
            actor=actors["qitai"], today=date(2026, 10, 6), unit_ids=frozenset({world.qitai_county.pk})
        )
        == []
    )


def test_the_missing_reports_page_a_page_at_a_time_in_the_order_of_the_whole_list(
    world, actors, login, open_period, monkeypatch
):
    from lantu.dispatch.models import ReportingPeriod

    ReportingPeriod.objects.create(plan=world.plan, period="2026-10", deadline=date(2026, 11, 5))
    for n in range(2, 5):
        Project.objects.create(
            plan=world.plan,
            code=f"P-ML-{n}",
            name=f"木垒项目{n}",
            county=world.mulei_county,
            lead_unit=world.mulei_county,
            stage="continuing",
        )
    _report(world.qitai_project, state="submitted")  # September: done; October: still owed
    planner, today = actors["planner"], date(2026, 10, 6)
    whole = [(r.period, r.project.code) for r in dispatch_selectors.reminders(actor=planner, today=today)]
    assert len(whole) == 4 + 5 and whole[0] == ("2026-09", "P-ML-1") and whole[-1][0] == "2026-10"
    missing = dispatch_selectors.MissingReports.of(actor=planner, today=today)
    assert len(missing) == len(whole)
    for start in range(len(whole) + 1):  # every offset, across the month boundary too
        assert [(r.period, r.project.code) for r in missing[start : start + 3]] == whole[start : start + 3]

    monkeypatch.setattr("lantu.dispatch.views.REMINDER_PAGE_ROWS", 4)
    client, shown = login("planner"), []
    for page in (1, 2, 3):
        html = client.get(f"/projects/dispatch/reminders/?page={page}").content.decode()
        shown += re.findall(r'<span class="code">([^<]+)</span>', html)
        assert ("page 3 of 3" if page == 3 else 'rel="next"') in html
    assert shown == [code for _period, code in whole]


def test_unit_page_shows_its_overdue_reports(world, login, open_period, settings):
    page = login("mulei").get("/projects/dispatch/unit/").content.decode()
    assert "P-ML-1" in page and "reminder-table" in page


def test_reminders_read_only_the_lead_units_that_hold_the_rows_and_list_what_the_whole_order_lists(
    world, actors, open_period
):
    """The kept counts per lead unit choose which units' projects a page reads; every slice, across units
    of equal order (whose projects interleave by code) and across the month boundary, is the slice of the
    missing projects of all units in order."""
    from lantu.dispatch.models import ReportingPeriod
    from lantu.orgs.models import OrgUnit

    ReportingPeriod.objects.create(plan=world.plan, period="2026-10", deadline=date(2026, 11, 5))
    OrgUnit.objects.filter(pk=world.drc.pk).update(order=5)
    OrgUnit.objects.filter(pk=world.industry_bureau.pk).update(
        order=5
    )  # same order as the DRC: codes interleave
    OrgUnit.objects.filter(pk=world.mulei_county.pk).update(order=1)
    OrgUnit.objects.filter(pk=world.qitai_county.pk).update(order=9)
    leads = [
        world.drc,
        world.industry_bureau,
        world.drc,
        world.mulei_county,
        world.industry_bureau,
        world.qitai_county,
    ]
    for n, lead in enumerate(leads):
        Project.objects.create(
            plan=world.plan,
            code=f"P-X-{n}",
            name=f"项目{n}",
            county=world.qitai_county if n % 2 else world.mulei_county,
            lead_unit=lead,
            stage="continuing",
        )
    _report(Project.objects.get(code="P-X-2"), state="submitted")  # done in September only
    _report(Project.objects.get(code="P-X-4"), state="approved", period="2026-10")  # done in October only
    planner, today = actors["planner"], date(2026, 10, 6)
    whole = []
    for period in dispatch_selectors.open_periods():
        every = dispatch_selectors._missing(period, None).order_by("lead_unit__order", "code")
        whole += [(period.period, code) for code in every.values_list("code", flat=True)]
    assert ("2026-09", "P-X-2") not in whole and ("2026-10", "P-X-4") not in whole
    assert [code for period, code in whole if period == "2026-09"][:3] == ["P-ML-1", "P-X-3", "P-X-0"]
    for start in range(len(whole) + 1):
        for limit in (1, 2, 3, 5, len(whole)):
            listed = dispatch_selectors.reminders(actor=planner, today=today, limit=limit, offset=start)
            assert [(r.period, r.project.code) for r in listed] == whole[start : start + limit], (
                start,
                limit,
            )


def test_reminder_counts_say_how_many_reports_each_scope_still_owes(world, actors, open_period):
    _report(world.qitai_project, state="draft")
    planner, mulei = actors["planner"], frozenset({world.mulei_county.pk})
    assert dispatch_selectors.reminder_counts(actor=planner, today=date(2026, 10, 3)) == (2, 0)
    assert dispatch_selectors.reminder_counts(actor=planner, today=date(2026, 10, 6)) == (0, 2)
    assert dispatch_selectors.reminder_counts(actor=planner, today=date(2026, 10, 6), unit_ids=mulei) == (
        0,
        1,
    )


def test_unit_page_lists_the_first_reminders_and_counts_them_all(world, login, open_period, monkeypatch):
    monkeypatch.setattr("lantu.dispatch.views.UNIT_REMINDER_ROWS", 1)
    Project.objects.create(
        plan=world.plan,
        code="P-ML-2",
        name="木垒第二个项目",
        county=world.mulei_county,
        lead_unit=world.mulei_county,
        stage="continuing",
        total_investment=Decimal("100"),
    )
    with translation.override("en"):
        page = login("mulei").get("/projects/dispatch/unit/").content.decode()
    assert page.count('<tr class="') == 1
    # The deadline (2026-10-05) has passed: both are overdue.
    assert "2 overdue, 0 due." in page and "The first 1 are listed" in page


def test_overview_completion_against_time_rankings_and_timeliness(world, actors, open_period):
    on_time = datetime(2026, 10, 4, 8, tzinfo=UTC)
    late = datetime(2026, 10, 9, 8, tzinfo=UTC)
    _report(world.mulei_project, cumulative="900", submitted=on_time)  # plan 1200: 75 % at 75 % of the year
    _report(world.qitai_project, cumulative="150", submitted=late)  # plan 600: 25 %
    figures = dispatch_overview.overview(actor=actors["leader"], period="2026-09", today=date(2026, 10, 20))
    assert figures.total.completion.rate == Decimal("58.3")
    assert [g.label for g in figures.counties] == ["木垒县", "奇台县"]
    assert figures.counties[0].completion.status == "on_track"
    assert [row.code for row in figures.lagging] == ["P-QT-1"]
    rates = {unit.code: rate for unit, _due, _on_time, rate in figures.timeliness}
    assert rates == {"mulei": Decimal("100.0"), "qitai": Decimal("0.0")}


def test_dispatch_pages_render_for_every_role(world, login, open_period):
    _report(world.mulei_project, state="submitted")
    for user in ("planner", "mulei", "leader", "industry"):
        client = login(user)
        for url in (
            "/projects/dispatch/?period=2026-09",
            "/projects/dispatch/reminders/",
            "/projects/dispatch/review/",
            "/projects/dispatch/periods/",
            "/projects/problems/",
            "/projects/dispatch/unit/",
        ):
            assert client.get(url).status_code == 200, (user, url)


def test_dashboard_shows_the_dispatch_summary(world, login, open_period):
    _report(world.mulei_project, cumulative="900")
    page = login("leader").get("/").content.decode()
    assert 'id="dispatch-summary"' in page and "50.0%" in page


def test_overview_falls_back_to_the_latest_approved_month_and_skips_unreported_projects(
    world, actors, open_period
):
    _report(world.mulei_project, cumulative="700", period="2026-08")
    _report(world.mulei_project, state="draft", cumulative="900")
    figures = dispatch_overview.overview(actor=actors["leader"], period="2026-09", today=date(2026, 10, 20))
    assert figures.counties[0].completed == Decimal("700")
    assert figures.reported == 0 and figures.unreported == 1  # 奇台 has no approved report this year
    assert [row.code for row in figures.lagging] == ["P-ML-1"]


def test_overview_can_be_limited_to_one_plans_projects(world, actors, open_period):
    from lantu.plans.models import Plan

    other = Plan.objects.create(
        code="county-plan",
        name="木垒县规划",
        kind="local",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=world.mulei_county,
    )
    world.qitai_project.plan = other
    world.qitai_project.save()
    _report(world.mulei_project, cumulative="900", submitted=datetime(2026, 10, 4, 8, tzinfo=UTC))
    _report(world.qitai_project, cumulative="150", submitted=datetime(2026, 10, 4, 8, tzinfo=UTC))
    kwargs = {"actor": actors["leader"], "period": "2026-09", "today": date(2026, 10, 20)}
    both = dispatch_overview.overview(**kwargs)
    only_master = dispatch_overview.overview(**kwargs, plan_id=world.plan.pk)
    assert [g.label for g in both.counties] == ["木垒县", "奇台县"]
    assert [g.label for g in only_master.counties] == ["木垒县"]
    assert only_master.total.completion.rate == Decimal("75.0")
