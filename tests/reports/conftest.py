"""Report tests: the small world with a year of data, generated inline into a temporary media folder."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lantu.dispatch.models import ProgressReport, TaskReport
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.access import actor_for
from lantu.problems.models import Problem
from lantu.projects.models import AnnualPlan
from lantu.reports import services

NOW = timezone.make_aware(datetime(2026, 11, 23, 10, 0))


@dataclass
class ReportWorld:
    """The test world plus the figures the reports must show."""

    world: object
    energy: Indicator


@pytest.fixture(autouse=True)
def _inline_reports(settings, tmp_path):
    """Generate reports inline and keep their files in a temporary folder."""
    settings.LANTU_JOBS_SYNC = True
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def now() -> datetime:
    """Return the moment the reports are asked for."""
    return NOW


@pytest.fixture
def data(world) -> ReportWorld:
    """Add a binding indicator, annual plans, progress reports, a task report and problems."""
    energy = Indicator.objects.create(
        plan=world.plan,
        code="energy",
        name="单位地区生产总值能耗",
        unit="吨标准煤/万元",
        attribute="binding",
        direction="lower",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=Decimal("2.0"),
        target_kind="cumulative_change",
        target_year=2030,
        target_rate=Decimal("-10"),
        order=2,
    )
    Observation.objects.create(
        indicator=energy, period="2026", period_end="2026-12-31", value=Decimal("2.1"), state="approved"
    )
    mulei, qitai = world.mulei_project, world.qitai_project
    AnnualPlan.objects.create(project=mulei, year=2026, planned_investment=Decimal("100000"))
    AnnualPlan.objects.create(project=qitai, year=2026, planned_investment=Decimal("50000"))
    approved = ProgressReport.State.APPROVED
    ProgressReport.objects.create(
        project=mulei,
        period="2026-10",
        completed_investment=8000,
        cumulative_investment=80000,
        state=approved,
    )
    ProgressReport.objects.create(  # a draft of a later month does not count
        project=mulei, period="2026-11", completed_investment=9000, cumulative_investment=89000
    )
    ProgressReport.objects.create(
        project=qitai,
        period="2026-09",
        completed_investment=10000,
        cumulative_investment=10000,
        state=approved,
    )
    ProgressReport.objects.create(  # submitted, not yet approved: does not count
        project=qitai,
        period="2026-10",
        completed_investment=10000,
        cumulative_investment=20000,
        state="submitted",
    )
    world.task.deadline = date(2027, 12, 31)
    world.task.save()
    world.task.partner_units.add(world.mulei_county)
    TaskReport.objects.create(item=world.task, period="2026-10", progress=Decimal("50"), state=approved)
    Problem.objects.create(
        project=mulei,
        title="用地指标不足",
        factor="land",
        unit=world.mulei_county,
        due_date=date(2026, 11, 1),
        raised_at=timezone.make_aware(datetime(2026, 9, 1)),
    )
    Problem.objects.create(
        project=qitai,
        title="环评批复滞后",
        factor="approval",
        unit=world.qitai_county,
        due_date=date(2026, 10, 1),
        state="solved",
        raised_at=timezone.make_aware(datetime(2026, 8, 1)),
        closed_at=timezone.make_aware(datetime(2026, 9, 20)),
    )
    return ReportWorld(world, energy)


@pytest.fixture
def generate(data):
    """Return a function that generates a report as a named user and returns it."""

    def _generate(kind: str, username: str = "planner", unit=None, year: int = 2026, month=None):
        world = data.world
        return services.report_request(
            actor=actor_for(world.users[username]),
            kind=kind,
            plan=world.plan,
            unit=unit or world.prefecture,
            year=year,
            month=month,
            now=NOW,
            language="zh-hans",
        )

    return _generate
