"""The scope of the figures: which projects an actor's units cover (`dispatch.figures` adds investment)."""

from django.db.models import Q, QuerySet

from lantu.orgs.access import Actor
from lantu.projects.models import Project

# A project's total investment is shown as sample data when the project is, or when its total is one of
# the fields it marks (the JSON list matched as its text inside an aggregate: no row read in Python).
GIVEN_INVESTMENT = Q(total_investment__isnull=False)
SAMPLE_INVESTMENT = GIVEN_INVESTMENT & (Q(is_sample=True) | Q(sample_fields__icontains='"total_investment"'))


def actor_units(actor: Actor) -> frozenset[int] | None:
    """Return the units whose figures an actor sees: all (None) for an administrator or a scope that
    holds every unit (no condition to apply), else its scope."""
    return None if actor.is_admin or actor.everywhere else actor.scope


def in_units(unit_ids: frozenset[int] | None, prefix: str = "") -> Q:
    """Return the condition "located in, in a park of, or led by one of the units" (everything for None)."""
    if unit_ids is None:
        return Q()
    return (
        Q(**{f"{prefix}county_id__in": unit_ids})
        | Q(**{f"{prefix}park_id__in": unit_ids})
        | Q(**{f"{prefix}lead_unit_id__in": unit_ids})
    )


def projects_in_scope(
    *, unit_ids: frozenset[int] | None = None, plan_id: int | None = None
) -> QuerySet[Project]:
    """Return the projects of a scope: located in, in a park of, or led by a unit; of one plan if given."""
    projects = Project.objects.filter(in_units(unit_ids))
    if plan_id is not None:
        projects = projects.filter(plan_id=plan_id)
    return projects
