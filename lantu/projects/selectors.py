"""Reads for the project pages: a filtered list and one project."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from lantu.orgs.access import (
    Actor,
    can_edit_project,
    in_realm,
    project_in_realm,
    require_reader,
)
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.plans.selectors import plan_item_subtree_ids
from lantu.projects.figures import GIVEN_INVESTMENT, SAMPLE_INVESTMENT
from lantu.projects.models import Project, Stage
from lantu.projects.national_code import normalize_code


@dataclass(frozen=True)
class ProjectFilter:
    """What the project list is narrowed to; empty values do not filter."""

    county: OrgUnit | None = None
    cluster: Cluster | None = None
    stage: str = ""
    plan: Plan | None = None
    item: PlanItem | None = None
    q: str = ""

    @property
    def active(self) -> bool:
        """Return whether any filter is set."""
        return any((self.county, self.cluster, self.stage, self.plan, self.item, self.q))

    @property
    def on_kept_columns(self) -> bool:
        """Return whether the filters set name only columns the kept counts of projects are by (county or
        park, and stage: `dispatch.figures.TALLY_KEY`), so that those counts give the list's totals."""
        return not any((self.cluster, self.plan, self.item, self.q))


def county_or_park(unit: OrgUnit) -> Q:
    """Return the condition of the county filter: a park's projects belong to the county around it, and
    the filter takes either (on projects and on their kept counts alike)."""
    return Q(county=unit) | Q(park=unit)


@dataclass(frozen=True)
class ProjectTotals:
    """Count and investment sum of a set of projects."""

    count: int
    total_investment: Decimal
    without_investment: int
    sample_investment: int = 0


def project_list(*, actor: Actor, filters: ProjectFilter = ProjectFilter()) -> QuerySet[Project]:
    """Return the projects matching the filters, ordered by code."""
    require_reader(actor)
    projects = Project.objects.select_related("county", "park", "lead_unit", "cluster", "plan").filter(
        project_in_realm(actor)
    )
    if filters.county is not None:
        projects = projects.filter(county_or_park(filters.county))
    if filters.cluster is not None:
        projects = projects.filter(cluster=filters.cluster)
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    if filters.plan is not None:
        projects = projects.filter(plan=filters.plan)
    if filters.item is not None:
        projects = projects.filter(linked_below(filters.item))
    if filters.q:
        projects = projects.filter(
            Q(name__icontains=filters.q)
            | Q(code__icontains=filters.q)
            | Q(national_code__icontains=normalize_code(filters.q))
            | Q(description__icontains=filters.q)
        )
    return projects.order_by("code")


def linked_below(item: PlanItem) -> Exists:
    """Return the condition "linked to the item or to an item below it": the one rule of an item's projects.

    The plan tree counts the same (the distinct projects of an item's subtree); EXISTS, so no project
    is repeated and no DISTINCT is needed.
    """
    links = Project.items.through.objects.filter(
        project_id=OuterRef("pk"), planitem_id__in=plan_item_subtree_ids(item)
    )
    return Exists(links)


def item_projects(*, actor: Actor, item: PlanItem) -> QuerySet[Project]:
    """Return the projects of a plan item's page: linked to it or to an item below it, by code."""
    require_reader(actor)
    projects = Project.objects.filter(linked_below(item)).select_related("county", "lead_unit")
    return projects.order_by("code")


def project_totals(projects: QuerySet[Project]) -> ProjectTotals:
    """Return the count and the summed total investment (万元) of a filtered list, in one query."""
    totals = projects.order_by().aggregate(
        count=Count("id"),
        investment=Sum("total_investment"),
        without=Count("id", filter=~GIVEN_INVESTMENT),
        sample=Count("id", filter=SAMPLE_INVESTMENT),
    )
    return ProjectTotals(
        count=totals["count"],
        total_investment=totals["investment"] or Decimal(0),
        without_investment=totals["without"],
        sample_investment=totals["sample"],
    )


def filter_choices(*, actor: Actor) -> dict:
    """Return the options of the project list's filters (EXISTS per option, no DISTINCT over projects)."""
    require_reader(actor)
    units = OrgUnit.objects.filter(in_realm(actor, "id"))
    located = Project.objects.filter(county=OuterRef("pk"))
    counties = units.filter(Q(kind=OrgUnit.Kind.COUNTY) | Q(Exists(located))).order_by("order", "code")
    parks = units.filter(Exists(Project.objects.filter(park=OuterRef("pk")))).order_by("order", "code")
    return {
        "counties": counties,
        "parks": parks,
        "clusters": Cluster.objects.order_by("order", "code"),
        "stages": Stage.choices,
        "plans": Plan.objects.filter(
            in_realm(actor, "owner_id"), Exists(Project.objects.filter(plan=OuterRef("pk")))
        ).order_by("order", "code"),
    }


def project_get(*, actor: Actor, pk: int, detail: bool = True) -> Project:
    """Return a project with its units, cluster and plan items, or raise Http404.

    `detail=False` reads the project and its plan only, for a write that needs no more (a report saved).
    """
    require_reader(actor)
    if not detail:
        light = Project.objects.filter(project_in_realm(actor)).select_related("plan")
        return get_object_or_404(light, pk=pk)
    queryset = (
        Project.objects.filter(project_in_realm(actor))
        .select_related("plan", "county", "park", "lead_unit", "cluster", "source")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=PlanItem.objects.select_related("plan", "lead_unit").order_by("plan", "order", "id"),
            )
        )
    )
    return get_object_or_404(queryset, pk=pk)


def project_can_edit(*, actor: Actor, project: Project) -> bool:
    """Return whether the actor may edit the project: its lead unit's people, planners over it, admins."""
    return can_edit_project(actor, lead_unit_id=project.lead_unit_id)
