"""Writes of the plan-system alignment (规划体系衔接): link a lower-plan item up to a higher plan's item."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.orgs.access import Actor, can_edit_plan_structure
from lantu.plans.models import Alignment, Plan, PlanItem

Kind = Plan.Kind
# The higher the plan, the lower its tier: an item links up only to a plan of a strictly lower tier.
TIER = {Kind.MASTER: 0, Kind.SPECIAL: 1, Kind.PROGRAMME: 1, Kind.LOCAL: 2}


def _tier(plan: Plan) -> int:
    return TIER.get(plan.kind, 2)


def is_higher(plan: Plan, than: Plan) -> bool:
    """Return whether an item of `than` may link up to an item of `plan`."""
    return plan.pk != than.pk and _tier(plan) < _tier(than)


def can_align(actor: Actor, item: PlanItem) -> bool:
    """Return whether the actor may link the item up: planners of its plan, unless it is a master plan."""
    plan = item.plan
    return _tier(plan) > 0 and can_edit_plan_structure(actor, plan.owner_id)


def require_aligner(actor: Actor, item: PlanItem) -> None:
    """Refuse an actor who is not a planner of the item's plan."""
    if not can_edit_plan_structure(actor, item.plan.owner_id):
        raise PermissionDenied(
            _("Only the planners of “%(plan)s” may change how its items align to other plans.")
            % {"plan": item.plan.label}
        )


def check_link(item: PlanItem, target: PlanItem, *, exclude: int | None = None) -> None:
    """Raise ValidationError, in words a planner understands, if the link breaks a rule of the plan system."""
    plan, higher = item.plan, target.plan
    if item.pk == target.pk:
        raise ValidationError(_("An item cannot be aligned to itself."))
    if plan.pk == higher.pk:
        raise ValidationError(
            _("Both items belong to “%(plan)s”: align an item to an item of another, higher plan.")
            % {"plan": plan.label}
        )
    if _tier(plan) == 0:
        raise ValidationError(
            _("“%(plan)s” is a master plan: other plans align to its items, not the other way round.")
            % {"plan": plan.label}
        )
    if not is_higher(higher, plan):
        raise ValidationError(
            _("“%(higher)s” (%(kind)s) is not above “%(plan)s” (%(own)s): align to a higher plan.")
            % {
                "higher": higher.label,
                "kind": higher.get_kind_display(),
                "plan": plan.label,
                "own": plan.get_kind_display(),
            }
        )
    duplicates = Alignment.objects.filter(item=item, target=target).exclude(pk=exclude)
    if duplicates.exists():
        raise ValidationError(
            _("%(item)s is already aligned to %(target)s of “%(plan)s”.")
            % {"item": item.code, "target": target.code, "plan": higher.label}
        )


@transaction.atomic
def alignment_add(
    *,
    actor: Actor,
    item: PlanItem,
    target: PlanItem,
    kind: str = Alignment.Kind.SUPPORTS,
    note: str = "",
) -> Alignment:
    """Link a lower-plan item up to the higher-plan item it supports or implements."""
    require_aligner(actor, item)
    if kind not in Alignment.Kind.values:
        raise ValidationError(_("Choose whether the item supports or implements the other item."))
    check_link(item, target)
    return Alignment.objects.create(item=item, target=target, kind=kind, note=note.strip())


@transaction.atomic
def alignment_update(*, actor: Actor, alignment: Alignment, kind: str, note: str = "") -> Alignment:
    """Change whether a link supports or implements its target, and its note."""
    require_aligner(actor, alignment.item)
    if kind not in Alignment.Kind.values:
        raise ValidationError(_("Choose whether the item supports or implements the other item."))
    alignment.kind, alignment.note, alignment.is_sample = kind, note.strip(), False
    alignment.save()
    return alignment


@transaction.atomic
def alignment_remove(*, actor: Actor, alignment: Alignment) -> None:
    """Remove a link; the audit trail keeps it."""
    require_aligner(actor, alignment.item)
    alignment.delete()
