"""The actor's own work on the dashboard: a reporter's reports, values, returns, orders and problems,
a planner's review queue; every figure in the actor's scope."""

from datetime import UTC, date, datetime

import pytest
from lxml import html

from lantu.dashboard.work import work
from lantu.dispatch.models import ProgressReport, ReportingPeriod, TaskReport
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.access import actor_for
from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.problems.models import Problem
from lantu.supervision import selectors as order_selectors
from lantu.supervision import services as order_services

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 10, 4, 0, tzinfo=UTC)  # 12:00 on 10 November in Changji
DEADLINE = date(2026, 11, 5)  # of the October reports: five days overdue


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


@pytest.fixture
def october(world):
    """Open October 2026 for reporting, due 5 November."""
    return ReportingPeriod.objects.create(plan=world.plan, period="2026-10", deadline=DEADLINE)


@pytest.fixture
def qitai_planner(world, django_user_model):
    """Return a planner of 奇台县's own office: its jurisdiction is the county."""
    office = OrgUnit.objects.create(
        code="qitai-drc", name="奇台县发改委", kind="department", parent=world.qitai_county
    )
    user = django_user_model.objects.create_user("qitai-planner", password="pw")
    Membership.objects.create(user=user, unit=office, role=Role.PLANNER)
    return user


def _actor(world, name):
    return actor_for(world.users[name])


def _sections(world, name, user=None):
    found = work(actor_for(user or world.users[name]), now=NOW)
    return {section.key: section for section in found.sections}


def _report(project, state, **fields):
    return ProgressReport.objects.create(
        project=project,
        period="2026-10",
        completed_investment=1,
        cumulative_investment=1,
        state=state,
        **fields,
    )


def _indicator(world, unit, code="share", frequency="quarterly"):
    return Indicator.objects.create(
        plan=world.plan,
        code=code,
        name=f"指标{code}",
        unit="%",
        attribute="expected",
        responsible_unit=unit,
        frequency=frequency,
        baseline_year=2025,
        baseline_value=1,
        target_kind="level",
        target_year=2030,
        target_value=2,
    )


def test_a_county_reporter_sees_its_own_overdue_reports_with_days_overdue(world, october):
    reports = _sections(world, "mulei")["reports"]
    assert reports.total == 1 and reports.overdue == 1
    [row] = reports.rows
    assert row.title == world.mulei_project.name and row.days_overdue == 5 and row.due == DEADLINE
    assert row.url == f"/projects/{world.mulei_project.pk}/report/2026-10/"


def test_a_department_reporter_owes_the_key_tasks_it_leads_and_not_the_counties_projects(world, october):
    reports = _sections(world, "industry")["reports"]
    assert [(row.kind, row.title) for row in reports.rows] == [("key task", world.task.title)]
    assert reports.rows[0].url == f"/projects/tasks/{world.task.pk}/report/2026-10/"
    assert all(row.title != world.task.title for row in _sections(world, "mulei")["reports"].rows)


def test_a_submitted_report_is_no_longer_owed_and_a_draft_still_is(world, october):
    draft = _report(world.mulei_project, "draft")
    [row] = _sections(world, "mulei")["reports"].rows
    assert row.state == "draft"
    draft.state, draft.submitted_at = "submitted", NOW
    draft.save()  # through save(): the kept figures follow (a QuerySet.update would need a rebuild)
    TaskReport.objects.create(item=world.task, period="2026-10", progress=10, state="submitted")
    assert _sections(world, "mulei")["reports"].total == 0
    assert _sections(world, "industry")["reports"].total == 0


def test_reports_not_yet_due_are_counted_as_due_not_overdue(world):
    ReportingPeriod.objects.create(plan=world.plan, period="2026-11", deadline=date(2026, 12, 5))
    reports = _sections(world, "mulei")["reports"]
    assert (reports.total, reports.overdue) == (1, 0) and reports.rows[0].days_overdue == 0


