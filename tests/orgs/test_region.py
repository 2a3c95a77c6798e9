"""Several prefectures in one install: each reads its own plans, projects and reports; a region all."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from lantu.dispatch.models import ProgressReport
from lantu.dispatch.selectors import visible_reports
from lantu.orgs.access import actor_for
from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.plans.models import Plan
from lantu.plans.selectors import plan_list
from lantu.projects.models import Project
from lantu.projects.selectors import project_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(world):
    """Put the world's prefecture under a region beside a second prefecture with a plan and a project."""
    region = OrgUnit.objects.create(code="xj", name="新疆维吾尔自治区", kind=OrgUnit.Kind.REGION)
    OrgUnit.objects.filter(pk=world.prefecture.pk).update(parent=region)
    office = OrgUnit.objects.create(
        code="xj-drc", name="自治区发展和改革委员会", kind="department", parent=region
    )
    hami = OrgUnit.objects.create(code="hami", name="哈密市", kind=OrgUnit.Kind.PREFECTURE, parent=region)
    yiwu = OrgUnit.objects.create(code="yiwu", name="伊吾县", kind="county", parent=hami)
    plan = Plan.objects.create(
        code="hami-fyp15",
        name="哈密市十五五规划",
        kind="master",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=hami,
    )
    project = Project.objects.create(
        plan=plan,
        code="P-HM-1",
        name="伊吾县风电项目",
        county=yiwu,
        lead_unit=yiwu,
        stage="new",
        total_investment=Decimal(5000),
    )
    ProgressReport.objects.create(
        project=project,
        period="2026-09",
        completed_investment=Decimal(10),
        cumulative_investment=Decimal(10),
        state="approved",
    )
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-09",
        completed_investment=Decimal(10),
        cumulative_investment=Decimal(10),
        state="approved",
    )
    regional = User.objects.create_user("xj-planner")
    Membership.objects.create(user=regional, unit=office, role=Role.PLANNER)
    hami_planner = User.objects.create_user("hami-planner")
    Membership.objects.create(user=hami_planner, unit=hami, role=Role.PLANNER)
    return {"regional": regional, "hami_planner": hami_planner, "project": project, "plan": plan}


def test_a_prefectures_planner_reads_only_its_own_plans_projects_and_reports(world, region):
    planner = actor_for(world.users["planner"])
    assert [plan.code for plan in plan_list(actor=planner)] == ["fyp15"]
    assert set(project_list(actor=planner).values_list("code", flat=True)) == {"P-ML-1", "P-QT-1"}
    assert set(visible_reports(planner).values_list("project__code", flat=True)) == {"P-ML-1"}
    hami = actor_for(region["hami_planner"])
    assert [plan.code for plan in plan_list(actor=hami)] == ["hami-fyp15"]
    assert list(project_list(actor=hami).values_list("code", flat=True)) == ["P-HM-1"]


def test_a_regional_planner_reads_every_prefecture(world, region):
    regional = actor_for(region["regional"])
    assert {plan.code for plan in plan_list(actor=regional)} == {"fyp15", "hami-fyp15"}
    assert regional.realm is None and regional.region_id is not None  # the region is the only root
    assert project_list(actor=regional).count() == 3
    assert visible_reports(regional).count() == 2
    # The planner of the region covers every prefecture's units, as a prefecture's covers its counties.
    assert regional.covers(world.mulei_county.pk) and regional.covers(region["project"].county_id)


def test_a_reporter_and_a_leader_read_within_their_prefecture(world, region):
    for name in ("mulei", "leader"):
        actor = actor_for(world.users[name])
        assert "P-HM-1" not in set(project_list(actor=actor).values_list("code", flat=True)), name


def test_another_prefectures_project_is_not_found_on_its_page_or_in_the_api(client, world, region):
    client.force_login(world.users["planner"])
    project = region["project"]
    assert client.get(f"/projects/{project.pk}/").status_code == 404
    assert client.get(f"/api/v1/projects/{project.pk}").status_code == 404
    codes = {row["code"] for row in client.get("/api/v1/projects").json()["items"]}
    assert codes == {"P-ML-1", "P-QT-1"}
    assert client.get(f"/plans/{region['plan'].code}/").status_code == 404
    client.force_login(region["regional"])
    assert client.get(f"/api/v1/projects/{project.pk}").status_code == 200


def test_without_a_region_every_unit_reads_the_whole_install(world):
    # A single prefecture (the tree's only root) reads everything, as before: nothing is filtered.
    for name in ("planner", "mulei", "leader", "admin"):
        assert actor_for(world.users[name]).realm is None
    assert project_list(actor=actor_for(world.users["mulei"])).count() == 2


