"""Indicator list and detail pages: access, content, filters and the htmx partial."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from lxml import html

from lantu.indicators.models import Indicator, Observation

pytestmark = pytest.mark.django_db

ROLES = ["admin", "planner", "industry", "mulei", "qitai", "leader"]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    """Freeze the pages' clock in mid-2027, after the 2026 values."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2027, 6, 30, tzinfo=UTC))


@pytest.fixture
def forest(world):
    """A binding indicator of the industry bureau, lagging behind, with sample data."""
    forest = Indicator.objects.create(
        plan=world.plan,
        code="forest",
        name="森林覆盖率",
        unit="%",
        attribute="binding",
        direction="higher",
        responsible_unit=world.industry_bureau,
        baseline_year=2025,
        baseline_value=Decimal("10"),
        target_kind="level",
        target_year=2030,
        target_value=Decimal("15"),
        sample_fields=["target_value"],
    )
    Observation.objects.create(
        indicator=forest,
        period="2026",
        period_end="2026-12-31",
        value=Decimal("10.5"),
        state="approved",
        is_sample=True,
    )
    return forest


def _doc(response):
    return html.fromstring(response.content.decode())


def classes(*names: str) -> str:
    """Return an XPath predicate matching elements that carry all these classes."""
    return " and ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names)


def badge(*names: str) -> str:
    return f".//span[{classes('badge', *names)}]"


ROWS = "//*[@id='indicator-table']//tbody/tr"


@pytest.mark.parametrize("username", ROLES)
def test_every_role_reads_the_list_and_the_detail(login, world, username):
    client = login(username)
    assert client.get("/indicators/").status_code == 200
    assert client.get(f"/indicators/{world.gdp.pk}/").status_code == 200


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    for url in ("/indicators/", f"/indicators/{world.gdp.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_user_without_a_role_is_forbidden(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/indicators/").status_code == 403
    assert client.get(f"/indicators/{world.gdp.pk}/").status_code == 403


def test_unknown_indicator_is_not_found(login):
    assert login("leader").get("/indicators/999999/").status_code == 404


def test_list_shows_baseline_target_latest_value_and_status(login, world):
    doc = _doc(login("leader").get("/indicators/"))
    [row] = doc.xpath(ROWS)
    text = row.text_content()
    assert "地区生产总值" in text and "亿元" in text
    assert "2,509.23" in text and "2025" in text
    assert "average annual growth 6.5%" in text
    assert "2,680" in text and "2026" in text
    assert row.xpath(badge("status", "on_track"))


def test_lagging_indicator_gets_an_amber_badge(login, world):
    Observation.objects.filter(indicator=world.gdp).update(value=Decimal("2660"))
    doc = _doc(login("leader").get("/indicators/"))
    assert doc.xpath(f"//*[@id='indicator-table']{badge('status', 'lagging')[1:]}")
    detail = _doc(login("leader").get(f"/indicators/{world.gdp.pk}/"))
    assert detail.xpath(f"//div[{classes('page-head')}]{badge('status', 'lagging')[1:]}")


def test_binding_indicator_and_sample_values_are_marked(login, forest):
    doc = _doc(login("planner").get("/indicators/?unit=industry"))
    [row] = doc.xpath(ROWS)
    assert row.xpath(badge("binding"))
    assert row.xpath(badge("status", "off_track"))  # binding and behind its path
    assert len(row.xpath(badge("sample"))) == 2  # the target and the latest value
    assert "15 % by 2030" in row.text_content()


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("", {"gdp", "forest"}),
        ("?unit=industry", {"forest"}),
        ("?unit=drc", {"gdp"}),
        ("?status=off_track", {"forest"}),
        ("?status=on_track", {"gdp"}),
        ("?plan=fyp15&status=lagging", set()),
        ("?plan=nope", set()),
        ("?status=bogus", {"gdp", "forest"}),
    ],
)
def test_filters_narrow_the_list(login, forest, query, codes):
    doc = _doc(login("leader").get(f"/indicators/{query}"))
    found = set(doc.xpath(f"{ROWS}/@data-indicator"))
    assert found == codes


def test_filter_choices_keep_the_selection(login, forest):
    doc = _doc(login("leader").get("/indicators/?status=off_track&unit=industry"))
    assert doc.xpath("//select[@name='status']/option[@value='off_track'][@selected]")
    assert doc.xpath("//select[@name='unit']/option[@value='industry'][@selected]")