def test_values_to_enter_are_the_latest_ended_period_without_a_submitted_value(world):
    share = _indicator(world, world.mulei_county)
    _indicator(world, world.qitai_county, code="qitai-share")
    values = _sections(world, "mulei")["values"]
    assert [(row.title, row.period) for row in values.rows] == [(share.name, "2026Q3")]
    Observation.objects.create(
        indicator=share, period="2026Q3", period_end="2026-09-30", value=1, state="draft"
    )
    assert _sections(world, "mulei")["values"].rows[0].state == "draft"
    Observation.objects.filter(indicator=share).update(state="submitted")
    assert _sections(world, "mulei")["values"].total == 0


def test_returned_items_carry_their_reason_and_stay_with_their_unit(world, october):
    share = _indicator(world, world.mulei_county)
    Observation.objects.create(
        indicator=share,
        period="2026Q3",
        period_end="2026-09-30",
        value=1,
        state="returned",
        return_reason="口径不符",
    )
    _report(world.mulei_project, "returned", return_reason="投资与台账不一致")
    _report(world.qitai_project, "returned", return_reason="奇台的")
    TaskReport.objects.create(
        item=world.task, period="2026-10", progress=5, state="returned", return_reason="缺佐证"
    )
    returned = _sections(world, "mulei")["returned"]
    assert {(row.title, row.reason) for row in returned.rows} == {
        (share.name, "口径不符"),
        (world.mulei_project.name, "投资与台账不一致"),
    }
    assert [row.reason for row in _sections(world, "industry")["returned"].rows] == ["缺佐证"]


def _order(world, unit, deadline, title):
    return order_services.order_issue(
        actor=_actor(world, "planner"),
        unit=unit,
        project=world.mulei_project if unit == world.mulei_county else world.qitai_project,
        title=title,
        requirement="整改",
        deadline=deadline,
        now=datetime(2026, 10, 1, 4, tzinfo=UTC),
    )


def test_a_reporter_sees_the_open_orders_to_its_unit_overdue_first(world):
    later = _order(world, world.mulei_county, date(2026, 11, 30), "月底前")
    late = _order(world, world.mulei_county, date(2026, 11, 1), "已逾期")
    _order(world, world.qitai_county, date(2026, 11, 1), "奇台的")
    orders = _sections(world, "mulei")["orders"]
    assert (orders.total, orders.overdue) == (2, 1)
    assert [row.title for row in orders.rows] == [late.title, later.title]
    assert orders.rows[0].days_overdue == 9


def test_a_reporter_sees_the_open_problems_asked_of_it_with_the_overdue_count(world):
    def problem(unit, due, state="open"):
        return Problem.objects.create(
            project=world.mulei_project,
            title=f"问题{due}{state}",
            factor="land",
            unit=unit,
            due_date=due,
            state=state,
            raised_at=NOW,
        )

    problem(world.mulei_county, date(2026, 11, 1))
    problem(world.mulei_county, date(2026, 12, 1))
    problem(world.mulei_county, date(2026, 10, 1), state="solved")
    problem(world.qitai_county, date(2026, 11, 1))
    problems = _sections(world, "mulei")["problems"]
    assert (problems.total, problems.overdue) == (2, 1)
    assert [row.days_overdue for row in problems.rows] == [9, 0]


def test_a_planner_sees_what_waits_for_its_review_in_its_scope_but_not_what_it_entered(world, qitai_planner):
    _report(world.mulei_project, "submitted", entered_by=world.users["mulei"], submitted_at=NOW)
    _report(world.qitai_project, "submitted", entered_by=world.users["planner"], submitted_at=NOW)
    review = _sections(world, "planner")["review"]
    assert [row.title for row in review.rows] == [world.mulei_project.name]
    assert _sections(world, "", user=qitai_planner)["review"].total == 1  # 奇台's, entered by someone else


def test_a_county_planner_reviews_only_its_countys_reports_and_answers(world, qitai_planner):
    _report(world.mulei_project, "submitted", entered_by=world.users["mulei"], submitted_at=NOW)
    order = _order(world, world.mulei_county, date(2026, 11, 30), "木垒的")
    order_services.order_respond(actor=_actor(world, "mulei"), order=order, text="已整改", now=NOW)
    assert _sections(world, "", user=qitai_planner)["review"].total == 0
    review = _sections(world, "planner")["review"]
    assert review.total == 2 and {row.title for row in review.rows} == {world.mulei_project.name, order.title}


