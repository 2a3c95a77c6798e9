"""Kept figures: after every write of a report they equal a rebuild from the reports."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lantu.core import periods
from lantu.dispatch import figures, kept
from lantu.dispatch import selectors as dispatch_selectors
from lantu.dispatch import services as reporting
from lantu.dispatch.models import (
    GroupMonth,
    InvestmentMonth,
    ProgressReport,
    ProjectMonth,
    ProjectTally,
    ReportingPeriod,
)
from lantu.lib.errors import StaleEdit
from lantu.projects.models import AnnualPlan, Stage

NOW = datetime(2027, 2, 10, 9, 0, tzinfo=UTC)
MONTHS = ("2026-01", "2026-02", "2026-03", "2027-01")
ACTIONS = ("save", "save", "submit", "approve", "approve", "return", "revise", "stage", "deadline", "annual")


def _kept() -> list[tuple]:
    return sorted(
        ProjectMonth.objects.values_list(
            "project_id",
            "period",
            "completed",
            "rests_on",
            "planned",
            "rate",
            "state",
            "done",
            "first_submitted_at",
        )
    )


def _groups() -> list[tuple]:
    return sorted(
        GroupMonth.objects.values_list(
            "plan_id", "period", "lead_unit_id", "county_id", "projects", "on_time", "done"
        )
    )


def _sums() -> list[tuple]:
    return sorted(
        InvestmentMonth.objects.values_list(
            "period",
            "plan_id",
            "county_id",
            "lead_unit_id",
            "cluster_id",
            "park_id",
            "planned",
            "completed",
            "projects",
            "reported",
            "unreported",
            "behind",
        ),
        key=str,
    )


def _tallies() -> list[tuple]:
    return sorted(
        ProjectTally.objects.values_list(
            "county_id",
            "lead_unit_id",
            "park_id",
            "stage",
            "projects",
            "investment",
            "without_investment",
            "sample_investment",
        ),
        key=str,
    )


def _assert_kept_equals_a_rebuild() -> None:
    before, groups, sums, tallies = _kept(), _groups(), _sums(), _tallies()
    kept.rebuild()
    assert _kept() == before
    assert _groups() == groups
    assert _sums() == sums
    assert _tallies() == tallies
    _assert_owed_equals_a_count()


def _assert_owed_equals_a_count() -> None:
    """The reports owed per lead unit, read from the kept groups, are the projects counted one by one."""
    for period in ReportingPeriod.objects.all():
        counted = dict(
            dispatch_selectors._missing(period, None)
            .order_by()
            .values_list("lead_unit_id")
            .annotate(n=Count("pk"))
        )
        with transaction.atomic():  # the same figures whether the period is open or not
            ReportingPeriod.objects.filter(pk=period.pk).update(is_open=True)
            assert dispatch_selectors.owed_by_unit(period) == counted
            transaction.set_rollback(True)


def _expected_ytd(project_id: int, period: str) -> tuple[str, Decimal | None]:
    """Return the report in force the figures rest on, read straight from the reports (the old way)."""
    year = periods.parse_month(period)[0]
    found = (
        figures.reports_in_force()
        .filter(project_id=project_id, period__gte=f"{year}-01", period__lte=period)
        .order_by("-period")
        .values_list("period", "cumulative_investment")
        .first()
    )
    return found if found is not None else ("", None)


def _step(world, actors, action: str, which: int, period: str, amount: int, typed: bool) -> None:
    project = (world.mulei_project, world.qitai_project)[which]
    reporter, planner = actors[("mulei", "qitai")[which]], actors["planner"]
    current = reporting.current_report(project, period)
    values: dict = {"completed_investment": Decimal(amount)}
    if typed:  # a year to date that need not add up, with its reason
        values |= {"cumulative_investment": Decimal(amount * 3), "correction_reason": "与台账核对后更正"}
    if action == "stage":  # the project stops or starts reporting, moves to another lead unit or cluster
        project.refresh_from_db()
        if amount % 3 == 1:
            project.stage = Stage.RESERVE if project.stage != Stage.RESERVE else Stage.CONTINUING
        elif amount % 3 == 2:
            project.cluster = None if project.cluster_id else world.cluster
            project.total_investment = None if project.total_investment else Decimal(amount * 10)
        else:
            county = project.county
            project.lead_unit = world.industry_bureau if project.lead_unit_id == county.pk else county
        project.save()
        return
    if action == "annual":  # the office sets, changes or drops the project's annual plan
        year = int(period[:4])
        if amount % 5 == 0:
            AnnualPlan.objects.filter(project=project, year=year).delete()
        else:
            AnnualPlan.objects.update_or_create(
                project=project, year=year, defaults={"planned_investment": Decimal(amount * 4)}
            )
        return
    if action == "deadline":  # the office opens the month, or moves its deadline
        deadline = date(int(period[:4]), int(period[5:]), 1) + timedelta(days=10 + amount % 40)
        reporting.period_open(actor=planner, plan=project.plan, period=period, deadline=deadline)
        return
    if action == "save":
        version = None if current is None else current.version
        reporting.report_save(actor=reporter, project=project, period=period, version=version, **values)
    elif current is None:
        return
    elif action == "submit":
        reporting.report_submit(actor=reporter, report=current, now=NOW)
    elif action == "approve":
        reporting.report_approve(actor=planner, report=current, now=NOW)
    elif action == "return":
        reporting.report_return(actor=planner, report=current, reason="数据与台账不符", now=NOW)
    else:
        reporting.report_revise(actor=reporter, report=current)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(ACTIONS),
            st.integers(0, 1),
            st.sampled_from(MONTHS),
            st.integers(0, 500),
            st.booleans(),
        ),
        max_size=25,
    )
)
@pytest.mark.django_db
def test_kept_figures_equal_a_rebuild_after_any_sequence_of_report_writes(world, actors, steps):
    with transaction.atomic():
        for action, which, period, amount, typed in steps:
            try:
                _step(world, actors, action, which, period, amount, typed)
            except (ValidationError, PermissionDenied, StaleEdit):
                event(f"{action} refused")  # a refused step changes nothing; the figures must still agree
            else:
                event(f"{action} done")
            _assert_kept_equals_a_rebuild()
            for project in (world.mulei_project, world.qitai_project):
                for month in MONTHS:
                    row = ProjectMonth.objects.filter(project=project, period=month).first()
                    found = (row.rests_on, row.completed) if row is not None else ("", None)
                    assert found == _expected_ytd(project.pk, month)
        transaction.set_rollback(True)


def test_a_correction_counts_once_approved_and_a_returned_one_changes_nothing(world, actors):
    for year in (2026, 2027):
        AnnualPlan.objects.create(project=world.mulei_project, year=year, planned_investment=Decimal("1000"))
    reporter, planner = actors["mulei"], actors["planner"]

    def save(version, amount):  # typed: February has no earlier report to add it to
        return reporting.report_save(
            actor=reporter,
            project=world.mulei_project,
            period="2026-02",
            version=version,
            completed_investment=Decimal(amount),
            cumulative_investment=Decimal(amount),
        )

    report = save(None, 100)
    reporting.report_submit(actor=reporter, report=report, now=NOW)
    reporting.report_approve(actor=planner, report=report, now=NOW)
    assert figures.investment_ytd(period="2026-03").total.completed == Decimal("100")  # carried forward
    correction = save(reporting.report_revise(actor=reporter, report=report).version, 250)
    reporting.report_submit(actor=reporter, report=correction, now=NOW)
    reporting.report_return(actor=planner, report=correction, reason="附件缺失", now=NOW)
    assert figures.investment_ytd(period="2026-02").total.completed == Decimal("100")
    correction = save(correction.version, 250)
    reporting.report_submit(actor=reporter, report=correction, now=NOW)
    reporting.report_approve(actor=planner, report=correction, now=NOW)
    ytd = figures.investment_ytd(period="2026-12", with_projects=True)
    assert ytd.total.completed == Decimal("250") and ytd.projects[0].last_period == "2026-02"
    next_year = figures.investment_ytd(period="2027-01")
    assert next_year.total.completed == 0 and next_year.unreported == 1  # a new year starts empty


def _approved_may_report(world) -> ProgressReport:
    """Write an approved May report of the Mulei project straight to the table (as the admin would)."""
    return ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-05",
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("40"),
        state=ProgressReport.State.APPROVED,
    )


def test_deleting_a_report_takes_it_out_of_the_kept_figures(world):
    report = _approved_may_report(world)
    assert ProjectMonth.objects.get(project=world.mulei_project, period="2026-12").completed == Decimal("40")
    report.delete()
    assert not ProjectMonth.objects.filter(project=world.mulei_project).exists()


def test_a_report_moved_to_another_month_or_project_leaves_its_old_month(world):
    report = _approved_may_report(world)
    report.period = "2026-06"  # as an administrator's correction in the admin would
    report.save()
    _assert_kept_equals_a_rebuild()
    report.project = world.qitai_project
    report.save()
    _assert_kept_equals_a_rebuild()
    assert not ProjectMonth.objects.filter(project=world.mulei_project).exists()


def test_rebuild_command_restores_figures_written_past_the_refresh(world):
    ReportingPeriod.objects.create(plan=world.plan, period="2026-05", deadline=date(2026, 6, 5))
    ProgressReport.objects.bulk_create(  # bulk writes skip save() and its refresh
        [
            ProgressReport(
                project=project,
                period="2026-05",
                completed_investment=Decimal("5"),
                cumulative_investment=Decimal("5"),
                state=ProgressReport.State.SUBMITTED,
                submitted_at=datetime(2026, 6, 1, tzinfo=UTC),
            )
            for project in (world.mulei_project, world.qitai_project)
        ]
    )
    assert not ProjectMonth.objects.exists()
    call_command("rebuild_figures")
    assert sorted(ProjectMonth.objects.values_list("period", "done", "state")) == [
        ("2026-05", True, "submitted"),
        ("2026-05", True, "submitted"),
    ]


def test_kept_sums_counted_with_other_thresholds_give_way_to_a_count(world, settings):
    """After the office moves its thresholds the kept "behind" counts are stale: the pages count instead."""
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("1000"))
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-06",
        completed_investment=Decimal("450"),
        cumulative_investment=Decimal("450"),
        state=ProgressReport.State.APPROVED,
    )
    assert figures.investment_ytd(period="2026-06").figures.behind == 1  # 45 % of the plan at half time
    assert InvestmentMonth.objects.filter(period="2026-06").get().behind == 1
    settings.LANTU_STATUS_ON_TRACK, settings.LANTU_STATUS_LAGGING = 0.8, 0.5
    assert figures.investment_ytd(period="2026-06").figures.behind == 0  # 90 % of time's pace is on track
    by_county = figures.ytd_groups(period="2026-06", by=("county_id",))
    assert {key: group.behind for key, group in by_county.items()} == {(world.mulei_project.county_id,): 0}
    kept.rebuild()
    assert InvestmentMonth.objects.filter(period="2026-06").get().behind == 0


@pytest.mark.django_db(transaction=True)  # the foreign keys are checked at commit
def test_deleting_a_project_takes_it_out_of_the_kept_months_and_sums(world):
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("1000"))
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-05",
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("40"),
        state=ProgressReport.State.APPROVED,
    )
    county = world.mulei_project.county
    assert InvestmentMonth.objects.filter(county=county, period="2026-05").get().completed == Decimal("40")
    assert ProjectTally.objects.filter(county=county).get().projects == 1
    with transaction.atomic():  # its annual plans, reports and kept months go with it
        world.mulei_project.delete()
    assert not ProjectMonth.objects.filter(project_id=world.mulei_project.pk).exists()
    assert not InvestmentMonth.objects.filter(county=county).exists()
    assert not ProjectTally.objects.filter(county=county).exists()


def test_the_project_lists_totals_from_the_kept_counts_equal_a_count_of_the_projects(world, actors):
    """Unfiltered, or filtered by county (a park's too) and stage, the list's totals are added up from the
    kept counts; they equal the projects counted one by one after edits that move a project between
    counts, drop its investment or mark it as sample data, for every reader's realm."""
    from lantu.orgs.models import OrgUnit
    from lantu.projects.models import Project
    from lantu.projects.selectors import ProjectFilter, project_list, project_totals

    park = OrgUnit.objects.create(code="park", name="园区", kind="park", parent=world.mulei_county)
    extra = [
        Project.objects.create(
            plan=world.plan,
            code=f"P-T-{n}",
            name=f"项目{n}",
            county=world.qitai_county,
            park=park if n % 2 else None,
            lead_unit=world.drc,
            stage=Stage.NEW if n % 3 else Stage.CONTINUING,
            total_investment=None if n == 4 else Decimal(100 * n),
            is_sample=n == 2,
            sample_fields=["total_investment"] if n == 3 else [],
        )
        for n in range(1, 6)
    ]
    extra[0].total_investment = None  # leaves the sum, joins those without a figure
    extra[0].save()
    extra[4].sample_fields = ["total_investment"]
    extra[4].save()
    extra[1].stage = Stage.CONTINUING
    extra[1].is_sample = False
    extra[1].save()
    filters = [
        ProjectFilter(),
        ProjectFilter(county=world.qitai_county),
        ProjectFilter(county=park),
        ProjectFilter(stage=Stage.NEW),
        ProjectFilter(county=world.mulei_county, stage=Stage.CONTINUING),
    ]
    seen = set()
    for name in ("planner", "mulei", "qitai"):
        for chosen in filters:
            projects = project_list(actor=actors[name], filters=chosen)
            kept_totals = figures.listed_totals(actors[name], chosen, projects)
            assert kept_totals == project_totals(projects), (name, chosen)
            seen.add((kept_totals.without_investment > 0, kept_totals.sample_investment > 0))
    assert (True, True) in seen  # the figures compared are not all zero
    projects = project_list(actor=actors["planner"], filters=ProjectFilter(q="P-T"))
    assert figures.listed_totals(actors["planner"], ProjectFilter(q="P-T"), projects).count == 5  # counted


def test_the_project_list_shows_the_kept_totals_and_pages_on_them(world, login):
    from lantu.projects.models import Project

    for n in range(60):
        Project.objects.create(
            plan=world.plan, code=f"P-L-{n:02d}", name=f"项目{n}", county=world.qitai_county,
            lead_unit=world.qitai_county, stage=Stage.NEW, total_investment=Decimal(1),
        )  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("planner")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/projects/?page=2").content.decode()
    assert "<strong>62</strong>" in page and "P-L-59" in page  # 60 + the world's two, 50 a page
    assert "第2页，共2页" in page
    counted = [q["sql"] for q in queries if "COUNT(" in q["sql"] and '"projects_project"' in q["sql"]]
    assert counted == []  # neither the totals nor the pager counted the projects one by one
    searched = client.get("/projects/?q=P-L-5").content.decode()  # a search counts what it found
    assert "<strong>10</strong>" in searched
