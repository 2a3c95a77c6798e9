"""Warnings a planner signs: growth read as realised growth, per-indicator thresholds, split parents."""

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from lxml import html

from lantu.core.trajectory import Status
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.selectors import indicator_rows
from lantu.indicators.splits import ShareInput, indicator_split
from lantu.indicators.status import indicator_status, with_approved
from lantu.orgs.access import actor_for
from lantu.reports.exporters import common, data

NOW = datetime(2028, 2, 1, tzinfo=UTC)


def _approve(indicator: Indicator, period: str, value: str) -> Observation:
    return Observation.objects.create(
        indicator=indicator, period=period, period_end=f"{period}-12-31", value=D(value), state="approved"
    )


@pytest.fixture
def gdp_61(world):
    """GDP grew 6.1 % in 2026 against a 6.5 % a year target."""
    Observation.objects.filter(indicator=world.gdp, period="2026").update(
        value=D(str(round(2509.23 * 1.061, 2)))
    )
    return world.gdp


def _actor(world, username="leader"):
    return actor_for(world.users[username])


def _row(world, code):
    [row] = [r for r in indicator_rows(_actor(world), now=NOW) if r.indicator.code == code]
    return row


# Growth targets ------------------------------------------------------------------------------------


def test_growth_indicator_page_reads_realised_average_growth_against_the_target_rate(login, world, gdp_61):
    page = html.fromstring(login("leader").get(f"/indicators/{world.gdp.pk}/").content)
    [progress] = page.xpath("//dd[contains(@class, 'progress')]")
    assert "realised 6.1% a year (target 6.5%)" in progress.text_content()
    assert "Achievement of expected progress" not in page.text_content()


def test_indicator_list_shows_realised_growth(login, world, gdp_61):
    rows = indicator_rows(_actor(world), now=NOW)
    assert [r.status for r in rows if r.indicator.code == "gdp"] == [Status.LAGGING]
    page = html.fromstring(login("leader").get("/indicators/").content)
    assert (
        "realised 6.1% a year (target 6.5%)"
        in page.xpath("//td[contains(@class, 'progress')]")[0].text_content()
    )


def test_dashboard_card_and_warning_list_show_realised_growth(login, world, gdp_61):
    page = html.fromstring(login("leader").get("/").content.decode())
    cards = "//a[contains(@class, 'indicator-card')]"
    [card] = page.xpath(f"{cards}[.//span[@class='name'][text()='地区生产总值']]")
    assert "realised 6.1% a year (target 6.5%)" in card.text_content()
    [warning] = page.xpath("//tr[@data-indicator='gdp']")
    assert "realised 6.1% a year (target 6.5%)" in warning.text_content()


def test_api_status_gives_the_realised_and_the_target_rate(login, world, gdp_61):
    answer = login("leader").get(f"/api/v1/indicators/{world.gdp.pk}/status", {"at": "2028-02-01"}).json()
    assert answer["measure"] == "growth_rate"
    assert answer["realised_rate_percent"] == pytest.approx(6.1, abs=1e-3)
    assert answer["target_rate_percent"] == pytest.approx(6.5)
    assert answer["achievement"] == pytest.approx(0.061 / 0.065, abs=1e-4)
    assert answer["status"] == "lagging" and answer["status_basis"] == "own"
    listed = login("leader").get("/api/v1/indicators").json()
    assert [i["measure"] for i in listed if i["code"] == "gdp"] == ["growth_rate"]


def test_stocktake_indicator_row_reads_realised_growth(world, gdp_61):
    scope = data.scope_for(world.plan, world.prefecture, NOW)
    [figure] = [f for f in data.indicators(scope) if f.indicator.code == "gdp"]
    cells = common.indicator_row(figure)
    assert "realised 6.1% a year (target 6.5%)" in cells


# Per-indicator thresholds -------------------------------------------------------------------------


def test_planner_sets_an_indicators_own_thresholds_and_its_status_follows(login, world):
    Observation.objects.filter(indicator=world.gdp, period="2026").update(value=D("2660"))  # 92 %
    client = login("planner")
    response = client.post(reverse("indicators:thresholds", args=[world.gdp.pk]), {"on_track": "0.9"})
    assert response.status_code == 302
    world.gdp.refresh_from_db()
    assert world.gdp.threshold_on_track == D("0.9")
    assert _row(world, "gdp").status == Status.ON_TRACK
    page = client.get(f"/indicators/{world.gdp.pk}/").content.decode()
    assert "on track from 90% of the expected progress" in page


def test_thresholds_out_of_order_are_refused_and_nothing_changes(login, world):
    client = login("planner")
    response = client.post(
        reverse("indicators:thresholds", args=[world.gdp.pk]),
        {"on_track": "0.8", "lagging": "0.85"},
        follow=True,
    )
    world.gdp.refresh_from_db()
    assert world.gdp.threshold_on_track is None and world.gdp.threshold_lagging is None
    assert "Thresholds not changed" in response.content.decode()


