"""API: plans, their items (a flat list with parent ids) and the alignment links between plans."""

from datetime import date

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lantu.lib.schemas import Citation, Text, UnitRef, citation, unit_ref
from lantu.orgs.api import reader
from lantu.plans.models import Alignment, Plan, PlanItem

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    start_year: int
    end_year: int
    baseline_year: int
    owner: UnitRef
    item_count: int
    parent_code: str | None
    is_sample: bool
    source: Citation | None


class ItemOut(Schema):
    id: int
    parent_id: int | None
    level: str
    code: str
    title: str
    lead_unit: UnitRef | None
    deadline: date | None
    is_sample: bool
    sample_fields: list[str]
    source: Citation | None


def _plan_out(plan: Plan) -> PlanOut:
    return PlanOut(
        id=plan.pk,
        code=plan.code,
        name=plan.name,
        kind=plan.kind,
        start_year=plan.start_year,
        end_year=plan.end_year,
        baseline_year=plan.baseline_year,
        owner=unit_ref(plan.owner),
        item_count=plan.item_count,
        parent_code=plan.parent.code if plan.parent else None,
        is_sample=plan.is_sample,
        source=citation(plan),
    )


def _plans():
    return (
        Plan.objects.select_related("owner", "source", "parent")
        .annotate(item_count=Count("items"))
        .order_by("order", "code")
    )


@router.get("/plans", response=list[PlanOut], summary="List plans")
def list_plans(request):
    reader(request)
    return [_plan_out(plan) for plan in _plans()]


@router.get("/plans/{code}", response=PlanOut, summary="Get a plan")
def get_plan(request, code: Text):
    reader(request)
    return _plan_out(get_object_or_404(_plans(), code=code))


@router.get(
    "/plans/{code}/items", response=list[ItemOut], summary="List a plan's items, flat, with parent ids"
)
def list_items(request, code: Text, level: Text | None = None):
    reader(request)
    plan = get_object_or_404(Plan, code=code)
    items = PlanItem.objects.filter(plan=plan).select_related("lead_unit", "source").order_by("order", "code")
    if level:
        items = items.filter(level=level)
    return [
        ItemOut(
            id=item.pk,
            parent_id=item.parent_id,
            level=item.level,
            code=item.code,
            title=item.title,
            lead_unit=unit_ref(item.lead_unit),
            deadline=item.deadline,
            is_sample=item.is_sample,
            sample_fields=item.sample_fields or [],
            source=citation(item),
        )
        for item in items
    ]


class ItemRef(Schema):
    id: int
    plan: str
    code: str
    title: str
    level: str


class AlignmentOut(Schema):
    id: int
    item: ItemRef
    target: ItemRef
    kind: str
    note: str
    is_sample: bool


def _item_ref(item: PlanItem) -> ItemRef:
    return ItemRef(id=item.pk, plan=item.plan.code, code=item.code, title=item.title, level=item.level)


@router.get(
    "/plans/{code}/alignments",
    response=list[AlignmentOut],
    summary="List the alignment links from and to a plan's items (规划体系衔接)",
)
def list_alignments(request, code: Text):
    reader(request)
    plan = get_object_or_404(Plan, code=code)
    links = (
        Alignment.objects.filter(Q(item__plan=plan) | Q(target__plan=plan))
        .select_related("item__plan", "target__plan")
        .order_by("target__plan__order", "target__order", "item__plan__order", "item__order")
    )
    return [
        AlignmentOut(
            id=link.pk,
            item=_item_ref(link.item),
            target=_item_ref(link.target),
            kind=link.kind,
            note=link.note,
            is_sample=link.is_sample,
        )
        for link in links
    ]
