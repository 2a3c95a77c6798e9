"""API: supervision orders (督办) with their steps; issue, answer, close and send back."""

from datetime import date, datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from lantu.lib.schemas import Id, Pages, Text, UnitRef, limits_of, unit_ref
from lantu.orgs.api import reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import PlanItem
from lantu.problems import selectors as problem_selectors
from lantu.projects import selectors as project_selectors
from lantu.supervision import selectors, services
from lantu.supervision.models import SupervisionOrder, SupervisionStep

router = Router(tags=["supervision"])


class StepOut(Schema):
    kind: str
    actor: str | None
    at: datetime
    text: str
    evidence_url: str | None

    @staticmethod
    def resolve_actor(obj: SupervisionStep) -> str | None:
        return obj.actor.get_username() if obj.actor else None

    @staticmethod
    def resolve_evidence_url(obj: SupervisionStep) -> str | None:
        return f"/supervision/evidence/{obj.pk}/" if obj.evidence else None


class OrderOut(Schema):
    id: int
    title: str
    subject_kind: str
    subject_id: int
    unit: UnitRef | None
    requirement: str
    deadline: date
    state: str
    overdue: bool
    level: int
    escalated_to: UnitRef | None
    escalated_at: datetime | None
    issued_at: datetime
    closed_at: datetime | None
    closed_on_time: bool | None
    is_sample: bool

    @staticmethod
    def resolve_subject_id(obj: SupervisionOrder) -> int:
        return obj.item_id or obj.project_id or obj.problem_id

    @staticmethod
    def resolve_unit(obj: SupervisionOrder) -> UnitRef | None:
        return unit_ref(obj.unit)

    @staticmethod
    def resolve_escalated_to(obj: SupervisionOrder) -> UnitRef | None:
        return unit_ref(obj.escalated_to)

    @staticmethod
    def resolve_overdue(obj: SupervisionOrder) -> bool:
        return selectors.order_days_overdue(obj, on=timezone.localdate()) > 0


class OrderDetailOut(OrderOut):
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj: SupervisionOrder) -> list[SupervisionStep]:
        return selectors.order_steps(obj)


class OrderIn(Schema):
    subject_kind: Annotated[Text, Field(max_length=10, description="item, project or problem")]
    subject_id: Id
    unit: Annotated[Text, limits_of(OrgUnit, "code", description="org unit code")]
    title: Annotated[Text, limits_of(SupervisionOrder, "title")]
    requirement: Text
    deadline: date


class ReviewIn(Schema):
    text: Text = ""
    deadline: date | None = None


@router.get("/supervision/orders", response=list[OrderOut], summary="List supervision orders")
@paginate(Pages)
def list_orders(request, show: Text = "", unit: Text | None = None):
    """`show`: open, overdue, escalated or a state; `unit`: the ordered unit's code."""
    actor = reader(request)
    if show and show not in selectors.FILTERS:
        raise HttpError(
            400, _("show must be one of: %(choices)s.") % {"choices": ", ".join(selectors.FILTERS)}
        )
    unit_id = get_object_or_404(OrgUnit, code=unit).pk if unit else None
    return selectors.order_list(actor=actor, now=timezone.now(), show=show, unit_id=unit_id)


@router.get("/supervision/orders/{order_id}", response=OrderDetailOut, summary="One order with its steps")
def get_order(request, order_id: int):
    return selectors.order_get(actor=reader(request), pk=order_id)


def _subject(actor, kind: str, pk: int) -> dict:
    if kind == "item":
        return {"item": get_object_or_404(PlanItem, pk=pk)}
    if kind == "project":
        return {"project": project_selectors.project_get(actor=actor, pk=pk)}
    if kind == "problem":
        return {"problem": problem_selectors.problem_get(actor=actor, pk=pk)}
    raise HttpError(400, _("subject_kind is item, project or problem."))


@router.post("/supervision/orders", response={201: OrderDetailOut}, summary="Issue an order (planners)")
def issue_order(request, payload: OrderIn):
    actor = reader(request)
    subject = _subject(actor, payload.subject_kind, payload.subject_id)
    unit = get_object_or_404(OrgUnit, code=payload.unit)
    order = services.order_issue(
        actor=actor,
        unit=unit,
        title=payload.title,
        requirement=payload.requirement,
        deadline=payload.deadline,
        now=timezone.now(),
        **subject,
    )
    return Status(201, selectors.order_get(actor=actor, pk=order.pk))


@router.post("/supervision/orders/{order_id}/respond", response=OrderDetailOut, summary="Answer (the unit)")
def respond_order(request, order_id: int, text: Form[Text], evidence: File[UploadedFile] = None):
    """Multipart form: `text`, and optionally an `evidence` file (PDF, OFD, JPG, PNG, DOCX, XLSX, ≤ 10 MB)."""
    actor = reader(request)
    order = selectors.order_get(actor=actor, pk=order_id)
    services.order_respond(actor=actor, order=order, text=text, evidence=evidence, now=timezone.now())
    return selectors.order_get(actor=actor, pk=order_id)


@router.post(
    "/supervision/orders/{order_id}/close", response=OrderDetailOut, summary="Close (销号, planners)"
)
def close_order(request, order_id: int, payload: ReviewIn):
    actor = reader(request)
    order = selectors.order_get(actor=actor, pk=order_id)
    services.order_close(actor=actor, order=order, text=payload.text, now=timezone.now())
    return selectors.order_get(actor=actor, pk=order_id)


@router.post("/supervision/orders/{order_id}/return", response=OrderDetailOut, summary="Send back (planners)")
def return_order(request, order_id: int, payload: ReviewIn):
    """`text` is the reason (required); `deadline` optionally sets a new deadline."""
    actor = reader(request)
    order = selectors.order_get(actor=actor, pk=order_id)
    services.order_return(
        actor=actor, order=order, reason=payload.text, deadline=payload.deadline, now=timezone.now()
    )
    return selectors.order_get(actor=actor, pk=order_id)
