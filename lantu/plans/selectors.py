"""Reads of plans: plans with their item counts, one plan, one item, its ancestors, the lead units.

The pages that show items with their indicators and projects compose these one layer up
(lantu.dashboard.plan_selectors).
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from lantu.core.tree import build_forest
from lantu.orgs.access import Actor, plan_in_realm, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem


def _level_count(level: str) -> Count:
    return Count("items", filter=Q(items__level=level), distinct=True)


def plan_list(*, actor: Actor) -> QuerySet[Plan]:
    """Return every plan with its owner and its number of items per level."""
    require_reader(actor)
    return (
        Plan.objects.filter(plan_in_realm(actor))
        .select_related("owner", "parent")
        .annotate(
            goal_count=_level_count(PlanItem.Level.GOAL),
            measure_count=_level_count(PlanItem.Level.MEASURE),
            action_count=_level_count(PlanItem.Level.ACTION),
            task_count=_level_count(PlanItem.Level.TASK),
        )
        .order_by("order", "start_year", "code")
    )


def plan_get(*, actor: Actor, code: str) -> Plan:
    """Return a plan by its code, or raise Http404."""
    require_reader(actor)
    plans = Plan.objects.filter(plan_in_realm(actor)).select_related("owner", "parent", "source")
    return get_object_or_404(plans, code=code)


def plan_lead_units(*, actor: Actor, plan: Plan) -> QuerySet[OrgUnit]:
    """Return the units that lead at least one item of the plan, for the tree's filter."""
    require_reader(actor)
    return OrgUnit.objects.filter(led_items__plan=plan).distinct().order_by("order", "code")


def unit_by_code(code: str) -> OrgUnit | None:
    """Return the unit with this code, or None."""
    return OrgUnit.objects.filter(code=code).first() if code else None


def plan_item_get(*, actor: Actor, plan: Plan, pk: int) -> PlanItem:
    """Return one item of a plan with its plan, parent, units, clusters and children, or raise Http404."""
    require_reader(actor)
    queryset = (
        PlanItem.objects.filter(plan=plan)
        .select_related("plan", "parent", "lead_unit", "source")
        .prefetch_related(
            "partner_units",
            "clusters",
            Prefetch(
                "children", queryset=PlanItem.objects.select_related("lead_unit").order_by("order", "id")
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def plan_item_subtree_ids(item: PlanItem) -> list[int]:
    """Return the ids of an item and of every item below it (one query), the item first."""
    rows = PlanItem.objects.filter(plan_id=item.plan_id).values_list("id", "parent_id")
    for root in build_forest(rows):
        for node in root.walk():
            if node.id == item.pk:
                return [below.id for below in node.walk()]
    return [item.pk]


def plan_item_ancestors(item: PlanItem) -> list[PlanItem]:
    """Return the item's ancestors from the root down, for breadcrumbs."""
    rows = dict(PlanItem.objects.filter(plan_id=item.plan_id).values_list("id", "parent_id"))
    chain, current, seen = [], item.parent_id, set()
    while current is not None and current not in seen:
        seen.add(current)
        chain.append(current)
        current = rows.get(current)
    found = PlanItem.objects.in_bulk(chain)
    return [found[pk] for pk in reversed(chain) if pk in found]
