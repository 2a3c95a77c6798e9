"""Reads of the plan-system alignment: the view of one higher plan, an item's links, link candidates."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404

from lantu.core import alignment as core
from lantu.core.tree import build_forest, walk
from lantu.lib.people import display_name
from lantu.orgs.access import Actor, require_reader
from lantu.plans.alignment import TIER, is_higher
from lantu.plans.models import Alignment, Plan, PlanItem

Level = PlanItem.Level


@dataclass
class CarrierGroup:
    """The links of one lower plan to an item."""

    plan: Plan
    links: list[Alignment]


@dataclass
class HigherRow:
    """An item of the higher plan, where it sits, whether it is carried and by what."""

    item: PlanItem
    depth: int
    state: str  # "direct": linked itself; "below": only items below it are linked; "none"
    groups: list[CarrierGroup] = field(default_factory=list)


@dataclass
class GapRow:
    """The top item of a branch nothing covers, with how many items below it share the gap."""

    item: PlanItem
    below: int


@dataclass
class PlanCoverage:
    """What one lower plan carries of the higher plan, and how much of it aligns at all."""

    plan: Plan
    links: int
    shares: list[tuple[str, core.Share]]  # (level label, carried items of the higher plan)
    aligned: core.Share  # the lower plan's own items that align to something
    unaligned: list[GapRow]


@dataclass
class AlignmentView:
    """The alignment of the lower plans to one higher plan."""

    plan: Plan
    choices: list[Plan]
    rows: list[HigherRow]
    gaps: list[GapRow]
    gap_count: int
    overall: list[tuple[str, core.Share]]
    coverage: list[PlanCoverage]
    link_count: int
    only_carried: bool = False

    @property
    def has_unaligned(self) -> bool:
        """Return whether any lower plan has items aligned to nothing."""
        return any(row.unaligned for row in self.coverage)


def _rows(items: list[PlanItem]) -> list[core.Row]:
    return [core.Row(item.pk, item.parent_id, item.level) for item in items]


def _items(plan_ids) -> list[PlanItem]:
    return list(
        PlanItem.objects.filter(plan_id__in=plan_ids)
        .select_related("lead_unit")
        .only("id", "plan_id", "parent_id", "level", "code", "title", "is_sample", "lead_unit__short_name")
        .order_by("order", "id")
    )


def _gap_rows(gaps: list[core.Gap], by_id: dict[int, PlanItem]) -> list[GapRow]:
    return [GapRow(by_id[gap.id], gap.below) for gap in gaps]


def _shares(rows: list[core.Row], covered: set[int], levels: list[str]) -> list[tuple[str, core.Share]]:
    return [(str(Level(level).label), core.share(rows, covered, level)) for level in levels]


def alignment_plans(*, actor: Actor) -> list[Plan]:
    """Return the plans an alignment view can be opened for: the master plans, then plans others link to."""
    require_reader(actor)
    linked = Alignment.objects.values("target__plan_id")
    plans = Plan.objects.filter(Q(kind=Plan.Kind.MASTER) | Q(pk__in=linked) | Q(children__isnull=False))
    return sorted(plans.distinct(), key=lambda p: (TIER.get(p.kind, 2), p.order, p.start_year, p.code))


def alignment_view(*, actor: Actor, code: str | None, only_carried: bool = False) -> AlignmentView | None:
    """Return the alignment view of a plan (by default the first master plan), or None if there is no plan.

    With `only_carried`, the item table keeps the carried items (their ancestors are carried too).
    """
    choices = alignment_plans(actor=actor)
    if code:
        plan = get_object_or_404(Plan.objects.select_related("owner"), code=code)
        if plan not in choices:
            choices = [*choices, plan]
    elif choices:
        plan = choices[0]
    else:
        return None
    items = _items([plan.pk])
    by_id = {item.pk: item for item in items}
    rows = _rows(items)
    links = list(
        Alignment.objects.filter(target__plan=plan)
        .select_related("item__plan", "item__lead_unit")
        .order_by("item__plan__order", "item__plan__code", "item__order", "item__id")
    )
    lower_ids = {link.item.plan_id for link in links} | set(plan.children.values_list("id", flat=True))
    lower = [p for p in Plan.objects.filter(pk__in=lower_ids).select_related("owner") if is_higher(plan, p)]
    lower.sort(key=lambda p: (TIER.get(p.kind, 2), p.order, p.code))
    direct: dict[int, dict[int, list[Alignment]]] = defaultdict(lambda: defaultdict(list))
    for link in links:
        direct[link.target_id][link.item.plan_id].append(link)
    covered = core.carried(rows, direct)
    plans_by_id = {p.pk: p for p in lower} | {link.item.plan_id: link.item.plan for link in links}
    forest = build_forest((row.id, row.parent) for row in rows)
    table = [
        HigherRow(
            item=by_id[node.id],
            depth=node.depth,
            state="direct" if node.id in direct else ("below" if node.id in covered else "none"),
            groups=[CarrierGroup(plans_by_id[pid], group) for pid, group in direct.get(node.id, {}).items()],
        )
        for node in walk(forest)
        if not only_carried or node.id in covered
    ]
    levels = [level for level in core.GAP_LEVELS if any(row.level == level for row in rows)]
    gaps = core.gaps(rows, covered, core.GAP_LEVELS)
    return AlignmentView(
        plan=plan,
        choices=choices,
        rows=table,
        gaps=_gap_rows(gaps, by_id),
        gap_count=sum(1 + gap.below for gap in gaps),
        overall=_shares(rows, covered, levels),
        coverage=_coverage(lower, links, rows, levels),
        link_count=len(links),
        only_carried=only_carried,
    )


def _coverage(
    lower: list[Plan], links: list[Alignment], rows: list[core.Row], levels: list[str]
) -> list[PlanCoverage]:
    """Return per lower plan what it carries of the higher plan and which own items align to nothing."""
    lower_items = _items([p.pk for p in lower])
    linked_up = set(
        Alignment.objects.filter(item__plan__in=lower).values_list("item_id", flat=True).distinct()
    )
    found = []
    for plan in lower:
        own = [item for item in lower_items if item.plan_id == plan.pk]
        own_rows = _rows(own)
        aligned = core.aligned(own_rows, (item.pk for item in own if item.pk in linked_up))
        targets = [link.target_id for link in links if link.item.plan_id == plan.pk]
        carried = core.carried(rows, targets)
        found.append(
            PlanCoverage(
                plan=plan,
                links=len(targets),
                shares=_shares(rows, carried, levels),
                aligned=core.Share(len(aligned), len(own)),
                unaligned=_gap_rows(core.gaps(own_rows, aligned), {item.pk: item for item in own}),
            )
        )
    return found


@dataclass
class ItemAlignment:
    """An item's links up to higher plans and the lower-plan items that carry it, grouped by plan."""

    up: list[Alignment]
    down: list[CarrierGroup]


