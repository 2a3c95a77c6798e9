"""Data vintages (初步核算, 初步核实, 最终核实): the latest approved vintage counts, earlier ones stay."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from lxml import html
from openpyxl import load_workbook

from lantu.demo.services import demo_load
from lantu.indicators import entry, excel
from lantu.indicators.charts import page_trend
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.revisions import status_revisions
from lantu.indicators.selectors import indicator_page, indicator_rows
from lantu.indicators.services import observation_approve, observation_save, observation_submit
from lantu.indicators.status import approved_until, indicator_status
from lantu.orgs.access import actor_for
from lantu.orgs.services import api_token_create

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 30, 12, tzinfo=UTC)
V = Observation.Vintage


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def _actor(world, name):
    return actor_for(world.users[name])


def _revised(world, value, *, state="approved", vintage=V.REVISED, release=date(2027, 5, 20)):
    """Add a later vintage of gdp 2026 (whose preliminary 2680 is on track)."""
    return Observation.objects.create(
        indicator=world.gdp,
        period="2026",
        period_end="2026-12-31",
        vintage=vintage,
        release_date=release,
        value=Decimal(value),
        state=state,
    )


def _status(world, now=NOW):
    return indicator_status(world.gdp, world.gdp.observations.all(), now)


def test_latest_approved_vintage_counts_for_the_status(world):
    assert _status(world).status == "on_track"
    revised = _revised(world, "2600")
    status = _status(world)
    assert status.status == "off_track" and status.latest == revised
    final = _revised(world, "2660", vintage=V.FINAL)
    assert _status(world).latest == final and _status(world).status == "lagging"


def test_unapproved_or_unreleased_vintage_does_not_count_yet(world):
    _revised(world, "2600", state="submitted")
    assert _status(world).status == "on_track"
    Observation.objects.filter(vintage=V.REVISED).update(state="approved")
    assert _status(world, datetime(2027, 5, 1, tzinfo=UTC)).status == "on_track"  # released on 20 May
    assert _status(world).status == "off_track"


def test_approved_until_keeps_one_value_per_period(world):
    _revised(world, "2600")
    assert [(o.period, o.vintage) for o in approved_until(world.gdp.observations.all(), NOW)] == [
        ("2026", "revised")
    ]


def test_lists_dashboard_and_chart_use_the_latest_vintage(world):
    _revised(world, "2600")
    [row] = [r for r in indicator_rows(_actor(world, "leader"), now=NOW) if r.indicator.code == "gdp"]
    assert row.status == "off_track" and row.latest.value == Decimal("2600")
    page = indicator_page(_actor(world, "leader"), world.gdp.pk, now=NOW)
    approved = next(s for s in page_trend(page)["series"] if s["name"] == "Approved values")
    assert [p["value"][1] for p in approved["data"] if p["name"] == "2026"] == [Decimal("2600")]
    assert page.superseded == {world.gdp.observations.get(vintage=V.PRELIMINARY).pk}


def test_reporter_enters_a_revised_vintage_which_is_reviewed_like_any_value(world):
    planner = _actor(world, "planner")
    revised = observation_save(
        actor=planner,
        indicator=world.gdp,
        period="2026",
        value="2600",
        vintage="revised",
        release_date="2027-05-20",
        submit=False,
        now=NOW,
    )
    assert world.gdp.observations.count() == 2 and revised.state == "draft"
    assert revised.release_date == date(2027, 5, 20)
    assert _status(world).status == "on_track"  # a draft does not count
    observation_submit(actor=planner, observation=revised, now=NOW)
    observation_approve(actor=_actor(world, "admin"), observation=revised, now=NOW)  # a second person
    assert _status(world).status == "off_track"
    preliminary = world.gdp.observations.get(vintage=V.PRELIMINARY)
    assert preliminary.value == Decimal("2680") and preliminary.state == "approved"


def test_unit_without_the_indicator_cannot_enter_a_vintage(world):
    with pytest.raises(PermissionDenied):
        observation_save(
            actor=_actor(world, "mulei"),
            indicator=world.gdp,
            period="2026",
            value="1",
            vintage="revised",
            submit=True,
            now=NOW,
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"vintage": "guess"}, "is not a vintage"),
        ({"release_date": "2027-07-01"}, "lies in the future"),
        ({"release_date": "2025-12-31"}, "not after the end of 2026"),
        ({"release_date": "2026-06-30"}, "not after the end of 2026"),  # released before the year is over
        ({"release_date": "soon"}, "is not a date"),
    ],
)
def test_bad_vintage_or_release_date_is_refused(world, fields, message):
    with pytest.raises(ValidationError, match=message):
        observation_save(
            actor=_actor(world, "planner"),
            indicator=world.gdp,
            period="2026",
            value="2600",
            submit=True,
            now=NOW,
            **{"vintage": "revised", **fields},
        )
    assert world.gdp.observations.count() == 1


def test_new_value_of_an_earlier_vintage_than_one_recorded_is_refused(world):
    world.gdp.observations.update(vintage=V.REVISED)
    with pytest.raises(ValidationError, match="would not count"):
        observation_save(
            actor=_actor(world, "planner"),
            indicator=world.gdp,
            period="2026",
            value="2600",
            vintage="preliminary",
            submit=True,
            now=NOW,
        )


def test_entry_grid_and_excel_work_on_the_preliminary_vintage(world):
    _revised(world, "2600")
    actor = _actor(world, "planner")
    [row] = [r for r in entry.entry_grid(actor, "2026", NOW) if r.indicator.code == "gdp"]
    assert row.observation.vintage == "preliminary" and row.observation.value == Decimal("2680")
    template = excel.template(actor, NOW)
    book = load_workbook(io.BytesIO(template))
    values = {(r[1], r[4]): r[5] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert values[("gdp", "2026")] == 2680
    result = excel.upload(actor, template, submit=True, now=NOW)
    assert result.errors == [] and result.changed == 0
    assert world.gdp.observations.count() == 2


def test_indicator_page_lists_every_vintage_with_its_release_date(login, world, settings):
    settings.LANGUAGE_CODE = "en"
    _revised(world, "2600")
    doc = html.fromstring(login("leader").get(f"/indicators/{world.gdp.pk}/").content)
    cells = [c.text_content() for c in doc.xpath("//section[@id='observations']//td[@class='vintage']")]
    assert len(cells) == 2
    assert "初步核算" in cells[0] and "superseded" in cells[0]
    assert "初步核实" in cells[1] and "2027-05-20" in cells[1] and "superseded" not in cells[1]


def test_page_form_enters_a_revised_vintage(login, world):
    client = login("planner")
    client.post(
        f"/indicators/{world.gdp.pk}/values/",
        {"period": "2026", "value": "2600", "vintage": "revised", "release_date": "2027-05-20"},
    )
    revised = world.gdp.observations.get(vintage=V.REVISED)
    assert (revised.value, revised.state, revised.release_date) == (2600, "submitted", date(2027, 5, 20))


def test_revision_that_changes_a_status_is_listed_for_the_planner(login, world):
    old = world.gdp.observations.get()
    new = _revised(world, "2600")
    [revision] = status_revisions(_actor(world, "planner"), NOW)
    assert (revision.old, revision.new, revision.period) == (old, new, "2026")
    assert (revision.before, revision.after, revision.latest) == ("on_track", "off_track", True)
    assert status_revisions(_actor(world, "industry"), NOW) == []
    doc = html.fromstring(login("planner").get("/indicators/review/").content)
    [row] = doc.xpath("//section[@id='status-revisions']//tr[@data-indicator='gdp']")
    text = row.text_content()
    assert "2,680" in text and "2,600" in text and row.get("data-period") == "2026"


def test_revision_that_keeps_the_status_is_not_listed(world):
    _revised(world, "2690")
    assert status_revisions(_actor(world, "planner"), NOW) == []


def test_revision_of_an_earlier_period_is_judged_at_that_period(world):
    Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=Decimal("2900"), state="approved"
    )
    later = datetime(2028, 3, 1, tzinfo=UTC)
    _revised(world, "2600")
    [revision] = status_revisions(_actor(world, "planner"), later)
    assert (revision.period, revision.before, revision.after, revision.latest) == (
        "2026",
        "on_track",
        "off_track",
        False,
    )
    assert _status(world, later).latest.period == "2027"


def _auth(world, name):
    token = api_token_create(user=world.users[name], now=timezone.now())
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_api_enters_and_lists_vintages(client, world):
    url = f"/api/v1/indicators/{world.gdp.pk}/observations"
    payload = {"period": "2026", "value": "2600", "vintage": "revised", "release_date": "2027-05-20"}
    response = client.post(url, payload, "application/json", **_auth(world, "planner"))
    assert response.status_code == 201, response.content
    assert response.json()["vintage"] == "revised" and response.json()["release_date"] == "2027-05-20"
    listed = client.get(url, **_auth(world, "planner")).json()
    assert [(o["period"], o["vintage"]) for o in listed] == [("2026", "preliminary"), ("2026", "revised")]
    bad = client.post(url, {**payload, "vintage": "guess"}, "application/json", **_auth(world, "planner"))
    assert bad.status_code == 400 and "not a vintage" in bad.json()["detail"]


def test_demo_shows_a_gdp_revision_a_status_changing_revision_and_an_adjusted_target(settings):
    settings.DEMO = False
    now = datetime(2026, 11, 15, 9, tzinfo=UTC)
    demo_load(now=now)
    gdp = Indicator.objects.get(plan__code="fyp15", code="gdp")
    vintages = list(
        gdp.observations.filter(period="2024").order_by("vintage").values_list("vintage", "is_sample")
    )
    assert vintages == [("preliminary", True), ("revised", True)]
    admin = actor_for(User.objects.create_superuser("root", password="pw"))
    [revision] = status_revisions(admin, now)
    assert (revision.indicator.code, revision.period) == ("digital-farmland", "2026Q2")
    assert (revision.before, revision.after, revision.new.is_sample) == ("lagging", "on_track", True)

    trade = Indicator.objects.get(plan__code="fyp15", code="trade")
    versions = list(trade.target_versions.values_list("number", "target_rate", "is_sample", "adopted_on"))
    assert versions == [
        (1, Decimal("12"), True, date(2026, 1, 1)),
        (2, Decimal("7.5"), True, date(2026, 6, 30)),
    ]
    assert trade.target_rate == Decimal("7.5") and "target_rate" in trade.sample_fields
    assert indicator_status(trade, trade.observations.all(), now).status == "lagging"
    original = trade.target_versions.get(number=1)
    assert indicator_status(trade, trade.observations.all(), now, original).status == "off_track"
    demo_load(now=now)  # again: nothing more
    assert trade.target_versions.count() == 2 and gdp.observations.filter(period="2024").count() == 2


def test_entry_grid_tells_the_unit_that_a_later_vintage_counts(login, world, output):
    _revised(world, "2600")
    Observation.objects.create(
        indicator=output, period="2026", period_end="2026-12-31", value=Decimal("104"), state="approved"
    )
    rows = {r.indicator.code: r for r in entry.entry_grid(_actor(world, "planner"), "2026", NOW)}
    assert rows["gdp"].later.value == Decimal("2600") and rows["output"].later is None
    doc = html.fromstring(login("planner").get("/indicators/entry/?period=2026").content)
    [note] = doc.xpath("//tr[@data-indicator='gdp']//*[@data-later='revised']")
    assert "2,600" in note.text_content() and "latest vintage counts" in note.text_content()


def test_excel_row_of_a_period_with_only_a_later_vintage_is_refused_with_its_cell(world):
    world.gdp.observations.update(vintage=V.REVISED)
    actor = _actor(world, "planner")
    template = excel.template(actor, NOW)
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[1].value == "gdp" and r[4].value == "2026")
    sheet[f"F{row}"] = 2600
    out = io.BytesIO()
    book.save(out)
    result = excel.upload(actor, out.getvalue(), submit=True, now=NOW)
    [error] = result.errors
    assert (error.row, error.column) == (row, "F") and "would not count" in error.message
    assert world.gdp.observations.count() == 1
