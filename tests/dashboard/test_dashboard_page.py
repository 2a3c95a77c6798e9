"""The dashboard (驾驶舱): access, headline cards, warnings, charts and links to every page."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import html

from lantu.dashboard.selectors import (
    dashboard,
    items_by_goal,
    project_sums,
    projects_by_county,
    projects_by_stage,
)
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.access import actor_for
from lantu.plans.models import PlanItem
from lantu.projects.procedures import procedures_plan

pytestmark = pytest.mark.django_db

ROLES = ["admin", "planner", "industry", "mulei", "qitai", "leader"]
NOW = datetime(2027, 6, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def _doc(response):
    return html.fromstring(response.content.decode())


def _charts(doc) -> dict[str, dict]:
    """Return each chart container's ECharts option, by element id."""
    return {
        el.get("id"): json.loads(doc.get_element_by_id(el.get("data-chart")).text_content())
        for el in doc.xpath("//div[@data-chart]")
    }


@pytest.mark.parametrize("username", ROLES)
def test_every_role_sees_the_dashboard(login, username):
    response = login(username).get("/")
    assert response.status_code == 200
    assert "地区生产总值" in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_user_without_a_role_is_forbidden(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/").status_code == 403


def test_headline_card_shows_latest_value_baseline_target_and_status(login, world):
    doc = _doc(login("leader").get("/"))
    [card] = doc.xpath("//a[contains(@class, 'indicator-card')]")
    text = " ".join(card.text_content().split())
    assert card.get("href") == f"/indicators/{world.gdp.pk}/"
    assert "2,680 亿元" in text and "2026" in text
    assert "2,509.23" in text and "average annual growth 6.5%" in text
    assert card.xpath(".//span[contains(@class, 'status') and contains(@class, 'on_track')]")


def test_sample_value_is_badged_on_its_card(login, world):
    Observation.objects.filter(indicator=world.gdp).update(is_sample=True)
    doc = _doc(login("leader").get("/"))
    [card] = doc.xpath("//a[contains(@class, 'indicator-card')]")
    assert card.xpath(".//span[contains(@class, 'sample')]")


def test_lagging_indicator_is_listed_for_attention(login, world):
    Observation.objects.filter(indicator=world.gdp).update(value=Decimal("2660"))
    doc = _doc(login("leader").get("/"))
    [card] = doc.xpath("//a[contains(@class, 'indicator-card')]")
    assert card.xpath(".//span[contains(@class, 'status') and contains(@class, 'lagging')]")
    rows = doc.xpath("//section[contains(@class, 'attention')]//tbody/tr[td]")
    assert [row.xpath("string(td[1]/a)") for row in rows] == ["地区生产总值"]


def test_charts_carry_valid_echarts_options(login, world):
    charts = _charts(_doc(login("leader").get("/")))
    assert set(charts) == {"status-chart", "county-chart", "stage-chart", "goal-chart"}
    [pie] = charts["status-chart"]["series"]
    assert [(d["key"], d["value"]) for d in pie["data"]] == [("on_track", 1)]
    assert charts["status-chart"]["link"] == "/indicators/?status={key}"  # a slice opens its indicators
    county = charts["county-chart"]
    assert county["xAxis"]["data"] == ["木垒县", "奇台县"]
    [bars] = county["series"]
    assert [(bar["value"], bar["label"]["formatter"]) for bar in bars["data"]] == [
        (77.0, "1 project"),
        (12.0, "1 project"),
    ]  # 亿元, labelled with the number of projects


def test_dashboard_context_has_the_chart_options(login, world):
    response = login("planner").get("/")
    board = response.context["board"]
    assert set(board.charts) == {"status", "county", "stage", "goals"}
    json.dumps(board.charts, default=str)  # serialisable


def test_every_section_is_linked_from_the_dashboard(login, world):
    doc = _doc(login("mulei").get("/"))
    hrefs = set(doc.xpath("//main//a/@href"))
    assert {"/plans/", "/indicators/", "/projects/", f"/indicators/{world.gdp.pk}/"} <= hrefs


def test_projects_are_counted_and_summed_by_county_and_stage(world):
    from lantu.projects.models import Project

    Project.objects.create(  # a second stage in one county, and no total investment: counted, adds 0
        code="P-ML-2",
        name="木垒县储备项目",
        county=world.mulei_county,
        lead_unit=world.mulei_county,
        stage="new",
    )
    sums = project_sums(actor_for(world.users["leader"]))
    assert projects_by_county(sums) == [
        {"label": "木垒县", "count": 2, "investment": Decimal("770000")},
        {"label": "奇台县", "count": 1, "investment": Decimal("120000")},
    ]
    stages = [(row["stage"], row["count"], row["investment"]) for row in projects_by_stage(sums)]
    assert stages == [("new", 2, Decimal("120000")), ("continuing", 1, Decimal("770000"))]  # life-cycle order


def test_items_are_counted_under_their_goal(world):
    PlanItem.objects.create(plan=world.plan, parent=world.task, level="task", code="1.1.1.1", title="子任务")
    [goal] = items_by_goal(world.plan)
    assert goal["code"] == "1" and goal["counts"] == {"measure": 1, "task": 2}


def test_dashboard_summarises_indicators_and_projects(world):
    Indicator.objects.create(
        plan=world.plan,
        code="pm",
        name="PM2.5",
        unit="μg/m³",
        attribute="binding",
        direction="lower",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=40,
        target_kind="ceiling",
        target_year=2030,
        target_value=35,
    )
    board = dashboard(actor_for(world.users["leader"]), now=NOW)
    assert board.indicator_count == 2 and board.status_counts == {"on_track": 1, "no_data": 1}
    assert [row.indicator.code for row in board.headline] == ["gdp"]
    assert board.project_count == 2 and board.total_investment == Decimal("890000")
    assert board.plan == world.plan and board.elapsed == pytest.approx(0.3, abs=0.01)


def test_dashboard_needs_a_constant_number_of_queries(
    login, world, actors, catalogue, django_assert_max_num_queries
):
    client = login("leader")
    for project in (world.mulei_project, world.qitai_project):
        procedures_plan(actor=actors["planner"], project=project, start=date(2026, 1, 1), now=timezone.now())
    for n in range(5):
        Indicator.objects.create(
            plan=world.plan,
            code=f"x{n}",
            name=f"指标{n}",
            unit="%",
            attribute="expected",
            is_headline=True,
            responsible_unit=world.drc,
            baseline_year=2025,
            baseline_value=1,
            target_kind="level",
            target_year=2030,
            target_value=2,
        )
    # 16th: the indicators' target versions, in one query; 17th: the supervision orders card;
    # 18th-19th: the dispatch card's latest due month and its scope's review queue and open problems
    # (no deadline has passed here; one that has adds the month's two completion queries)
    # 18th: the shares of split targets, whose roll-up may govern a parent's status
    # 21st-22nd: projects waiting per approval kind (their procedures; the kinds they wait for)
    # 23rd-26th: the county ranking: the counties, the unit tree, the orders per unit (total and rows);
    # once a deadline has passed, the month's completion and timeliness, grouped, whatever the counties
    # 27th: the projects per county are grouped on the county column alone, and the counties read apart
    with django_assert_max_num_queries(27):
        assert client.get("/").status_code == 200


def test_dashboard_links_each_plan_tree_with_its_counts_by_level(login, world):
    doc = _doc(login("leader").get("/"))
    [card] = doc.xpath("//section[@id='dashboard-plans']/a[@data-plan='fyp15']")
    assert card.get("href") == "/plans/fyp15/"
    counts = " ".join(card.xpath(".//span[@class='plan-counts']")[0].text_content().split())
    assert "1 goal 1 major measure 1 key task" == counts or "1 个目标 1 项重大举措 1 项重点任务" == counts


def test_indicator_count_says_how_many_are_shares_of_a_split_target(login, world):
    page = html.fromstring(login("leader").get("/").content)
    assert not page.xpath("//*[@id='share-count']")
    gdp = world.gdp
    Indicator.objects.create(
        plan=world.plan,
        code="gdp-mulei",
        name="地区生产总值（木垒县）",
        unit=gdp.unit,
        attribute=gdp.attribute,
        responsible_unit=world.mulei_county,
        baseline_year=gdp.baseline_year,
        baseline_value=Decimal("100"),
        target_kind=gdp.target_kind,
        target_year=gdp.target_year,
        target_rate=gdp.target_rate,
        split_of=gdp,
    )
    page = html.fromstring(login("leader").get("/").content)
    [note] = page.xpath("//*[@id='share-count']")
    assert "including 1 share of a split target" in note.text_content()


def test_the_summary_sentence_counts_statuses_and_names_what_turned_lagging_this_month(login, world):
    before = " ".join(_doc(login("leader").get("/")).get_element_by_id("plan-summary").text_content().split())
    assert before.startswith("1 indicator:") and "none newly lagging since last month" in before
    # A revised GDP figure released this month (2027-06-15) turns the realised growth from 6.8 % to 3.6 %.
    Observation.objects.create(
        indicator=world.gdp,
        period="2026",
        period_end="2026-12-31",
        value=Decimal("2600"),
        state="approved",
        vintage=Observation.Vintage.REVISED,
        release_date=datetime(2027, 6, 15).date(),
    )
    doc = _doc(login("leader").get("/"))
    summary = " ".join(doc.get_element_by_id("plan-summary").text_content().split())
    assert "1 newly lagging since last month: 地区生产总值" in summary, summary
    link = doc.xpath("//p[@id='plan-summary']//a[text()='地区生产总值']")[0]
    assert link.get("href") == f"/indicators/{world.gdp.pk}/"


def test_the_dispatch_card_shows_the_month_asked_for_and_a_month_that_is_no_month_is_404(login, world):
    client = login("planner")
    assert client.get("/?period=2027-05").status_code == 200
    assert client.get("/?period=2026-13").status_code == 404
    assert client.get("/?period=abc").status_code == 404
