"""Counts agree from page to page; numbers, money, plurals and quarters are written one way."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from lxml import html as lxml_html
from openpyxl import load_workbook

from lantu.core.periods import canonical_label
from lantu.dashboard.plan_selectors import plan_tree
from lantu.dispatch.models import ReportingPeriod
from lantu.indicators import excel
from lantu.lib.templatetags.lantu import money_text
from lantu.plans.models import Plan, PlanItem
from lantu.projects.models import Project, Stage


def _doc(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def test_a_goals_project_count_is_the_same_on_the_tree_its_page_and_the_project_list(login, world, actors):
    # One project on the goal itself, one on a task below it, one on both: three distinct projects.
    world.mulei_project.items.add(world.goal)
    world.qitai_project.items.add(world.task)
    third = Project.objects.create(
        code="P-ML-9",
        name="木垒县第三项目",
        county=world.mulei_county,
        lead_unit=world.mulei_county,
        stage=Stage.RESERVE,
    )
    third.items.add(world.goal, world.task)
    tree = plan_tree(actor=actors["planner"], plan=world.plan)
    [goal_node] = tree.roots
    client = login("planner")
    page = _doc(client.get(f"/plans/{world.plan.code}/items/{world.goal.pk}/"))
    listed = client.get("/projects/", {"item": world.goal.pk}).context["totals"].count
    on_page = len(page.xpath("//section[@id='item-projects']//tbody/tr"))
    assert goal_node.project_total == on_page == listed == 3
    assert "3" in page.xpath("//*[@id='item-project-count']")[0].text_content()


def test_the_plan_tree_searches_item_codes_and_titles(login, world):
    doc = _doc(login("planner").get(f"/plans/{world.plan.code}/", {"q": "精耕"}))
    shown = doc.xpath("//li[contains(@class, 'tree-node')]")
    matched = [li.get("data-code") for li in shown if "context" not in li.get("class")]
    assert matched == ["1.1.1"]  # its goal and measure stay as context
    assert len(shown) == 3
    nothing = _doc(login("planner").get(f"/plans/{world.plan.code}/", {"q": "没有这个"}))
    assert not nothing.xpath("//li[contains(@class, 'tree-node')]")


def test_the_unit_pages_month_list_names_each_open_month_once(login, world):
    second = Plan.objects.create(
        code="county",
        name="县规划",
        kind="local",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=world.mulei_county,
    )
    for plan in (world.plan, second):
        ReportingPeriod.objects.create(plan=plan, period="2026-09", deadline=date(2026, 10, 5))
        ReportingPeriod.objects.create(plan=plan, period="2026-10", deadline=date(2026, 11, 5))
    doc = _doc(login("mulei").get("/projects/dispatch/unit/"))
    months = doc.xpath("//select[@name='period']/option/@value")
    assert months == ["2026-10", "2026-09"]


@pytest.mark.parametrize(
    ("language", "amount", "text"),
    [
        ("zh-hans", "22780000", "2,278 亿元"),
        ("zh-hans", "5000", "5,000 万元"),
        ("en", "22780000", "227.8 billion yuan"),
        ("en", "5000", "50 million yuan"),
        ("en", "12.5", "125,000 yuan"),
        ("en", None, "—"),
    ],
)
def test_money_is_written_on_the_scale_its_reader_counts_in(language, amount, text):
    with translation.override(language):
        assert money_text(None if amount is None else Decimal(amount)) == text


def test_english_counts_agree_with_their_nouns(login, world):
    PlanItem.objects.filter(level="measure").delete()  # leaves one goal (its task goes with the measure)
    client = login("leader")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    card = _doc(client.get("/")).xpath(f"//a[@data-plan='{world.plan.code}']")[0]
    text = " ".join(card.text_content().split())
    assert "1 goal" in text and "1 goals" not in text
    projects = _doc(client.get("/projects/")).text_content()
    assert "100 million yuan" not in projects and "billion yuan" in projects


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("2027-Q2", "2027Q2"),
        ("2027q2", "2027Q2"),
        ("2027 Q2", "2027Q2"),
        ("2027Q2", "2027Q2"),
        ("2027-06", "2027-06"),
        ("2027年", "2027"),
        ("2027-13", "2027-13"),
    ],
)
def test_quarters_are_written_one_way(typed, label):
    assert canonical_label(typed) == label


def test_the_indicator_template_asks_for_quarters_as_the_pages_write_them(world, actors):
    book = load_workbook(io.BytesIO(excel.template(actors["planner"], datetime(2026, 11, 1, tzinfo=UTC))))
    notes = " ".join(
        str(cell.value) for sheet in book.worksheets[1:] for row in sheet.iter_rows() for cell in row
    )
    assert "2027Q2" in notes and "2027-Q2" not in notes
