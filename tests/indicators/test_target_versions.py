"""Target versions (中期调整): adopting an adjusted target, and every status naming its version."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from lxml import html

from lantu.indicators.models import Indicator, TargetVersion
from lantu.indicators.services import target_revise
from lantu.indicators.status import indicator_status
from lantu.orgs.access import actor_for
from lantu.orgs.services import api_token_create
from lantu.reports.exporters import common, data
from lantu.reports.exporters.ledgers import indicator_ledger

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 30, 12, tzinfo=UTC)
ADOPTED = date(2027, 3, 31)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def _revise(world, user="planner", **overrides) -> TargetVersion:
    fields = {
        "kind": "annual_growth",
        "year": 2030,
        "rate": "5.5",
        "label": "中期调整",
        "reason": "州人大常委会决定",
        "adopted_on": ADOPTED,
    }
    fields.update(overrides)
    return target_revise(actor=actor_for(world.users[user]), indicator=world.gdp, now=NOW, **fields)


def _lagging(world) -> None:
    """Make gdp lag its original 6.5 % path but meet a 5.5 % one (2026: 2660)."""
    world.gdp.observations.update(value=Decimal("2660"))


def test_first_adjustment_keeps_the_original_target_as_version_one(world):
    changes = world.gdp.history.count()
    version = _revise(world)
    world.gdp.refresh_from_db()
    assert world.gdp.target_rate == Decimal("5.5")
    rows = list(world.gdp.target_versions.order_by("number"))
    assert [(v.number, v.target_rate) for v in rows] == [(1, Decimal("6.5")), (2, Decimal("5.5"))]
    assert rows[0].label == "plan's original target" and rows[1] == version
    assert version.created_by == world.users["planner"] and version.reason == "州人大常委会决定"
    assert version.history.count() == 1 and world.gdp.history.count() == changes + 1


def test_second_adjustment_adds_version_three_and_keeps_the_others(world):
    _revise(world)
    _revise(world, rate="6", label="第二次调整", adopted_on=date(2027, 6, 1))
    assert list(world.gdp.target_versions.values_list("number", "target_rate")) == [
        (1, Decimal("6.5")),
        (2, Decimal("5.5")),
        (3, Decimal("6")),
    ]


@pytest.mark.parametrize("user", ["industry", "mulei", "leader"])
def test_only_planners_adjust_targets(world, user):
    with pytest.raises(PermissionDenied):
        _revise(world, user=user)
    world.gdp.refresh_from_db()
    assert world.gdp.target_rate == Decimal("6.5") and not TargetVersion.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rate": ""}, "The target is incomplete"),
        ({"rate": "6.5"}, "same as the target in force"),
        ({"reason": "  "}, "Give the reason"),
        ({"label": ""}, "Name the adjustment"),
        ({"year": 2024}, "must come after the baseline year"),
        ({"year": "2030年"}, "is not a year"),
        ({"kind": "bogus"}, "Choose the kind of target"),
        ({"rate": "lots"}, "is not a number"),
        ({"adopted_on": date(2027, 7, 1)}, "lies in the future"),
    ],
)
def test_bad_adjustment_is_refused_with_a_message_and_changes_nothing(world, overrides, message):
    with pytest.raises(ValidationError) as error:
        _revise(world, **overrides)
    assert message in " ".join(error.value.messages)
    world.gdp.refresh_from_db()
    assert world.gdp.target_rate == Decimal("6.5") and not TargetVersion.objects.exists()


def test_adjustment_cannot_be_dated_before_the_previous_one(world):
    _revise(world)
    with pytest.raises(ValidationError, match="must not precede"):
        _revise(world, rate="6", adopted_on=date(2027, 1, 1))
    assert world.gdp.target_versions.count() == 2


def test_level_adjustment_drops_the_rate(world):
    _revise(world, kind="level", value="3300", rate="6.5")
    world.gdp.refresh_from_db()
    assert (world.gdp.target_kind, world.gdp.target_value, world.gdp.target_rate) == ("level", 3300, None)


def test_status_is_measured_against_the_version_in_force_and_against_each(world):
    _lagging(world)
    before = indicator_status(world.gdp, world.gdp.observations.all(), NOW)
    assert before.status == "lagging" and before.version.number == 1 and before.version.pk is None
    _revise(world)
    gdp = Indicator.objects.get(pk=world.gdp.pk)
    after = indicator_status(gdp, gdp.observations.all(), NOW)
    assert after.status == "on_track" and after.version.number == 2
    original = gdp.target_versions.get(number=1)
    assert indicator_status(gdp, gdp.observations.all(), NOW, original).status == "lagging"
    # Before the adjustment was adopted the original target was in force.
    earlier = datetime(2027, 3, 1, tzinfo=UTC)
    assert indicator_status(gdp, gdp.observations.all(), earlier).version.number == 1


def test_indicator_page_shows_original_and_adjusted_target_with_status_against_each(login, world):
    _lagging(world)
    _revise(world)
    doc = html.fromstring(login("leader").get(f"/indicators/{world.gdp.pk}/").content)
    measured = doc.get_element_by_id("measured-against").text_content()
    assert "中期调整" in measured and "2027-03" in measured
    rows = doc.xpath("//section[@id='targets']//tbody/tr")
    assert [r.get("data-version") for r in rows] == ["1", "2"]
    assert "lagging" in rows[0].text_content() and "6.5%" in rows[0].text_content()
    assert "on track" in rows[1].text_content() and "in force" in rows[1].text_content()
    assert not doc.xpath("//form[contains(@action, '/targets/')]")  # a leader cannot adjust
    chart = doc.get_element_by_id("indicator-chart-options").text_content()
    assert "Original target path" in chart


def test_unadjusted_indicator_page_says_it_is_measured_against_the_original_target(login, world):
    doc = html.fromstring(login("planner").get(f"/indicators/{world.gdp.pk}/").content)
    assert "original target" in doc.get_element_by_id("measured-against").text_content()
    assert len(doc.xpath("//section[@id='targets']//tbody/tr")) == 1
    assert doc.xpath("//form[contains(@action, '/targets/')]")


def test_planner_adjusts_the_target_from_the_indicator_page(login, world):
    client = login("planner")
    url = f"/indicators/{world.gdp.pk}/targets/"
    form = {"kind": "annual_growth", "year": "2030", "rate": "5.5", "label": "中期调整", "reason": "决定"}
    response = client.post(url, {**form, "adopted_on": "2027-03-31"}, follow=True)
    assert "Target adjusted" in response.content.decode()
    assert world.gdp.target_versions.count() == 2
    refused = client.post(url, {**form, "rate": "", "adopted_on": "2027-04-01"}, follow=True)
    assert "Target not adjusted" in refused.content.decode()
    assert world.gdp.target_versions.count() == 2


def test_reporter_cannot_adjust_the_target_from_the_page(login, world):
    response = login("industry").post(
        f"/indicators/{world.gdp.pk}/targets/",
        {"kind": "annual_growth", "year": "2030", "rate": "5", "label": "x", "reason": "y"},
    )
    assert response.status_code == 403 and 'id="forbidden"' in response.content.decode()
    assert "planners adjust targets." in response.content.decode()
    assert not TargetVersion.objects.exists()


def test_indicator_list_names_the_adjusted_target_under_the_status(login, world):
    _revise(world)
    doc = html.fromstring(login("leader").get("/indicators/").content)
    [note] = doc.xpath("//*[@data-version='2']")
    assert "中期调整" in note.text_content()


def _auth(world, name):
    token = api_token_create(user=world.users[name], now=timezone.now())
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_api_adopts_lists_and_reports_the_version_of_a_status(client, world):
    _lagging(world)
    url = f"/api/v1/indicators/{world.gdp.pk}/target-versions"
    listed = client.get(url, **_auth(world, "leader")).json()
    assert [(v["number"], v["original"], v["in_force"]) for v in listed] == [(1, True, True)]
    payload = {
        "kind": "annual_growth",
        "year": 2030,
        "rate_percent": "5.5",
        "reason": "决定",
        "adopted_on": "2027-03-31",
    }
    assert client.post(url, payload, "application/json", **_auth(world, "industry")).status_code == 403
    response = client.post(url, payload, "application/json", **_auth(world, "planner"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert [(v["number"], v["status"], v["in_force"]) for v in body] == [
        (1, "lagging", False),
        (2, "on_track", True),
    ]
    status = client.get(f"/api/v1/indicators/{world.gdp.pk}/status", **_auth(world, "leader")).json()
    assert status["status"] == "on_track" and status["target_version"]["number"] == 2
    assert status["target_version"]["label"] == "中期调整"
    old = client.get(
        f"/api/v1/indicators/{world.gdp.pk}/status?at=2027-03-01", **_auth(world, "leader")
    ).json()
    assert old["status"] == "lagging" and old["target_version"]["original"] is True
    bad = client.post(url, {**payload, "rate_percent": None}, "application/json", **_auth(world, "planner"))
    assert bad.status_code == 400 and "incomplete" in bad.json()["detail"]


def test_report_row_names_the_adjusted_target_and_the_original(world):
    _lagging(world)
    _revise(world)
    scope = data.scope_for(world.plan, world.prefecture, NOW)
    [figure] = [f for f in data.indicators(scope) if f.indicator.code == "gdp"]
    row = common.indicator_row(figure)
    assert row[4] == "average annual growth 5.5%※" and row[-1] == "on track"
    note = common.adjustment_note(figure)
    assert note.startswith("※ ") and "中期调整 2027-03" in note
    assert "original target average annual growth 6.5%, lagging against it" in note
    early = data.scope_for(world.plan, world.prefecture, datetime(2027, 3, 1, tzinfo=UTC))
    [figure] = [f for f in data.indicators(early) if f.indicator.code == "gdp"]
    assert common.indicator_row(figure)[4] == "average annual growth 6.5%"
    assert common.adjustment_note(figure) == ""


def test_adjusting_a_sample_target_makes_it_real_and_the_history_shows_it(login, world):
    world.gdp.sample_fields = ["target_rate", "responsible_unit"]
    world.gdp.save()
    _revise(world)
    world.gdp.refresh_from_db()
    assert world.gdp.sample_fields == ["responsible_unit"]
    response = login("planner").get(f"/indicators/{world.gdp.pk}/")
    assert response.status_code == 200 and "responsible_unit" in response.content.decode()


def test_indicator_ledger_says_what_each_row_is_measured_against(world):
    _revise(world)
    ledger = indicator_ledger(world.plan, 2027, world.prefecture, NOW)
    assert ledger.columns[-1].label == "Measured against"
    [gdp] = [
        row.values for row in ledger.rows if getattr(row, "values", None) and row.values[1] == "地区生产总值"
    ]
    assert gdp[5] == "average annual growth 5.5%" and gdp[-1] == "per 中期调整 2027-03"


def test_dashboard_names_the_adjusted_target_on_the_headline_card_and_in_the_warnings(login, world):
    _lagging(world)
    _revise(world, adopted_on=date(2026, 1, 15))  # in force whatever the day the test runs
    doc = html.fromstring(login("leader").get("/").content)
    notes = doc.xpath("//*[@data-version='2']")
    assert notes and all("中期调整" in note.text_content() for note in notes)
