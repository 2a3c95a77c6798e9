"""Fixtures of the supervision tests: a fixed now, actors and an order issued to 木垒."""

from datetime import UTC, date, datetime

import pytest

from lantu.orgs.access import actor_for
from lantu.problems.models import Problem
from lantu.supervision import services

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # 2026-11-02 11:00 in Changji (Asia/Shanghai)
DEADLINE = date(2026, 11, 20)


@pytest.fixture
def now():
    """Return the tests' fixed now."""
    return NOW


@pytest.fixture
def deadline():
    """Return the deadline of the `order` fixture."""
    return DEADLINE


@pytest.fixture
def actors(world):
    """Return the resolved actor of every named user."""
    return {name: actor_for(user) for name, user in world.users.items()}


@pytest.fixture
def problem(world):
    """Return a problem of 奇台's project, asked of 奇台 to solve."""
    return Problem.objects.create(
        project=world.qitai_project,
        title="用地手续未办结",
        factor="land",
        unit=world.qitai_county,
        due_date=date(2026, 12, 1),
        raised_at=NOW,
    )


@pytest.fixture
def order(world, actors):
    """Return an order issued to 木垒 on its project, due 2026-11-20."""
    return services.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        project=world.mulei_project,
        title="督办木垒县新能源项目进度",
        requirement="说明投资完成滞后原因并提出整改措施",
        deadline=DEADLINE,
        now=NOW,
    )
