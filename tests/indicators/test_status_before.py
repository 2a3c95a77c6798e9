"""A status as it stood earlier (the dashboard's change since the start of the month) equals a fresh
assessment as of that moment, whether or not it is taken from today's status when nothing moved."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest

from lantu.indicators import status
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.selectors import indicator_rows, status_as_of, status_before
from lantu.indicators.services import target_revise
from lantu.orgs.access import actor_for

pytestmark = pytest.mark.django_db


def _value(indicator, period, value, *, state="approved", vintage="preliminary", released=None):
    year = int(period[:4])
    Observation.objects.create(
        indicator=indicator,
        period=period,
        period_end=date(year, 12, 31),
        value=D(value),
        state=state,
        vintage=vintage,
        release_date=released,
    )


@pytest.fixture
def indicators(world):
    """gdp with vintages released over time, a value not yet approved and a mid-term target adjustment;
    a farmland target split between two counties, their values released at different dates."""
    gdp = world.gdp
    gdp.observations.update(value=D("2640"))  # 2026: +5.2 %, behind the original 6.5 % path, not the 4 % one
    _value(gdp, "2027", "2800", released=date(2028, 2, 20))
    _value(gdp, "2027", "2950", vintage="final", released=date(2028, 9, 1))
    _value(gdp, "2028", "3300", state="submitted")
    target_revise(
        actor=actor_for(world.users["planner"]),
        indicator=gdp,
        now=datetime(2027, 4, 1, tzinfo=UTC),
        kind="annual_growth",
        year=2030,
        rate="4.0",
        label="中期调整",
        reason="州人大常委会决定",
        adopted_on=date(2027, 3, 31),
    )
    fields = {
        "plan": world.plan,
        "unit": "万亩",
        "attribute": "binding",
        "responsible_unit": world.drc,
        "baseline_year": 2025,
        "target_kind": "level",
        "target_year": 2030,
    }
    farmland = Indicator.objects.create(
        code="farmland", name="高标准农田面积", baseline_value=D("100"), target_value=D("150"), **fields
    )
    for code, county, released, value in (
        ("farmland-mulei", world.mulei_county, date(2027, 1, 20), "52"),
        ("farmland-qitai", world.qitai_county, date(2027, 5, 10), "45"),
    ):
        share = Indicator.objects.create(
            code=code,
            name=f"高标准农田面积（{county.name}）",
            baseline_value=D("50"),
            target_value=D("75"),
            split_of=farmland,
            split_weight=D("50"),
            **fields | {"responsible_unit": county},
        )
        _value(share, "2026", value, released=released)
    return gdp, farmland


def test_the_status_before_equals_an_assessment_as_of_then_for_every_month(world, indicators):
    actor = actor_for(world.users["planner"])
    month_starts = [datetime(y, m, 1, tzinfo=UTC) for y in range(2026, 2030) for m in range(1, 13)]
    basis = {True: 0, False: 0}
    for now in month_starts[1:]:
        now = now.replace(day=12)
        rows = indicator_rows(actor, now=now)
        assert {row.indicator.code for row in rows} >= {"gdp", "farmland"}
        for row in rows:
            for earlier in [m for m in month_starts if m < now][-3:]:
                values = row.indicator.approved_observations
                basis[status.same_status_basis(row.indicator, values, earlier, now)] += 1
                assert status_before(row, earlier, now) == status_as_of(row.indicator, earlier).status, (
                    row.indicator.code,
                    earlier,
                    now,
                )
    # Both ways were taken: today's status reused, and a fresh assessment where a value or version moved.
    assert basis[True] > 0 and basis[False] > 0
