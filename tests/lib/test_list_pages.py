"""Every list sorts by a whitelisted column, searches, pages and exports what is filtered to xlsx."""

import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.utils import timezone
from lxml import html as lxml_html
from openpyxl import load_workbook

from lantu.dispatch import figures
from lantu.dispatch.models import ProgressReport
from lantu.lib.templatetags.lantu import format_number
from lantu.orgs.models import AuditRecord
from lantu.problems.models import Problem
from lantu.projects.models import Project, Stage
from lantu.supervision.models import SupervisionOrder


def _doc(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def _sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _filename(response) -> str:
    return unquote(response["Content-Disposition"].split("filename*=utf-8''")[-1])


# ---- projects ------------------------------------------------------------------------------


def _project_codes(response) -> list[str]:
    return _doc(response).xpath("//table[@id='project-table']/tbody/tr/@data-project")


def test_the_project_list_sorts_by_a_column_and_says_so_in_its_header(login, world):
    client = login("planner")
    response = client.get("/projects/", {"sort": "-investment"})
    assert _project_codes(response) == ["P-ML-1", "P-QT-1"]
    [header] = _doc(response).xpath("//th[@data-column='investment']")
    assert header.get("aria-sort") == "descending" and "▼" in header.text_content()
    # The header's link turns the order around; the other columns start ascending.
    assert header.xpath("a/@href") == ["?sort=investment"]
    assert _project_codes(client.get("/projects/", {"sort": "investment"})) == ["P-QT-1", "P-ML-1"]
    [name] = _doc(response).xpath("//th[@data-column='name']/a/@href")
    assert name == "?sort=name"


def test_an_unknown_sort_key_falls_back_to_the_code(login, world):
    response = login("planner").get("/projects/", {"sort": "-password"})
    assert _project_codes(response) == ["P-ML-1", "P-QT-1"]
    assert _doc(response).xpath("//th[@data-column='code']/@aria-sort") == ["ascending"]


def test_the_project_pager_keeps_the_filters_and_the_order(login, world):
    for n in range(55):  # saved one by one, as the app saves: the kept counts follow
        Project.objects.create(
            code=f"P-X-{n:03d}",
            name=f"项目{n}",
            county=world.qitai_county,
            lead_unit=world.qitai_county,
            stage=Stage.RESERVE,
        )
    response = login("planner").get("/projects/", {"county": "qitai", "sort": "-code"})
    assert _project_codes(response)[0] == "P-X-054"
    assert _doc(response).xpath("//nav[@class='pagination']/a[@rel='next']/@href") == [
        "?county=qitai&sort=-code&page=2"
    ]


def test_the_project_filters_keep_the_order_and_the_headers_sort_through_them(login, world):
    """A search sent from the filter form keeps the order chosen; a header's click goes through the form."""
    client = login("planner")
    sorted_page = _doc(client.get("/projects/", {"sort": "-code"}))
    assert sorted_page.xpath("//form[@id='project-filters']//input[@name='sort']/@value") == ["-code"]
    assert sorted_page.xpath("//table[@id='project-table']/thead/tr/@data-sort-form") == ["#project-filters"]
    default = _doc(client.get("/projects/"))
    assert default.xpath("//form[@id='project-filters']//input[@name='sort']") == []


def test_the_project_export_holds_what_is_filtered_in_the_order_shown(login, world):
    client = login("planner")
    response = client.get("/projects/", {"cluster": "coal", "sort": "-investment", "export": "xlsx"})
    rows = _sheet(response)
    assert rows[0][:2] == ["编号", "项目"]
    assert [row[0] for row in rows[1:]] == ["P-ML-1", "P-QT-1"]
    assert _filename(response).startswith("重大项目") and _filename(response).endswith(".xlsx")
    narrowed = _sheet(client.get("/projects/", {"county": "qitai", "export": "xlsx"}))
    assert [row[0] for row in narrowed[1:]] == ["P-QT-1"]
    assert AuditRecord.objects.filter(event="export", detail__contains="county=qitai").exists()


def test_the_project_list_shows_the_years_plan_completed_and_rate_as_the_dispatch_counts_them(
    login, world, open_period
):
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-08",
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("500"),
        state="approved",
    )
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-09",
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("900"),
        state="submitted",  # not approved: the figure in force stays August's
    )
    doc = _doc(login("planner").get("/projects/"))
    ytd = {row.code: row for row in figures.investment_ytd(period="2026-09", with_projects=True).projects}
    for code, cells in (("P-ML-1", ("1,200", "500", "41.7%")), ("P-QT-1", ("600", "—", "0%"))):
        [row] = doc.xpath(f"//tr[@data-project='{code}']")
        shown = tuple(
            row.xpath(f"td[@data-cell='{cell}']")[0].text_content().strip()
            for cell in ("planned", "completed", "rate")
        )
        assert shown == cells
        assert cells[2] == f"{format_number(ytd[code].completion.rate, 1)}%"  # the dispatch's own figure
    ordered = _project_codes(login("planner").get("/projects/", {"sort": "-rate"}))
    assert ordered == ["P-ML-1", "P-QT-1"]


# ---- indicators ------------------------------------------------------------------------------


