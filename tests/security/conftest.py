"""The objects of two units (木垒 own, 奇台 other) and the enumeration of every page of the URL conf."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

from lantu.dispatch.models import Attachment, ProgressReport, TaskReport
from lantu.indicators.models import Observation
from lantu.orgs.models import Membership, Role
from lantu.problems.models import Problem

# Text only drafts of the other unit (奇台) carry: no page or API answer to 木垒's users may contain it.
LEAK = "奇台草稿-LEAK-7f3a"
NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)
MISSING = 999_999  # ids of objects the matrix does not create: every role gets 404 (never a 500)


@dataclass
class Side:
    """One unit's objects: a project, its draft report and evidence, an indicator's draft value, a problem."""

    unit_code: str
    project: int
    report: int
    evidence: int
    indicator: int
    observation: int
    problem: int


@dataclass
class Matrix:
    own: Side
    other: Side
    plan: str
    item: int
    task: int
    task_report: int
    period: str
    leak: bytes = LEAK.encode()
    missing: int = MISSING


def _side(make_indicator, unit, project, indicator_code: str, marker: str) -> Side:
    indicator = make_indicator(indicator_code, unit, name=f"{unit.name}粮食产量")
    observation = Observation.objects.create(
        indicator=indicator,
        period="2026",
        period_end="2026-12-31",
        value=Decimal("12"),
        state="draft",
        note=marker,
    )
    report = ProgressReport.objects.create(
        project=project,
        period="2026-09",
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("10"),
        narrative=marker,
        state=ProgressReport.State.DRAFT,
    )
    evidence = Attachment(progress_report=report, name=f"{marker}.pdf", size=3, uploaded_at=NOW)
    evidence.file.save("evidence.pdf", ContentFile(b"%PDF"), save=False)
    evidence.save()
    problem = Problem.objects.create(
        project=project, title="用地问题", factor="land", unit=unit, due_date=date(2026, 12, 1), raised_at=NOW
    )
    return Side(unit.code, project.pk, report.pk, evidence.pk, indicator.pk, observation.pk, problem.pk)


@pytest.fixture
def matrix(world, open_period, unit_indicator, settings, tmp_path) -> Matrix:
    """Give 木垒 and 奇台 each a draft report with evidence, a draft indicator value and a problem."""
    settings.MEDIA_ROOT = tmp_path
    county_planner = world.users["mulei"].__class__.objects.create_user("mulei-planner", password="pw")
    Membership.objects.create(user=county_planner, unit=world.mulei_county, role=Role.PLANNER)
    world.users["county_planner"] = county_planner
    own = _side(unit_indicator, world.mulei_county, world.mulei_project, "grain-mulei", "")
    other = _side(unit_indicator, world.qitai_county, world.qitai_project, "grain-qitai", LEAK)
    task_report = TaskReport.objects.create(
        item=world.task, period="2026-09", progress=Decimal("50"), narrative=""
    )
    return Matrix(own, other, world.plan.code, world.goal.pk, world.task.pk, task_report.pk, "2026-09")


@pytest.fixture(scope="session")
def pages() -> list[tuple[str, list[str]]]:
    """Return every named page of the URL conf (not the admin's, not the API's) with its parameters."""
    return page_names()


def page_names() -> list[tuple[str, list[str]]]:
    """Return every named page of the URL conf (not the admin's, not the API's) with its parameters."""

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or str(pattern.pattern).startswith("api/"):
                    continue
                inner = pattern.namespace or ""
                yield from walk(pattern, ":".join(p for p in (namespace, inner) if p))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, sorted(pattern.pattern.regex.groupindex)

    seen: dict[str, list[str]] = {}
    for name, params in walk(get_resolver(), ""):
        seen.setdefault(name, params)
    return sorted(seen.items())
