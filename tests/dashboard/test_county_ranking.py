"""The dashboard ranks counties on a stated composite whose inputs come from the shared rules."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from lxml import html

from lantu.core import ranking
from lantu.dashboard.ranking import county_ranking
from lantu.dispatch import figures
from lantu.dispatch.models import ProgressReport
from lantu.indicators.selectors import indicator_rows
from lantu.orgs.access import subtree
from lantu.supervision.models import SupervisionOrder

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 20, 4, 0, tzinfo=UTC)  # 2026-09's deadline (10-05) has passed


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


@pytest.fixture
def month(world, open_period):
    """Mulei reports 2026-09 on time and approved; Qitai has an order closed and one open."""
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-09",
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("900"),
        physical_progress=Decimal("60"),
        state="approved",
        submitted_at=datetime(2026, 10, 2, 4, 0, tzinfo=UTC),
    )
    for state in ("closed", "issued"):
        SupervisionOrder.objects.create(
            title="加快进度",
            unit=world.qitai_county,
            project=world.qitai_project,
            requirement="按期整改",
            deadline=datetime(2026, 10, 10).date(),
            issued_at=datetime(2026, 9, 20, tzinfo=UTC),
            state=state,
            closed_on_time=True if state == "closed" else None,
        )
    return "2026-09"


def _by_label(ranked):
    return {row.figures.label: row for row in ranked}


def test_each_countys_inputs_are_the_figures_of_the_shared_rules(world, actors, month):
    ranked = _by_label(
        county_ranking(
            actors["leader"], rows=indicator_rows(actors["leader"], now=NOW), period=month, now=NOW
        )
    )
    mulei, qitai = ranked["木垒县"], ranked["奇台县"]
    mulei_ytd = figures.investment_ytd(period=month, unit_ids=subtree(world.mulei_county.pk))
    assert mulei.figures.investment == mulei_ytd.total.ratio  # 900 / 1200 against 9/12 of the year
    assert mulei.figures.timeliness == (1, 1)
    assert qitai.figures.timeliness == (0, 1)  # its project was due and did not report
    assert qitai.figures.supervision == (1, 2)
    assert mulei.figures.supervision == (0, 0) and "supervision" in mulei.missing
    assert mulei.composite == ranking.composite(ranking.scores(mulei.figures))
    assert mulei.rank == 1 and qitai.rank == 2


def test_the_leaders_dashboard_states_the_weights_and_ranks_every_county(login, world, month):
    doc = html.fromstring(login("leader").get("/?period=2026-09").content.decode())
    formula = " ".join(doc.get_element_by_id("ranking-formula").text_content().split())
    for _key, weight in ranking.WEIGHTS:
        assert f"× {weight}%" in formula
    rows = doc.xpath("//section[@id='county-ranking']//tbody/tr")
    assert [" ".join(r.xpath("./th")[0].text_content().split()) for r in rows] == ["木垒县", "奇台县"]
    assert rows[0].xpath("./td")[0].text_content().strip() == "1"


def test_a_reporter_gets_no_county_ranking(login, world, month):
    doc = html.fromstring(login("mulei").get("/").content.decode())
    assert not doc.xpath("//section[@id='county-ranking']")
