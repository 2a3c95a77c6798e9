"""Demo supervision orders (督办), all sample data: one closed on time, one overdue and escalated
(to 木垒县, so that the demo reporter sees it), one open on a key task."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from lantu.orgs.models import OrgUnit
from lantu.plans.models import PlanItem
from lantu.problems.models import Problem
from lantu.projects.models import Project
from lantu.supervision.models import SupervisionOrder, SupervisionStep

Kind = SupervisionStep.Kind


@dataclass(frozen=True)
class _Order:
    title: str
    subject: tuple[str, str]  # ("problem", title) · ("project", code) · ("item", code in fyp15)
    unit: str
    requirement: str
    issued_days_ago: int
    due_in_days: int  # negative: the deadline has passed
    answer: str = ""
    answered_days_ago: int = 0
    closed_days_ago: int | None = None
    escalated_days_ago: int | None = None


_ORDERS = (
    _Order(
        title="督办准东煤电项目二期用地指标落实",
        subject=("problem", "项目二期用地指标尚未落实"),
        unit="natural-resources",
        requirement="协调落实项目二期用地指标，报送用地预审意见及指标来源说明。",
        issued_days_ago=45,
        due_in_days=-15,
        answer="已通过增减挂钩调剂落实用地指标，用地预审意见已出具，附预审批复。",
        answered_days_ago=20,
        closed_days_ago=17,
    ),
    _Order(
        title="督办木垒县百万千瓦风电基地二期投资进度",
        subject=("project", "ML-102"),
        unit="mulei",
        requirement="说明年度投资完成滞后原因，报送赶超进度的整改措施和时间表。",
        issued_days_ago=35,
        due_in_days=-7,
        escalated_days_ago=6,
    ),
    _Order(
        title="督办“释放电”重点任务年度推进情况",
        subject=("item", "3.1.4"),
        unit="industry",
        requirement="报送电源装机和绿电项目年度推进清单及存在问题。",
        issued_days_ago=5,
        due_in_days=10,
    ),
)


def _subject(kind: str, key: str) -> dict:
    found: Problem | Project | PlanItem | None
    if kind == "problem":
        found = Problem.objects.filter(title=key).order_by("pk").first()
    elif kind == "project":
        found = Project.objects.filter(code=key).first()
    else:
        found = PlanItem.objects.filter(plan__code="fyp15", code=key).first()
    return {kind: found} if found is not None else {}


def supervision_load(*, now: datetime, units: dict[str, OrgUnit]) -> None:
    """Record the sample supervision orders with their steps; idempotent."""
    users = {u.username: u for u in User.objects.filter(username__in=("planner", "mulei", "industry"))}
    planner = users.get("planner")  # None when the demo users are not loaded
    for fact in _ORDERS:
        subject = _subject(*fact.subject)
        unit = units.get(fact.unit)
        if not subject or unit is None or SupervisionOrder.objects.filter(title=fact.title).exists():
            continue
        day = timezone.localdate(now)
        issued = now - timedelta(days=fact.issued_days_ago)
        order = SupervisionOrder(
            **subject,
            title=fact.title,
            unit=unit,
            requirement=fact.requirement,
            deadline=day + timedelta(days=fact.due_in_days),
            issued_by=planner,
            issued_at=issued,
            is_sample=True,
        )
        steps: list[tuple[str, User | None, datetime, str]] = [
            (Kind.ISSUE, planner, issued, fact.requirement)
        ]
        if fact.answer:
            answered = now - timedelta(days=fact.answered_days_ago)
            order.state, order.responded_at = SupervisionOrder.State.RESPONDED, answered
            steps.append((Kind.RESPOND, users.get(fact.unit), answered, fact.answer))
        if fact.closed_days_ago is not None:
            closed = now - timedelta(days=fact.closed_days_ago)
            order.state, order.closed_at = SupervisionOrder.State.CLOSED, closed
            order.closed_by_id = planner.pk if planner else None
            order.closed_on_time = timezone.localdate(closed) <= order.deadline
            steps.append((Kind.CLOSE, planner, closed, "材料齐全，同意销号。"))
        if fact.escalated_days_ago is not None:
            escalated = now - timedelta(days=fact.escalated_days_ago)
            order.level, order.escalated_at = SupervisionOrder.Level.PARENT, escalated
            order.escalated_to = unit.parent
            steps.append((Kind.ESCALATE, None, escalated, ""))
        order.save()
        for kind, actor, at, text in steps:
            SupervisionStep.objects.create(
                order=order, kind=kind, actor=actor, at=at, text=text, is_sample=True
            )