def test_htmx_request_gets_only_the_table(login, forest):
    response = login("leader").get("/indicators/?unit=industry", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<select" not in body
    assert body.lstrip().startswith('<section id="indicator-table"')
    assert "森林覆盖率" in body and "地区生产总值" not in body


def test_detail_shows_attributes_citation_items_and_values(login, world):
    world.gdp.source_quote = "地区生产总值年均增长6.5%左右"
    world.gdp.save()
    doc = _doc(login("planner").get(f"/indicators/{world.gdp.pk}/"))
    text = doc.text_content()
    assert "地区生产总值" in text and "州发展和改革委员会" in text
    [link] = doc.xpath("//a[contains(@href, '/plans/fyp15/items/')]")
    assert link.get("href") == f"/plans/fyp15/items/{world.goal.pk}/"
    assert [td.text_content().strip() for td in doc.xpath("//*[@id='observations']//tbody/tr/td[1]")] == [
        "2026"
    ]
    assert doc.xpath("//*[@id='history']")  # planners see the change history


def test_detail_shows_source_citation(login, world):
    from lantu.sources.models import SourceDocument

    world.gdp.source = SourceDocument.objects.create(code="fyp15", title="十五五规划纲要")
    world.gdp.source_quote = "地区生产总值年均增长6.5%左右"
    world.gdp.save()
    doc = _doc(login("leader").get(f"/indicators/{world.gdp.pk}/"))
    [quote] = doc.xpath(f"//blockquote[{classes('citation')}]")
    assert "年均增长6.5%" in quote.text_content() and "十五五规划纲要" in quote.text_content()
    assert not doc.xpath("//*[@id='history']")  # leaders do not see the change history


def test_detail_chart_has_expected_path_actual_values_and_target(login, world):
    doc = _doc(login("leader").get(f"/indicators/{world.gdp.pk}/"))
    [chart] = doc.xpath("//div[@id='indicator-chart'][@data-chart]")
    option = json.loads(doc.get_element_by_id(chart.get("data-chart")).text_content())
    expected, actual, target, projection = option["series"]
    assert [point["value"][0] for point in expected["data"]] == [2025, 2026, 2027, 2028, 2029, 2030]
    # 2509.23 → 2680 is 6.8 % a year: the compound trend passes the 6.5 % target, drawn in green.
    assert [point["value"][0] for point in projection["data"]] == [2026, 2027, 2028, 2029, 2030]
    assert projection["data"][-1]["value"][1] == pytest.approx(2509.23 * (2680 / 2509.23) ** 5, rel=1e-4)
    assert projection["lineStyle"]["color"] == "#2e8540"
    assert expected["data"][-1]["value"][1] == pytest.approx(2509.23 * 1.065**5, rel=1e-4)
    assert [point["value"] for point in actual["data"]] == [[2025, 2509.23], [2026, 2680.0]]
    assert actual["itemStyle"]["color"] == "#2e8540"  # on track: green
    assert target["data"][0]["value"][1] == pytest.approx(expected["data"][-1]["value"][1])


def test_reporter_does_not_see_another_units_draft(login, world):
    Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=Decimal("2900"), state="draft"
    )
    mulei = login("mulei").get(f"/indicators/{world.gdp.pk}/").content.decode()
    assert "2,900" not in mulei and "2027" not in mulei.split('id="observations"')[1]


def test_planner_and_the_responsible_unit_see_drafts(login, world, django_user_model):
    Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=Decimal("2900"), state="submitted"
    )
    assert "2,900" in login("planner").get(f"/indicators/{world.gdp.pk}/").content.decode()
    assert "2,900" in login("leader").get(f"/indicators/{world.gdp.pk}/").content.decode()


def test_reporter_sees_its_own_units_drafts(login, forest):
    Observation.objects.create(
        indicator=forest, period="2027", period_end="2027-12-31", value=Decimal("11.25"), state="draft"
    )
    assert "11.25" in login("industry").get(f"/indicators/{forest.pk}/").content.decode()
    assert "11.25" not in login("qitai").get(f"/indicators/{forest.pk}/").content.decode()


def test_list_needs_a_constant_number_of_queries(login, world, forest, django_assert_max_num_queries):
    client = login("leader")
    for n in range(5):
        extra = Indicator.objects.create(
            plan=world.plan,
            code=f"x{n}",
            name=f"指标{n}",
            unit="%",
            attribute="expected",
            responsible_unit=world.drc,
            baseline_year=2025,
            baseline_value=1,
            target_kind="level",
            target_year=2030,
            target_value=2,
        )
        Observation.objects.create(
            indicator=extra, period="2026", period_end="2026-12-31", value=1, state="approved"
        )
    with django_assert_max_num_queries(12):
        assert client.get("/indicators/").status_code == 200


def _chart_option(doc) -> dict:
    [chart] = doc.xpath("//div[@id='indicator-chart'][@data-chart]")
    return json.loads(doc.get_element_by_id(chart.get("data-chart")).text_content())


def test_detail_chart_shows_values_before_the_baseline_for_context(login, world):
    Observation.objects.create(
        indicator=world.gdp, period="2020", period_end="2020-12-31", value=Decimal("1405"), state="approved"
    )
    option = _chart_option(_doc(login("leader").get(f"/indicators/{world.gdp.pk}/")))
    actual = option["series"][1]
    assert [point["name"] for point in actual["data"]] == ["2020", "2025", "2026"]
    assert option["xAxis"]["min"] == 2020 and option["xAxis"]["max"] == 2030


def _ceiling(world, baseline) -> Indicator:
    return Indicator.objects.create(
        plan=world.plan,
        code="pm",
        name="PM2.5",
        unit="μg/m³",
        attribute="binding",
        direction="lower",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=baseline,
        target_kind="ceiling",
        target_year=2030,
        target_value=35,
    )


def test_ceiling_the_baseline_meets_has_no_expected_path_only_the_ceiling(login, world):
    doc = _doc(login("leader").get(f"/indicators/{_ceiling(world, 33).pk}/"))
    approved, limit = _chart_option(doc)["series"]
    assert [point["value"][1] for point in limit["data"]] == [35, 35]
    assert "Ceiling" in doc.text_content()


# Was test_ceiling_chart_has_no_expected_path_only_the_ceiling (baseline 40): a ceiling above its
# bound now glides from the baseline, and the chart draws that path.
def test_ceiling_above_its_bound_draws_its_glide_path(login, world):
    doc = _doc(login("leader").get(f"/indicators/{_ceiling(world, 40).pk}/"))
    expected = next(s for s in _chart_option(doc)["series"] if s["name"] == "Expected path")
    assert [point["value"][1] for point in expected["data"]] == [40, 39, 38, 37, 36, 35]