def test_the_planners_dashboard_makes_no_query_per_order_it_lists(login, world):
    """Overdue orders fill the supervision card, answered ones the review queue; each shows its unit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("planner")

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    def more(start: int) -> None:
        for n in range(start, start + 2):
            _order(world, world.mulei_county, date(2026, 11, 1), f"逾期{n}")
            answered = _order(world, world.qitai_county, date(2026, 11, 30), f"已答复{n}")
            order_services.order_respond(actor=_actor(world, "qitai"), order=answered, text="已整改", now=NOW)

    more(0)
    before, page = queries()
    assert "逾期1" in page and "已答复1" in page
    more(2)
    after, page = queries()
    assert "逾期3" in page and "已答复3" in page
    assert after == before


def test_a_leader_has_no_work_section(world, october):
    assert work(_actor(world, "leader"), now=NOW).sections == []


def test_overdue_orders_on_a_planners_dashboard_are_those_of_its_jurisdiction(world, qitai_planner):
    mulei = _order(world, world.mulei_county, date(2026, 11, 1), "木垒的")
    qitai = _order(world, world.qitai_county, date(2026, 11, 1), "奇台的")
    assert order_selectors.attention_orders(actor=actor_for(qitai_planner), now=NOW) == [qitai]
    assert set(order_selectors.attention_orders(actor=_actor(world, "leader"), now=NOW)) == {mulei, qitai}


def _doc(response):
    return html.fromstring(response.content.decode())


def test_the_reporters_dashboard_shows_its_work_first_with_counts_and_links(login, world, october):
    doc = _doc(login("mulei").get("/"))
    work_panel = doc.get_element_by_id("my-work")
    assert doc.xpath("//section[@id='my-work']/following::section[contains(@class, 'kpis')]")
    tiles = {tile.get("data-tile"): tile for tile in work_panel.xpath(".//a[@data-tile]")}
    assert list(tiles) == ["reports", "values", "returned", "orders", "problems"]
    assert "1 overdue" in tiles["reports"].text_content()
    [link] = doc.xpath("//section[@id='work-reports']//li//a/@href")
    assert link == f"/projects/{world.mulei_project.pk}/report/2026-10/"
    assert "5 days overdue" in doc.get_element_by_id("work-reports").text_content()


def test_the_leaders_dashboard_has_no_work_panel(login, world, october):
    assert not _doc(login("leader").get("/")).xpath("//*[@id='my-work']")


def test_the_planners_dashboard_shows_its_review_queue(login, world):
    _report(world.mulei_project, "submitted", entered_by=world.users["mulei"], submitted_at=NOW)
    section = _doc(login("planner").get("/")).get_element_by_id("work-review")
    assert section.get("data-total") == "1"
    assert section.xpath(".//li//a/@href")[0].startswith("/projects/reports/")


def test_the_dashboard_total_is_the_sum_of_the_sections(world, october):
    share = _indicator(world, world.mulei_county)
    found = work(_actor(world, "mulei"), now=NOW)
    assert found.total == sum(section.total for section in found.sections) == 2
    assert share.name in [row.title for section in found.sections for row in section.rows]


def test_values_are_not_due_for_a_period_that_has_not_ended(world):
    _indicator(world, world.mulei_county, code="m", frequency="monthly")
    [row] = _sections(world, "mulei")["values"].rows
    assert row.period == "2026-10"  # November is not over on the 10th


def test_the_reporters_dashboard_makes_no_query_per_item(login, world, october):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lantu.plans.models import PlanItem

    client = login("industry")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    def more(start: int) -> None:
        for n in range(start, start + 3):
            _indicator(world, world.industry_bureau, code=f"q{n}")
            PlanItem.objects.create(
                plan=world.plan,
                parent=world.measure,
                level="task",
                code=f"1.1.{n + 2}",
                title=f"任务{n}",
                lead_unit=world.industry_bureau,
            )
            _order(world, world.industry_bureau, date(2026, 11, 1), f"督办{n}")
            Problem.objects.create(
                project=world.qitai_project,
                title=f"问题{n}",
                factor="land",
                unit=world.industry_bureau,
                due_date=date(2026, 11, 1),
                raised_at=NOW,
            )

    more(0)
    before = queries()
    more(3)
    assert queries() == before
    assert _sections(world, "industry")["orders"].total == 6
