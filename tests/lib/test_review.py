"""One review mechanism: each rule holds for indicator values, project and task reports, order answers."""

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lantu.dispatch import services as reporting
from lantu.dispatch import tasks
from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.selectors import task_reports_in_force
from lantu.indicators import services as indicator_services
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.access import actor_for
from lantu.orgs.models import Membership, Role
from lantu.supervision import services as supervision

NOW = datetime(2027, 6, 30, 4, tzinfo=UTC)


@dataclass(frozen=True)
class Reviewable:
    """How a test drives one kind: make one owned by a unit, submit, approve, return, read its version."""

    make: Callable[[Any, str], Any]  # (world, author username) -> object in an open state
    submit: Callable[[Any, Any], Any]
    approve: Callable[[Any, Any], Any]
    return_: Callable[[Any, Any, str], Any]
    version: Callable[[Any], int]
    author: str  # who enters it
    self_reviewer: str  # a user who may both enter it and review it (for the second-person rule)
    correct: Callable[[Any, Any], Any] | None = None  # start a correction of the approved object
    in_force: Callable[[Any], Any] | None = None  # the approved object in force for its period


def _actor(world, name):
    if name == "qitai-planner":
        return actor_for(User.objects.get(username="qitai-planner"))
    return actor_for(world.users[name])


def _output(world) -> Indicator:
    return Indicator.objects.get_or_create(
        plan=world.plan,
        code="output",
        defaults={
            "name": "规上工业增加值",
            "unit": "亿元",
            "attribute": "expected",
            "responsible_unit": world.industry_bureau,
            "baseline_year": 2025,
            "baseline_value": Decimal("100"),
            "target_kind": "level",
            "target_year": 2030,
            "target_value": Decimal("150"),
        },
    )[0]


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


OBSERVATION = Reviewable(
    make=lambda world, user: indicator_services.observation_save(
        actor=_actor(world, user), indicator=_output(world), period="2026", value="112", submit=False, now=NOW
    ),
    submit=lambda actor, obj: indicator_services.observation_submit(actor=actor, observation=obj, now=NOW),
    approve=lambda actor, obj: indicator_services.observation_approve(actor=actor, observation=obj, now=NOW),
    return_=lambda actor, obj, reason: indicator_services.observation_return(
        actor=actor, observation=obj, reason=reason, now=NOW
    ),
    version=lambda obj: _fresh(obj).version,
    author="industry",
    self_reviewer="planner",
    correct=lambda actor, obj: indicator_services.observation_save(
        actor=actor, indicator=obj.indicator, period=obj.period, value="90", submit=False, now=NOW
    ),
    in_force=lambda obj: Observation.objects.in_force().get(indicator=obj.indicator, period=obj.period),
)

PROGRESS_REPORT = Reviewable(
    make=lambda world, user: reporting.report_save(
        actor=_actor(world, user),
        project=world.mulei_project,
        period="2027-05",
        version=None,
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("10"),
    ),
    submit=lambda actor, obj: reporting.report_submit(actor=actor, report=obj, now=NOW),
    approve=lambda actor, obj: reporting.report_approve(actor=actor, report=obj, now=NOW),
    return_=lambda actor, obj, reason: reporting.report_return(
        actor=actor, report=obj, reason=reason, now=NOW
    ),
    version=lambda obj: _fresh(obj).version,
    author="mulei",
    self_reviewer="planner",
    correct=lambda actor, obj: reporting.report_revise(actor=actor, report=obj),
    in_force=lambda obj: reports_in_force().get(project=obj.project, period=obj.period),
)

TASK_REPORT = Reviewable(
    make=lambda world, user: tasks.task_report_save(
        actor=_actor(world, user),
        item=world.task,
        period="2027-05",
        version=None,
        progress=Decimal("10"),
        narrative="",
    ),
    submit=lambda actor, obj: tasks.task_report_submit(actor=actor, report=obj, now=NOW),
    approve=lambda actor, obj: tasks.task_report_review(actor=actor, report=obj, approve=True, now=NOW),
    return_=lambda actor, obj, reason: tasks.task_report_review(
        actor=actor, report=obj, approve=False, reason=reason, now=NOW
    ),
    version=lambda obj: _fresh(obj).version,
    author="industry",
    self_reviewer="planner",
    correct=lambda actor, obj: tasks.task_report_save(
        actor=actor,
        item=obj.item,
        period=obj.period,
        version=_fresh(obj).version,
        progress=Decimal("20"),
        narrative="",
    ),
    in_force=lambda obj: task_reports_in_force().get(item=obj.item, period=obj.period),
)


def _issue(world, user):
    order = supervision.order_issue(
        actor=_actor(world, "planner"),
        unit=world.mulei_county,
        title="加快项目进度",
        requirement="报送整改情况",
        deadline=date(2027, 7, 31),
        now=NOW,
        project=world.mulei_project,
    )
    order._answerer = user  # the unit's answer is what gets reviewed; the answerer is its author
    return order


SUPERVISION_ANSWER = Reviewable(
    make=_issue,
    submit=lambda actor, obj: supervision.order_respond(actor=actor, order=obj, text="已整改", now=NOW),
    approve=lambda actor, obj: supervision.order_close(actor=actor, order=obj, now=NOW),
    return_=lambda actor, obj, reason: supervision.order_return(
        actor=actor, order=obj, reason=reason, now=NOW
    ),
    version=lambda obj: obj.steps.count(),  # an order records every step as one
    author="mulei",
    self_reviewer="admin",  # only the unit (or an administrator) answers an order
)