def item_alignment(*, actor: Actor, item: PlanItem) -> ItemAlignment:
    """Return the item's links up and down."""
    require_reader(actor)
    up = list(
        item.alignments.select_related("target__plan").order_by(
            "target__plan__order", "target__order", "target__code"
        )
    )
    down: dict[int, CarrierGroup] = {}
    for link in item.carried_by.select_related("item__plan").order_by(
        "item__plan__order", "item__plan__code", "item__order", "item__code"
    ):
        down.setdefault(link.item.plan_id, CarrierGroup(link.item.plan, [])).links.append(link)
    return ItemAlignment(up=up, down=list(down.values()))


def alignment_get(*, actor: Actor, item: PlanItem, pk: int) -> Alignment:
    """Return one of the item's links up, or raise Http404."""
    require_reader(actor)
    return get_object_or_404(Alignment.objects.select_related("item__plan", "target__plan"), pk=pk, item=item)


def alignment_targets(*, actor: Actor, item: PlanItem) -> list[tuple[Plan, list[tuple[PlanItem, int]]]]:
    """Return the items the item may link up to, grouped by plan, each with its depth, in tree order."""
    require_reader(actor)
    plans = [p for p in Plan.objects.exclude(pk=item.plan_id) if is_higher(p, item.plan)]
    plans.sort(key=lambda p: (0 if p.pk == item.plan.parent_id else 1, TIER.get(p.kind, 2), p.order, p.code))
    items = _items([p.pk for p in plans])
    groups = []
    for plan in plans:
        own = {i.pk: i for i in items if i.plan_id == plan.pk}
        forest = build_forest((i.pk, i.parent_id) for i in own.values())
        groups.append((plan, [(own[node.id], node.depth) for node in walk(forest)]))
    return [group for group in groups if group[1]]


def mark_plan_alignment(plans) -> None:
    """Give each plan `aligns_to` (higher plans with their link counts) and `carried_links` (links in)."""
    plans = list(plans)  # a queryset keeps these objects in its cache, so the marks reach the template
    ups: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    downs: dict[int, int] = defaultdict(int)
    for lower, higher in Alignment.objects.values_list("item__plan_id", "target__plan_id"):
        ups[lower][higher] += 1
        downs[higher] += 1
    by_id = {plan.pk: plan for plan in plans}
    missing = {pk for links in ups.values() for pk in links} - set(by_id)
    by_id |= Plan.objects.in_bulk(missing)
    for plan in plans:
        targets = dict(ups.get(plan.pk, {}))
        if plan.parent_id and plan.parent_id not in targets:
            targets[plan.parent_id] = 0
        plan.aligns_to = [(by_id[pk], count) for pk, count in targets.items() if pk in by_id]
        plan.carried_links = downs.get(plan.pk, 0)


@dataclass(frozen=True)
class LinkChange:
    """One recorded change of an item's links up: when, who, added or removed, to which item."""

    when: object
    who: str
    added: bool
    target: PlanItem | None
    kind: str


def alignment_history(*, actor: Actor, item: PlanItem, limit: int = 20) -> list[LinkChange]:
    """Return the latest additions and removals of the item's links up, newest first."""
    require_reader(actor)
    records = list(
        Alignment.history.filter(item_id=item.pk)
        .exclude(history_type="~")
        .select_related("history_user__profile")
        .order_by("-history_date", "-history_id")[:limit]
    )
    targets = PlanItem.objects.select_related("plan").in_bulk({r.target_id for r in records})
    return [
        LinkChange(
            when=r.history_date,
            who=display_name(r.history_user),
            added=r.history_type == "+",
            target=targets.get(r.target_id),
            kind=str(Alignment.Kind(r.kind).label) if r.kind in Alignment.Kind.values else r.kind,
        )
        for r in records
    ]


def inherited_links(*, actor: Actor, ancestors: list[PlanItem]) -> list[Alignment]:
    """Return the links up of the item's ancestors, through which the item itself is aligned."""
    require_reader(actor)
    return list(
        Alignment.objects.filter(item__in=ancestors)
        .select_related("item", "target__plan")
        .order_by("item__order", "target__plan__order", "target__order")
    )
