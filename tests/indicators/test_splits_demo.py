"""The demo split: the farmland target shared among the seven counties, as sample data that adds up."""

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest

from lantu.core.trajectory import Status
from lantu.demo.splits import SHARES, splits_load
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.splits import split_check, split_panel
from lantu.orgs.access import actor_for
from lantu.orgs.models import OrgUnit

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def counties(world) -> dict[str, OrgUnit]:
    """The demo's seven counties (木垒 and 奇台 of the test world among them)."""
    units = {"mulei": world.mulei_county, "qitai": world.qitai_county}
    for order, code in enumerate(("changji-city", "fukang", "hutubi", "manas", "jimsar")):
        units[code] = OrgUnit.objects.create(
            code=code, name=code, kind="county", parent=world.prefecture, order=order
        )
    return units


@pytest.fixture
def farmland(world) -> Indicator:
    """The prefecture's binding farmland target as the demo has it."""
    indicator = Indicator.objects.create(
        plan=world.plan,
        code="hs-farmland",
        name="高标准农田面积",
        unit="万亩",
        attribute="binding",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=D("530.76"),
        target_kind="level",
        target_year=2030,
        target_value=D("600"),
    )
    indicator.items.add(world.measure)
    return indicator


def test_demo_shares_add_up_are_sample_data_and_one_drags_the_parent(world, counties, farmland) -> None:
    splits_load(now=NOW, units=counties)
    shares = list(farmland.shares.all())
    assert len(shares) == len(SHARES) == 7
    assert all(c.ok for c in split_check(farmland, shares))
    assert all(s.is_sample and not s.is_headline for s in shares)
    assert not Observation.objects.filter(indicator__in=shares, is_sample=False).exists()
    assert all(list(s.items.all()) == [world.measure] for s in shares)
    panel = split_panel(actor_for(world.users["leader"]), farmland, now=NOW)
    assert panel.rollup.status == Status.OFF_TRACK and panel.rollup.complete
    assert panel.dragging[0].indicator.responsible_unit.code == "mulei"


def test_loading_the_demo_split_twice_changes_nothing(world, counties, farmland) -> None:
    splits_load(now=NOW, units=counties)
    before = (
        list(Indicator.objects.order_by("pk").values()),
        list(Observation.objects.order_by("pk").values()),
    )
    history = Indicator.history.count() + Observation.history.count()
    splits_load(now=NOW, units=counties)
    assert (
        list(Indicator.objects.order_by("pk").values()),
        list(Observation.objects.order_by("pk").values()),
    ) == before
    assert Indicator.history.count() + Observation.history.count() == history


def test_resaving_the_demo_split_keeps_sample_shares_until_a_planner_changes_them(
    world, counties, farmland
) -> None:
    from lantu.indicators.splits import ShareInput, indicator_split

    splits_load(now=NOW, units=counties)
    rows = [ShareInput(counties[code], b, t) for code, b, t, _ in SHARES]
    rows[-1] = ShareInput(counties["mulei"], D("55"), D("60"))
    indicator_split(actor=actor_for(world.users["planner"]), parent=farmland, shares=rows)
    sample = dict(farmland.shares.values_list("responsible_unit__code", "is_sample"))
    assert sample.pop("mulei") is False
    assert all(sample.values())
    assert farmland.shares.get(responsible_unit__code="qitai").data_source == "奇台县农业农村局"