def test_the_indicator_list_searches_sorts_and_exports(login, world):
    other = world.gdp
    other.pk = None
    other.code, other.name, other.is_headline = "grain", "粮食产量", False
    other.save()
    client = login("leader")
    doc = _doc(client.get("/indicators/", {"q": "粮食"}))
    assert doc.xpath("//*[@id='indicator-table']//tbody/tr/@data-indicator") == ["grain"]
    assert not doc.xpath("//*[@id='indicator-table']//td[contains(., 'grain')]")  # the code is not shown
    by_name = _doc(client.get("/indicators/", {"sort": "-name"}))
    assert by_name.xpath("//*[@id='indicator-table']//tbody/tr/@data-indicator") == ["grain", "gdp"]
    rows = _sheet(client.get("/indicators/", {"q": "生产", "export": "xlsx"}))
    assert [row[0] for row in rows[1:]] == ["地区生产总值"]


# ---- problems --------------------------------------------------------------------------------


@pytest.fixture
def problems(world):
    today = timezone.localdate()
    made = []
    for title, due, factor in (
        ("用地指标未落实", today - timedelta(days=3), "land"),
        ("资金缺口", today + timedelta(days=10), "capital"),
        ("环评批复滞后", today + timedelta(days=2), "approval"),
    ):
        made.append(
            Problem.objects.create(
                project=world.mulei_project,
                title=title,
                factor=factor,
                unit=world.mulei_county,
                due_date=due,
                raised_at=timezone.now(),
            )
        )
    return made


def test_the_problems_ledger_marks_rows_past_their_due_date(login, problems):
    doc = _doc(login("planner").get("/projects/problems/"))
    late = doc.xpath("//table[@id='problem-table']/tbody/tr[contains(@class, 'overdue')]")
    assert [row.get("data-problem") for row in late] == [str(problems[0].pk)]
    assert "3" in late[0].xpath(".//span[contains(@class, 'badge overdue')]")[0].text_content()


def test_the_problems_ledger_sorts_searches_and_exports(login, problems):
    client = login("planner")
    doc = _doc(client.get("/projects/problems/", {"sort": "-due"}))
    titles = [a.text for a in doc.xpath("//table[@id='problem-table']/tbody/tr/td[1]/a")]
    assert titles == ["资金缺口", "环评批复滞后", "用地指标未落实"]
    found = _doc(client.get("/projects/problems/", {"q": "资金"}))
    assert [a.text for a in found.xpath("//table[@id='problem-table']/tbody/tr/td[1]/a")] == ["资金缺口"]
    rows = _sheet(client.get("/projects/problems/", {"factor": "land", "export": "xlsx"}))
    assert [row[0] for row in rows[1:]] == ["用地指标未落实"]
    assert "填报状态" not in doc.text_content()


def test_the_problems_chart_counts_in_whole_numbers(login, problems):
    response = login("planner").get("/projects/problems/")
    assert response.context["charts"]["units"]["xAxis"][0]["minInterval"] == 1


# ---- supervision orders ------------------------------------------------------------------------


def test_the_order_list_sorts_searches_and_exports(login, world):
    now = datetime(2026, 11, 1, tzinfo=UTC)
    for title, days in (("督办煤化工项目进度", 5), ("督办新能源项目开工", 20)):
        SupervisionOrder.objects.create(
            title=title,
            unit=world.mulei_county,
            requirement="按期完成",
            deadline=date(2026, 11, days),
            issued_at=now,
            project=world.mulei_project,
        )
    client = login("planner")
    doc = _doc(client.get("/supervision/", {"show": "all", "sort": "-deadline"}))
    titles = [a.text for a in doc.xpath("//table[@id='order-table']/tbody/tr/td[1]/a")]
    assert titles == ["督办新能源项目开工", "督办煤化工项目进度"]
    found = _doc(client.get("/supervision/", {"show": "all", "q": "煤化工"}))
    assert len(found.xpath("//table[@id='order-table']/tbody/tr")) == 1
    rows = _sheet(client.get("/supervision/", {"show": "all", "q": "开工", "export": "xlsx"}))
    assert [row[0] for row in rows[1:]] == ["督办新能源项目开工"]
    assert rows[1][1] == "木垒县新能源项目"


# ---- the review queue (reports) -----------------------------------------------------------------


def test_the_review_queue_sorts_searches_and_exports(login, world, open_period):
    for project, cumulative in ((world.mulei_project, "300"), (world.qitai_project, "100")):
        ProgressReport.objects.create(
            project=project,
            period="2026-09",
            completed_investment=Decimal("50"),
            cumulative_investment=Decimal(cumulative),
            state="submitted",
            submitted_at=timezone.now(),
        )
    client = login("planner")
    doc = _doc(client.get("/projects/dispatch/review/", {"sort": "cumulative"}))
    assert [c.text for c in doc.xpath("//table[@id='review-table']//span[@class='code']")] == [
        "P-QT-1",
        "P-ML-1",
    ]
    found = _doc(client.get("/projects/dispatch/review/", {"q": "木垒"}))
    assert [c.text for c in found.xpath("//table[@id='review-table']//span[@class='code']")] == ["P-ML-1"]
    rows = _sheet(client.get("/projects/dispatch/review/", {"sort": "-cumulative", "export": "xlsx"}))
    assert [row[1] for row in rows[1:]] == ["P-ML-1", "P-QT-1"]