KINDS = {
    "observation": OBSERVATION,
    "progress_report": PROGRESS_REPORT,
    "task_report": TASK_REPORT,
    "supervision_answer": SUPERVISION_ANSWER,
}
REVISABLE = ["observation", "progress_report", "task_report"]  # a closed order is final, not corrected


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def qitai_planner(world):
    user = User.objects.create_user("qitai-planner", password="pw")
    Membership.objects.create(user=user, unit=world.qitai_county, role=Role.PLANNER)
    return user


@pytest.fixture(params=list(KINDS))
def kind(request) -> Reviewable:
    return KINDS[request.param]


def _submitted(world, kind: Reviewable, author: str | None = None):
    author = author or kind.author
    obj = kind.make(world, author)
    return kind.submit(_actor(world, author), obj) and _fresh(obj)


def _state(obj) -> str:
    return _fresh(obj).state


def test_submit_only_from_draft_or_returned(world, kind):
    obj = _submitted(world, kind)
    with pytest.raises(ValidationError):
        kind.submit(_actor(world, kind.author), _fresh(obj))
    kind.return_(_actor(world, "planner"), _fresh(obj), "补充材料")
    kind.submit(_actor(world, kind.author), _fresh(obj))  # a returned one may be submitted again
    kind.approve(_actor(world, "planner"), _fresh(obj))
    with pytest.raises(ValidationError):
        kind.submit(_actor(world, kind.author), _fresh(obj))


def test_approve_and_return_only_what_was_submitted(world, kind):
    obj = kind.make(world, kind.author)
    before = _state(obj)
    with pytest.raises(ValidationError):
        kind.approve(_actor(world, "planner"), _fresh(obj))
    with pytest.raises(ValidationError):
        kind.return_(_actor(world, "planner"), _fresh(obj), "理由")
    assert _state(obj) == before


def test_returning_needs_a_reason(world, kind):
    obj = _submitted(world, kind)
    before = (_state(obj), kind.version(obj))
    with pytest.raises(ValidationError):
        kind.return_(_actor(world, "planner"), _fresh(obj), "  ")
    assert (_state(obj), kind.version(obj)) == before


def test_every_step_bumps_the_version(world, kind):
    obj = kind.make(world, kind.author)
    versions = [kind.version(obj)]
    kind.submit(_actor(world, kind.author), _fresh(obj))
    versions.append(kind.version(obj))
    kind.return_(_actor(world, "planner"), _fresh(obj), "口径有误")
    versions.append(kind.version(obj))
    kind.submit(_actor(world, kind.author), _fresh(obj))
    versions.append(kind.version(obj))
    kind.approve(_actor(world, "planner"), _fresh(obj))
    versions.append(kind.version(obj))
    assert versions == sorted(set(versions)), versions


def test_no_one_approves_what_they_entered_or_submitted(world, kind):
    obj = _submitted(world, kind, author=kind.self_reviewer)
    with pytest.raises(PermissionDenied, match="another person"):
        kind.approve(_actor(world, kind.self_reviewer), _fresh(obj))
    with pytest.raises(PermissionDenied, match="another person"):
        kind.return_(_actor(world, kind.self_reviewer), _fresh(obj), "自己退回")
    assert _state(obj) in ("submitted", "responded")


def test_a_one_person_office_may_approve_its_own_entries_when_the_setting_allows(world, kind, settings):
    settings.LANTU_REVIEW_ALLOW_SELF = True
    obj = _submitted(world, kind, author=kind.self_reviewer)
    kind.approve(_actor(world, kind.self_reviewer), _fresh(obj))
    assert _state(obj) in ("approved", "closed")


def test_a_planner_outside_the_owners_jurisdiction_cannot_review(world, kind, qitai_planner):
    obj = _submitted(world, kind)
    with pytest.raises(PermissionDenied):
        kind.approve(_actor(world, "qitai-planner"), _fresh(obj))
    with pytest.raises(PermissionDenied):
        kind.return_(_actor(world, "qitai-planner"), _fresh(obj), "越权")
    assert _state(obj) in ("submitted", "responded")


@pytest.mark.parametrize("reviewer", ["qitai", "leader"])
def test_reporters_and_leaders_cannot_review(world, kind, reviewer):
    obj = _submitted(world, kind)
    with pytest.raises(PermissionDenied):
        kind.approve(_actor(world, reviewer), _fresh(obj))
    with pytest.raises(PermissionDenied):
        kind.return_(_actor(world, reviewer), _fresh(obj), "无权")
    assert _state(obj) in ("submitted", "responded")


@pytest.mark.parametrize("name", REVISABLE)
def test_a_returned_correction_leaves_the_approved_one_in_force(world, name):
    kind = KINDS[name]
    obj = _submitted(world, kind)
    kind.approve(_actor(world, "planner"), _fresh(obj))
    correction = kind.correct(_actor(world, kind.author), _fresh(obj))
    assert correction.pk != obj.pk
    kind.submit(_actor(world, kind.author), _fresh(correction))
    assert kind.in_force(obj).pk == obj.pk  # a submitted correction does not count yet
    kind.return_(_actor(world, "planner"), _fresh(correction), "数据有误")
    assert kind.in_force(obj).pk == obj.pk and _state(obj) == "approved"
    kind.submit(_actor(world, kind.author), _fresh(correction))
    kind.approve(_actor(world, "planner"), _fresh(correction))
    assert kind.in_force(obj).pk == correction.pk


def test_a_bad_allow_self_setting_stops_the_start():
    env = {**os.environ, "LANTU_REVIEW_ALLOW_SELF": "sometimes", "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "LANTU_REVIEW_ALLOW_SELF" in result.stderr
