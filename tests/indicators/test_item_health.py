"""Plan item health rolled up from indicators and children: worst-of by default, weights optional."""

from datetime import UTC, datetime
from decimal import Decimal

from lantu.indicators.health import item_health
from lantu.indicators.models import Indicator, Observation

NOW = datetime(2027, 6, 30, tzinfo=UTC)


def _add(world, code, value, item, weight=1):
    indicator = Indicator.objects.create(
        plan=world.plan,
        code=code,
        name=code,
        unit="万吨",
        attribute="expected",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=Decimal("100"),
        target_kind="level",
        target_year=2030,
        target_value=Decimal("150"),
        weight=weight,
    )
    indicator.items.add(item)
    Observation.objects.create(
        indicator=indicator, period="2026", period_end="2026-12-31", value=value, state="approved"
    )


def test_worst_indicator_below_decides_every_ancestor(world):
    _add(world, "good", Decimal("111"), world.task)
    _add(world, "poor", Decimal("101"), world.measure)
    health = item_health(world.plan, now=NOW)
    assert health[world.task.pk] == "on_track"
    assert health[world.measure.pk] == "off_track"
    assert health[world.goal.pk] == "off_track"


def test_weighted_roll_up_is_a_setting(world, settings):
    world.gdp.weight = 0
    world.gdp.save()
    _add(world, "heavy", Decimal("111"), world.measure, weight=5)
    _add(world, "light", Decimal("101"), world.measure, weight=1)
    assert item_health(world.plan, now=NOW)[world.measure.pk] == "off_track"
    settings.LANTU_ROLLUP = "weighted"
    assert item_health(world.plan, now=NOW)[world.measure.pk] == "on_track"
