"""Reads for the plan pages that show items with their indicators, their health and their projects.

They compose the plans app's selectors with indicators and projects, which sit above plans.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from lantu.core.tree import Node, build_forest, prune
from lantu.indicators.health import item_health
from lantu.indicators.models import Indicator
from lantu.orgs.access import Actor, require_reader, subtree
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.plans.selectors import plan_item_get
from lantu.projects.models import Project


@dataclass
class TreeNode:
    """A plan item placed in its tree, with what is linked to it and to the items below it."""

    item: PlanItem
    depth: int
    children: list["TreeNode"]
    matches: bool = True
    indicators: list[Indicator] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicator_total: int = 0
    project_total: int = 0
    health: str = "no_data"  # rolled up from the indicators below (lantu.indicators.health)

    @property
    def lead_is_sample(self) -> bool:
        """Return whether the item's lead unit was filled in with generated sample data."""
        item = self.item
        if item.is_sample:
            return False  # the whole item is badged already
        return "lead_unit" in (item.sample_fields or []) or bool(item.lead_unit and item.lead_unit.is_sample)


@dataclass
class PlanTree:
    """A plan's item tree, possibly narrowed to the items one unit leads."""

    plan: Plan
    roots: list[TreeNode]
    item_count: int
    match_count: int
    lead_unit: OrgUnit | None = None
    q: str = ""

    @property
    def filtered(self) -> bool:
        """Return whether the tree is narrowed to one lead unit or to a search."""
        return self.lead_unit is not None or bool(self.q)


def _dress(node: Node[int], items: dict[int, PlanItem], matches: set[int] | None) -> TreeNode:
    """Turn a bare node into a TreeNode and count distinct indicators and projects below it."""
    item = items[node.id]
    children = [_dress(child, items, matches) for child in node.children]
    return TreeNode(
        item=item,
        depth=node.depth,
        children=children,
        matches=matches is None or node.id in matches,
        indicators=list(item.indicators.all()),
        projects=list(item.projects.all()),
    )


def _subtree_totals(node: TreeNode) -> tuple[set[int], set[int]]:
    """Count the distinct indicators and projects linked to the shown items of a subtree."""
    # An item kept only as context for a filtered tree adds nothing of its own.
    indicator_ids = {indicator.pk for indicator in node.indicators} if node.matches else set()
    project_ids = {project.pk for project in node.projects} if node.matches else set()
    for child in node.children:
        child_indicators, child_projects = _subtree_totals(child)
        indicator_ids |= child_indicators
        project_ids |= child_projects
    node.indicator_total = len(indicator_ids)
    node.project_total = len(project_ids)
    return indicator_ids, project_ids


def _set_health(nodes: list[TreeNode], health: dict) -> None:
    for node in nodes:
        node.health = str(health.get(node.item.pk, "no_data"))
        _set_health(node.children, health)


def _matches(item: PlanItem, units: frozenset[int] | None, q: str) -> bool:
    if units is not None and item.lead_unit_id not in units:
        return False
    return not q or q.casefold() in f"{item.code} {item.title}".casefold()


def plan_tree(*, actor: Actor, plan: Plan, lead_unit: OrgUnit | None = None, q: str = "") -> PlanTree:
    """Return the plan's item tree, read in three queries.

    With a lead unit, keep the items that unit (or a unit below it) leads; with a search text, the
    items whose code or title holds it; and their ancestors, so that each kept item still shows where
    it sits in the plan.
    """
    require_reader(actor)
    items = list(
        PlanItem.objects.filter(plan=plan)
        .select_related("lead_unit")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.only(
                    "id", "code", "name", "unit", "attribute", "is_sample"
                ).order_by("order", "code"),
            ),
            Prefetch(
                "projects",
                queryset=Project.objects.only("id", "code", "name", "stage", "is_sample").order_by("code"),
            ),
        )
        .order_by("order", "id")
    )
    by_id = {item.pk: item for item in items}
    forest = build_forest((item.pk, item.parent_id) for item in items)
    matches: set[int] | None = None
    if lead_unit is not None or q:
        units = frozenset(subtree(lead_unit.pk)) if lead_unit is not None else None
        matches = {item.pk for item in items if _matches(item, units, q)}
        forest = prune(forest, matches.__contains__)
    roots = [_dress(root, by_id, matches) for root in forest]
    for root in roots:
        _subtree_totals(root)
    links = [(item.pk, indicator.pk) for item in items for indicator in item.indicators.all()]
    parents = {item.pk: item.parent_id for item in items}
    _set_health(roots, item_health(plan, now=timezone.now(), parents=parents, links=links))
    match_count = len(items) if matches is None else len(matches)
    return PlanTree(
        plan=plan, roots=roots, item_count=len(items), match_count=match_count, lead_unit=lead_unit, q=q
    )


def plan_item_page(*, actor: Actor, plan: Plan, pk: int) -> PlanItem:
    """Return one item of a plan with everything its page shows, or raise Http404."""
    item = plan_item_get(actor=actor, plan=plan, pk=pk)
    prefetch_related_objects(
        [item],
        Prefetch("indicators", queryset=Indicator.objects.select_related("responsible_unit")),
    )
    return item
