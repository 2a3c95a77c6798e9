"""API: plans and their items (a flat list with parent ids)."""

from datetime import date

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lantu.api.access import reader
from lantu.api.schemas import Citation, UnitRef, citation, unit_ref
from lantu.plans.models import Plan, PlanItem

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
        is_sample=plan.is_sample,
        source=citation(plan),
    )


def _plans():
    return (
        Plan.objects.select_related("owner", "source")
        .annotate(item_count=Count("items"))
        .order_by("order", "code")
    )


@router.get("/plans", response=list[PlanOut], summary="List plans")
def list_plans(request):
    reader(request)
    return [_plan_out(plan) for plan in _plans()]


@router.get("/plans/{code}", response=PlanOut, summary="Get a plan")
def get_plan(request, code: str):
    reader(request)
    return _plan_out(get_object_or_404(_plans(), code=code))


@router.get(
    "/plans/{code}/items", response=list[ItemOut], summary="List a plan's items, flat, with parent ids"
)
def list_items(request, code: str, level: str | None = None):
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
