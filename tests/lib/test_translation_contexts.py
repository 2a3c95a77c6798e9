"""A short English word that means two things gets a context, so each sense reads right in Chinese."""

from datetime import date

import pytest
from django.utils import timezone, translation

from lantu.dispatch.models import ReportingPeriod
from lantu.problems.models import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


def _headers(page: str, table_start: str) -> str:
    start = page.index(table_start)
    return page[start : page.index("</thead>", start)]


def test_dispatch_tables_call_completion_a_completion_rate_not_a_growth_rate(world, login):
    ReportingPeriod.objects.create(plan=world.plan, period="2026-09", deadline=date(2026, 10, 5))
    page = login("planner").get("/projects/dispatch/?period=2026-09").content.decode()
    counties = _headers(page, '<table class="table"><thead><tr><th>#</th>')
    assert "完成率" in counties and "增速" not in counties
    assert "项目数" in counties
    timeliness = _headers(page, "按时")
    assert "及时率" in timeliness and "增速" not in timeliness


def test_an_open_reporting_period_reads_open_for_reporting_not_unsolved(world, login):
    ReportingPeriod.objects.create(plan=world.plan, period="2026-09", deadline=date(2026, 10, 5))
    page = login("planner").get("/projects/dispatch/periods/").content.decode()
    table = page[page.index('id="period-table"') :]
    assert "开放中" in table and "未解决" not in table
    assert "报送截止日期" in table and "填报状态" not in table
    assert '<button class="primary" type="submit">开启</button>' in page


def test_a_problems_state_is_its_state_not_a_reporting_state(world, login):
    Problem.objects.create(
        project=world.mulei_project,
        title="用地指标未落实",
        factor="land",
        unit=world.mulei_county,
        due_date=date(2026, 12, 1),
        raised_at=timezone.now(),
    )
    page = login("planner").get("/projects/problems/").content.decode()
    assert "填报状态" not in page and "未解决" in page
