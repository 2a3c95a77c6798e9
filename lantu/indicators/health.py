"""Health of plan items rolled up from their indicators' status and their children's health."""

from datetime import datetime

from lantu.core import trajectory as tj
from lantu.core.rollup import Part, roll_up
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.status import indicator_status, rollup_weighted, shares_prefetch
from lantu.indicators.versions import versions_prefetch
from lantu.plans.models import Plan, PlanItem


def item_health(
    plan: Plan,
    *,
    now: datetime,
    parents: dict[int, int | None] | None = None,
    links: list[tuple[int, int]] | None = None,
) -> dict[int, tj.Status]:
    """Return the health of every item of a plan as of `now`; pass the tree and links if already read."""
    if links is None:
        links = list(
            Indicator.items.through.objects.filter(planitem__plan=plan).values_list(
                "planitem_id", "indicator_id"
            )
        )
    # One query: an indicator without any approved value has no data, which a roll-up ignores anyway.
    approved = (
        Observation.objects.in_force()
        .filter(indicator_id__in={indicator_id for _, indicator_id in links})
        .select_related("indicator__plan")
        .prefetch_related(
            versions_prefetch("indicator__target_versions"), shares_prefetch("indicator__shares")
        )
        .order_by("period_end")
    )
    by_indicator: dict[int, list[Observation]] = {}
    for observation in approved:
        by_indicator.setdefault(observation.indicator_id, []).append(observation)
    parts: dict[int, Part] = {}
    for observations in by_indicator.values():
        indicator = observations[0].indicator
        status = indicator_status(indicator, observations, now).status
        parts[indicator.pk] = Part(
            status, float(indicator.weight), indicator.attribute == Indicator.Attribute.BINDING
        )
    own: dict[int, list[Part]] = {}
    for item_id, indicator_id in links:
        if indicator_id in parts:
            own.setdefault(item_id, []).append(parts[indicator_id])
    if parents is None:
        parents = dict(PlanItem.objects.filter(plan=plan).values_list("id", "parent_id"))
    return roll_up(parents, own, weighted=rollup_weighted())
