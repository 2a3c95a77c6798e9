"""The region dashboard compares the prefectures of a region by the rules every other page uses."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User

from lantu.dashboard.region import region_board
from lantu.demo.generate import generate
from lantu.dispatch import figures
from lantu.dispatch import overview as dispatch_overview
from lantu.orgs.access import actor_for, subtree
from lantu.orgs.models import OrgUnit
from lantu.projects.models import Project

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def region_data():
    generate(projects=30, months=9, last="2026-09", prefectures=3)


def test_each_prefectures_row_equals_its_own_figures(region_data):
    board = region_board(actor_for(User.objects.get(username="gen-region-planner")), now=NOW)
    assert board.period == "2026-09" and [row.unit.code for row in board.rows] == [
        "gen-p01",
        "gen-p02",
        "gen-p03",
    ]
    for row in board.rows:
        units = subtree(row.unit.pk)
        assert row.projects == Project.objects.filter(county_id__in=units).count() == 10
        own = figures.investment_ytd(period="2026-09", unit_ids=units).total
        assert (row.investment.planned, row.investment.completed) == (own.planned, own.completed)
        assert row.investment.status == own.status
        timeliness = dispatch_overview.timeliness(period="2026-09", today=NOW.date(), unit_ids=units)
        assert (row.due, row.on_time) == (sum(r[1] for r in timeliness), sum(r[2] for r in timeliness))
        assert row.indicators == 6


def test_a_regional_planner_compares_the_prefectures_on_a_page_with_a_table_and_charts(client, region_data):
    client.force_login(User.objects.get(username="gen-region-planner"))
    page = client.get("/region/?period=2026-09")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<tr data-prefecture=") == 3
    assert 'id="region-compare-chart"' in html and 'id="region-status-chart"' in html
    assert 'href="/region/"' in client.get("/").content.decode()  # the menu leads there


def test_a_prefectures_planner_may_not_compare_the_region(client, region_data):
    client.force_login(User.objects.get(username="gen-p01-planner"))
    assert client.get("/region/").status_code == 403
    assert 'href="/region/"' not in client.get("/").content.decode()


def test_a_bad_month_is_not_found(client, region_data):
    client.force_login(User.objects.get(username="gen-region-planner"))
    assert client.get("/region/?period=2026-13").status_code == 404
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.REGION).count() == 1