def test_a_reporter_cannot_set_thresholds(login, world):
    login("industry").post(reverse("indicators:thresholds", args=[world.gdp.pk]), {"on_track": "0.5"})
    world.gdp.refresh_from_db()
    assert world.gdp.threshold_on_track is None


def test_admin_edits_an_indicators_thresholds(login, world):
    page = login("admin").get(f"/admin/indicators/indicator/{world.gdp.pk}/change/").content.decode()
    assert 'name="threshold_on_track"' in page and 'name="threshold_lagging"' in page


# Split parents --------------------------------------------------------------------------------------


@pytest.fixture
def farmland(world) -> Indicator:
    """A prefecture target 100 → 150 万亩 by 2030, split 40 → 60 (木垒) and 60 → 90 (奇台)."""
    parent = Indicator.objects.create(
        plan=world.plan,
        code="farmland",
        name="高标准农田面积",
        unit="万亩",
        attribute="expected",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=D("100"),
        target_kind="level",
        target_year=2030,
        target_value=D("150"),
        is_headline=True,
    )
    shares = [
        ShareInput(world.mulei_county, D("40"), D("60")),
        ShareInput(world.qitai_county, D("60"), D("90")),
    ]
    indicator_split(actor=_actor(world, "planner"), parent=parent, shares=shares)
    return parent


def _shares(farmland):
    return Indicator.objects.get(code="farmland-mulei"), Indicator.objects.get(code="farmland-qitai")


def test_split_parents_own_value_governs_and_the_page_says_so_beside_the_roll_up(login, world, farmland):
    mulei, qitai = _shares(farmland)
    _approve(farmland, "2026", "110")  # on its path
    _approve(mulei, "2026", "41")  # off track
    _approve(qitai, "2026", "66")
    row = _row(world, "farmland")
    assert row.status == Status.ON_TRACK
    assert row.assessment.basis == "own" and row.assessment.rollup.status == Status.OFF_TRACK
    page = html.fromstring(login("leader").get(f"/indicators/{farmland.pk}/").content)
    basis = page.get_element_by_id("status-basis")
    assert basis.get("data-basis") == "own"
    assert "governed by its own value" in basis.text_content()
    assert "the shares' roll-up:" in basis.text_content()
    assert basis.xpath(".//*[contains(@class, 'off_track')]")
    # The list says under the status which figure governs it.
    listed = html.fromstring(login("leader").get("/indicators/").content)
    note = listed.xpath("//tr[@data-indicator='farmland']//*[@data-basis]")
    assert [n.get("data-basis") for n in note] == ["own"]
    assert "governed by its own value" in note[0].text_content()


def test_split_parent_without_a_value_of_its_own_is_governed_by_its_shares_everywhere(login, world, farmland):
    mulei, qitai = _shares(farmland)
    _approve(mulei, "2026", "41")
    _approve(qitai, "2026", "66")
    assert _row(world, "farmland").status == Status.OFF_TRACK
    answer = login("leader").get(f"/api/v1/indicators/{farmland.pk}/status", {"at": "2028-02-01"}).json()
    assert (answer["status"], answer["status_basis"], answer["own_status"]) == (
        "off_track",
        "shares",
        "no_data",
    )
    scope = data.scope_for(world.plan, world.prefecture, NOW)
    [figure] = [f for f in data.indicators(scope) if f.indicator.code == "farmland"]
    assert figure.status.status == Status.OFF_TRACK
    board = login("leader").get("/").content.decode()
    assert 'data-indicator="farmland"' in board  # on the leaders' warning list


def test_shares_govern_when_all_report_a_later_period_than_the_parent(world, farmland):
    mulei, qitai = _shares(farmland)
    _approve(farmland, "2026", "110")
    for share, value in ((mulei, "44"), (qitai, "66")):
        _approve(share, "2026", value)
    _approve(mulei, "2027", "45")  # expected 48: off track
    _approve(qitai, "2027", "72")
    parent = with_approved(Indicator.objects.filter(pk=farmland.pk)).get()
    result = indicator_status(parent, parent.approved_observations, NOW)
    assert result.basis == "shares" and result.status == Status.OFF_TRACK
    assert result.own_status == Status.ON_TRACK


def test_list_of_split_parents_needs_no_query_per_parent(
    login, world, farmland, django_assert_max_num_queries
):
    client = login("leader")
    # the list's 12 (see test_list_needs_a_constant_number_of_queries) + the shares, their values and
    # their target versions, each in one query however many parents there are
    with django_assert_max_num_queries(15):
        assert client.get("/indicators/").status_code == 200