def test_a_prefectures_planner_reads_only_its_own_problems_and_supervision_orders(world, region):
    from datetime import date

    from django.utils import timezone

    from lantu.problems.models import Problem
    from lantu.problems.selectors import asked_units, problem_list
    from lantu.supervision.models import SupervisionOrder
    from lantu.supervision.selectors import visible_orders

    yiwu = region["project"].county
    for project, unit in ((region["project"], yiwu), (world.mulei_project, world.mulei_county)):
        Problem.objects.create(
            project=project,
            title=f"{unit.code} 用地",
            factor="land",
            unit=unit,
            due_date=date(2026, 12, 1),
            raised_at=timezone.now(),
        )
        SupervisionOrder.objects.create(
            title=f"{unit.code} 督办", unit=unit, project=project, requirement="按期报送",
            deadline=date(2026, 12, 1),
            issued_by=world.users["planner"], issued_at=timezone.now(),
        )  # fmt: skip
    planner, hami = actor_for(world.users["planner"]), actor_for(region["hami_planner"])
    regional = actor_for(region["regional"])
    assert [p.title for p in problem_list(actor=planner)] == ["mulei 用地"]
    assert [p.title for p in problem_list(actor=hami)] == ["yiwu 用地"]
    assert {p.title for p in problem_list(actor=regional)} == {"mulei 用地", "yiwu 用地"}
    assert [unit.code for unit in asked_units(actor=hami)] == ["yiwu"]
    assert [o.title for o in visible_orders(actor=planner)] == ["mulei 督办"]
    assert [o.title for o in visible_orders(actor=hami)] == ["yiwu 督办"]
    assert visible_orders(actor=regional).count() == 2


def test_a_prefectures_planner_is_reminded_only_of_its_own_prefectures_missing_reports(world, region):
    from datetime import date

    from lantu.dispatch import selectors as dispatch_selectors
    from lantu.dispatch.models import ReportingPeriod

    for plan in (world.plan, region["plan"]):
        ReportingPeriod.objects.create(plan=plan, period="2026-10", deadline=date(2026, 11, 5))
    today = date(2026, 11, 6)
    planner, hami = actor_for(world.users["planner"]), actor_for(region["hami_planner"])
    regional = actor_for(region["regional"])

    def codes(actor):
        return sorted(r.project.code for r in dispatch_selectors.reminders(actor=actor, today=today))

    def units(actor):
        return sorted(row.unit.code for row in dispatch_selectors.reminders_by_unit(actor=actor, today=today))

    assert codes(planner) == ["P-ML-1", "P-QT-1"] and units(planner) == ["mulei", "qitai"]
    assert codes(hami) == ["P-HM-1"] and units(hami) == ["yiwu"]
    assert codes(regional) == ["P-HM-1", "P-ML-1", "P-QT-1"]
    assert dispatch_selectors.reminder_counts(actor=planner, today=today) == (0, 2)
    assert dispatch_selectors.reminder_counts(actor=hami, today=today) == (0, 1)
    assert dispatch_selectors.reminder_counts(actor=regional, today=today) == (0, 3)
    missing = dispatch_selectors.MissingReports.of(actor=hami, today=today)
    assert len(missing) == 1
    assert [r.project.code for r in missing[0:5]] == ["P-HM-1"]


def test_a_scope_of_every_unit_puts_no_condition_on_the_figures(world, region):
    """A regional planner's scope holds every unit: its figures need no unit condition. A prefecture's
    planner beside other prefectures keeps its scope; a reporter keeps its unit's."""
    from lantu.projects.figures import actor_units

    regional = actor_for(region["regional"])
    assert regional.everywhere and actor_units(regional) is None
    planner = actor_for(world.users["planner"])
    assert not planner.everywhere and actor_units(planner) == planner.scope
    assert region["project"].county_id not in planner.scope
    mulei = actor_for(world.users["mulei"])
    assert not mulei.everywhere and actor_units(mulei) == mulei.scope


def test_a_planner_of_the_only_prefecture_sees_every_unit(world):
    from lantu.projects.figures import actor_units

    planner = actor_for(world.users["planner"])
    assert planner.everywhere and actor_units(planner) is None
    assert not actor_for(world.users["mulei"]).everywhere


def test_the_dashboard_counts_the_projects_of_the_readers_prefecture_only(world, region):
    from lantu.dashboard.selectors import project_sums, projects_by_county

    planner = actor_for(world.users["planner"])
    assert [row["label"] for row in projects_by_county(project_sums(planner))] == ["木垒县", "奇台县"]
    hami = projects_by_county(project_sums(actor_for(region["hami_planner"])))
    assert hami == [{"label": "伊吾县", "count": 1, "investment": Decimal(5000)}]
    regional = projects_by_county(project_sums(actor_for(region["regional"])))
    assert sum(row["count"] for row in regional) == 3 and "伊吾县" in {row["label"] for row in regional}


def test_the_county_ranking_ranks_the_counties_of_the_readers_prefecture_only(world, region):
    from datetime import UTC, datetime

    from lantu.dashboard.ranking import county_ranking

    now = datetime(2026, 11, 20, tzinfo=UTC)
    planner = county_ranking(actor_for(world.users["planner"]), rows=[], period="2026-09", now=now)
    assert {row.figures.label for row in planner} == {"木垒县", "奇台县"}
    regional = county_ranking(actor_for(region["regional"]), rows=[], period="2026-09", now=now)
    assert {row.figures.label for row in regional} == {"木垒县", "奇台县", "伊吾县"}
