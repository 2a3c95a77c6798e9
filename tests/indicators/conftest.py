"""These page tests read English output; Chinese rendering is checked in tests/lib/test_language.py."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Render pages and filters in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def output(world):
    """An annual indicator the industry bureau (reporter `industry`) is responsible for."""
    from decimal import Decimal

    from lantu.indicators.models import Indicator

    return Indicator.objects.create(
        plan=world.plan,
        code="output",
        name="规上工业增加值",
        unit="亿元",
        attribute="expected",
        responsible_unit=world.industry_bureau,
        baseline_year=2025,
        baseline_value=Decimal("100"),
        target_kind="level",
        target_year=2030,
        target_value=Decimal("150"),
    )
