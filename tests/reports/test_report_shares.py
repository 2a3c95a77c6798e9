"""Split targets in reports: the prefecture's report lists the parent once, a county's report its share."""

from datetime import UTC, datetime
from decimal import Decimal

from lantu.indicators.models import Indicator
from lantu.reports.exporters.data import indicators, scope_for

NOW = datetime(2026, 12, 31, 12, tzinfo=UTC)


def _share(world, unit, value: str) -> Indicator:
    gdp = world.gdp
    return Indicator.objects.create(
        plan=world.plan,
        code=f"{gdp.code}-{unit.code}",
        name=f"{gdp.name}（{unit.short_name}）",
        unit=gdp.unit,
        attribute=gdp.attribute,
        responsible_unit=unit,
        baseline_year=gdp.baseline_year,
        baseline_value=Decimal(value),
        target_kind=gdp.target_kind,
        target_year=gdp.target_year,
        target_rate=gdp.target_rate,
        target_value=gdp.target_value,
        split_of=gdp,
    )


def test_prefecture_report_lists_a_split_indicator_once_and_a_county_report_its_share(world):
    mulei_share = _share(world, world.mulei_county, "100")
    _share(world, world.qitai_county, "200")
    whole = [f.indicator for f in indicators(scope_for(world.plan, world.prefecture, NOW))]
    assert world.gdp in whole and mulei_share not in whole
    county = [f.indicator for f in indicators(scope_for(world.plan, world.mulei_county, NOW))]
    assert county == [mulei_share]
