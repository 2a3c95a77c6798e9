"""The dashboard's warnings: lagging and off-track indicators grouped by responsible unit."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from lxml import html

from lantu.indicators.models import Indicator, Observation

NOW = datetime(2027, 6, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def _indicator(world, code, unit, value):
    indicator = Indicator.objects.create(
        plan=world.plan,
        code=code,
        name=f"指标{code}",
        unit="万吨",
        attribute="expected",
        responsible_unit=unit,
        baseline_year=2025,
        baseline_value=Decimal("100"),
        target_kind="level",
        target_year=2030,
        target_value=Decimal("150"),
    )
    Observation.objects.create(
        indicator=indicator, period="2026", period_end="2026-12-31", value=value, state="approved"
    )
    return indicator


def test_warnings_are_grouped_by_responsible_unit_worst_unit_first(login, world):
    _indicator(world, "a", world.industry_bureau, Decimal("109.5"))  # lagging
    _indicator(world, "b", world.mulei_county, Decimal("101"))  # off track
    _indicator(world, "c", world.mulei_county, Decimal("109.6"))  # lagging
    _indicator(world, "d", world.mulei_county, Decimal("111"))  # on track: not listed
    doc = html.fromstring(login("leader").get("/").content.decode())
    groups = doc.xpath("//table[contains(@class, 'warnings')]/tbody")
    assert [g.get("data-unit") for g in groups] == ["mulei", "industry"]
    assert [tr.get("data-indicator") for tr in groups[0].xpath("tr[td]")] == ["b", "c"]
    assert "unlikely to meet the target" in groups[0].xpath("string(tr[td][1])")


def test_no_warnings_when_every_indicator_is_on_track(login, world):
    doc = html.fromstring(login("leader").get("/").content.decode())
    assert not doc.xpath("//table[contains(@class, 'warnings')]")
    assert "No indicator is lagging or off track." in doc.text_content()
