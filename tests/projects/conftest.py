"""Dispatch fixtures: actors of the shared world, annual plans and an open reporting period."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from lantu.dispatch.models import ReportingPeriod
from lantu.orgs.access import actor_for
from lantu.projects.models import AnnualPlan

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def now():
    """Return the moment the dispatch tests run at: early October 2026."""
    return NOW


@pytest.fixture
def actors(world):
    """Return the world's users resolved as actors, by username."""
    return {name: actor_for(user) for name, user in world.users.items()}


@pytest.fixture
def open_period(world):
    """Open 2026-09 of the world's plan (deadline 2026-10-05) and give both projects a 2026 plan."""
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("1200"))
    AnnualPlan.objects.create(project=world.qitai_project, year=2026, planned_investment=Decimal("600"))
    return ReportingPeriod.objects.create(plan=world.plan, period="2026-09", deadline=date(2026, 10, 5))
