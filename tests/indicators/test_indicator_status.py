"""Indicator status from approved observations: models mapped onto the core trajectory."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lantu.core.trajectory import Status, TargetKind
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.status import elapsed_share, has_started, indicator_status, target_of

pytestmark = pytest.mark.django_db

MID_2027 = datetime(2027, 6, 30, tzinfo=UTC)


def _set_2026_value(indicator: Indicator, value: str, state: str = "approved") -> None:
    Observation.objects.filter(indicator=indicator, period="2026").update(value=Decimal(value), state=state)


def _status(indicator: Indicator, now: datetime = MID_2027):
    indicator.refresh_from_db()
    return indicator_status(indicator, indicator.observations.all(), now)


def test_growth_indicator_above_its_path_is_on_track(world):
    result = _status(world.gdp)  # 2680 against an expected 2672.33
    assert result.status == Status.ON_TRACK
    assert result.latest.period == "2026"
    assert result.achievement == pytest.approx((2680 - 2509.23) / (2509.23 * 0.065), rel=1e-6)


def test_growth_indicator_slightly_below_its_path_is_lagging(world):
    _set_2026_value(world.gdp, "2660")  # 92 % of the expected progress
    assert _status(world.gdp).status == Status.LAGGING


def test_growth_indicator_far_below_its_path_is_off_track(world):
    _set_2026_value(world.gdp, "2560")
    assert _status(world.gdp).status == Status.OFF_TRACK


def test_binding_indicator_below_its_path_is_off_track_not_lagging(world):
    world.gdp.attribute = Indicator.Attribute.BINDING
    world.gdp.save()
    _set_2026_value(world.gdp, "2660")
    assert _status(world.gdp).status == Status.OFF_TRACK


def test_thresholds_come_from_settings(world, settings):
    _set_2026_value(world.gdp, "2660")
    settings.LANTU_STATUS_LAGGING = 0.95
    assert _status(world.gdp).status == Status.OFF_TRACK


def test_unapproved_values_do_not_count(world):
    _set_2026_value(world.gdp, "2000", state="submitted")
    result = _status(world.gdp)
    assert result.status == Status.NO_DATA and result.latest is None


def test_values_of_periods_not_yet_begun_are_ignored(world):
    Observation.objects.create(
        indicator=world.gdp, period="2028", period_end="2028-12-31", value=Decimal("1"), state="approved"
    )
    assert _status(world.gdp).latest.period == "2026"


def _pm25(world, baseline: str = "38") -> Indicator:
    return Indicator.objects.create(
        plan=world.plan,
        code="pm",
        name="PM2.5",
        unit="μg/m³",
        attribute="binding",
        direction="lower",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=Decimal(baseline),
        target_kind="ceiling",
        target_year=2030,
        target_value=Decimal("35"),
    )


# Was test_lower_is_better_ceiling_indicator_is_off_track_above_the_ceiling: 38 in 2026 against a
# 40 → 35 ceiling was off track from the first year; the ceiling now glides from the baseline.
def test_ceiling_above_its_bound_in_the_first_year_is_on_track_on_the_good_side_of_its_glide_path(world):
    pm25 = _pm25(world)
    Observation.objects.create(
        indicator=pm25, period="2026", period_end="2026-12-31", value=Decimal("36.3"), state="approved"
    )
    result = _status(pm25)
    assert result.status == Status.ON_TRACK
    assert result.expected == pytest.approx(37.4)


def test_binding_ceiling_above_its_glide_path_is_off_track(world):
    pm25 = _pm25(world)
    Observation.objects.create(
        indicator=pm25, period="2026", period_end="2026-12-31", value=Decimal("37.5"), state="approved"
    )
    assert _status(pm25).status == Status.OFF_TRACK


def test_ceiling_the_baseline_already_met_holds_every_year(world):
    pm25 = _pm25(world, baseline="33")
    Observation.objects.create(
        indicator=pm25, period="2026", period_end="2026-12-31", value=Decimal("35.5"), state="approved"
    )
    assert _status(pm25).status == Status.OFF_TRACK


def test_growth_status_carries_the_realised_and_the_target_rate(world):
    Observation.objects.create(
        indicator=world.gdp,
        period="2027",
        period_end="2027-12-31",
        value=Decimal(str(round(2509.23 * 1.061**2, 2))),
        state="approved",
    )
    result = _status(world.gdp, datetime(2028, 6, 30, tzinfo=UTC))
    assert result.is_growth
    assert result.realised_rate == pytest.approx(0.061, abs=1e-5)
    assert result.target_rate == pytest.approx(0.065)
    assert result.achievement == pytest.approx(0.061 / 0.065, abs=1e-4)
    assert result.status == Status.LAGGING


def test_indicator_thresholds_override_the_settings(world, settings):
    _set_2026_value(world.gdp, "2660")  # 92 % of the target rate: lagging by default
    assert _status(world.gdp).status == Status.LAGGING
    world.gdp.threshold_on_track = Decimal("0.9")
    world.gdp.save()
    assert _status(world.gdp).status == Status.ON_TRACK
    world.gdp.threshold_on_track = None
    world.gdp.threshold_lagging = Decimal("0.95")
    world.gdp.save()
    assert _status(world.gdp).status == Status.OFF_TRACK


def test_indicator_without_thresholds_follows_the_settings(world, settings):
    _set_2026_value(world.gdp, "2660")
    settings.LANTU_STATUS_ON_TRACK = 0.9
    assert _status(world.gdp).status == Status.ON_TRACK


def test_indicator_thresholds_out_of_order_are_refused(world):
    world.gdp.threshold_on_track = Decimal("0.8")
    world.gdp.threshold_lagging = Decimal("0.9")
    with pytest.raises(ValidationError) as error:
        world.gdp.full_clean(exclude=["source"])
    assert "threshold_lagging" in error.value.message_dict


def test_rate_in_percent_becomes_a_fraction_for_the_core(world):
    target = target_of(world.gdp)
    assert target.kind == TargetKind.ANNUAL_GROWTH and target.rate == pytest.approx(0.065)


def test_incomplete_target_gives_no_data_rather_than_an_error(world):
    world.gdp.target_rate = None
    assert target_of(world.gdp) is None
    assert indicator_status(world.gdp, world.gdp.observations.all(), MID_2027).status == Status.NO_DATA


def test_a_period_has_started_once_its_first_day_has_come():
    assert has_started("2026", datetime(2026, 1, 2, tzinfo=UTC))
    assert not has_started("2027Q1", datetime(2026, 12, 30, tzinfo=UTC))
    assert not has_started("not a period", MID_2027)


def test_elapsed_share_of_a_five_year_plan():
    assert elapsed_share(2026, 2030, datetime(2025, 6, 1, tzinfo=UTC)) == 0
    assert elapsed_share(2026, 2030, datetime(2028, 7, 2, tzinfo=UTC)) == pytest.approx(0.5, abs=0.01)
    assert elapsed_share(2026, 2030, datetime(2031, 1, 1, tzinfo=UTC)) == 1
