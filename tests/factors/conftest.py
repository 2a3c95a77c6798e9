"""Factor fixtures: a land quota in 木垒县 that two projects compete for, and an English UI."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import translation

from lantu.factors.models import Demand, Factor, FactorProfile, Quota


@dataclass
class FactorWorld:
    """Handles on the factor objects of the test world."""

    land: Factor
    funds: Factor
    quota: Quota


@pytest.fixture(autouse=True)
def english(settings):
    """Render pages in English; reasons from the model stay Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def factors(world) -> FactorWorld:
    """Give 木垒县 300 亩 of land in 2026 against 500 + 200 亩 of demand; the Qitai project is worth more."""
    land = Factor.objects.create(code="land", name="新增建设用地", kind="land", unit="亩")
    funds = Factor.objects.create(code="bond", name="专项债", kind="funds", unit="亿元", order=1)
    quota = Quota.objects.create(factor=land, region=None, year=2026, amount=Decimal("600"))
    Demand.objects.create(project=world.mulei_project, factor=land, year=2026, amount=Decimal("400"))
    Demand.objects.create(project=world.qitai_project, factor=land, year=2026, amount=Decimal("300"))
    Demand.objects.create(project=world.qitai_project, factor=funds, year=2027, amount=Decimal("2.5"))
    FactorProfile.objects.create(project=world.qitai_project, value=Decimal("50"))
    FactorProfile.objects.create(project=world.mulei_project, value=Decimal("20"))
    return FactorWorld(land, funds, quota)
