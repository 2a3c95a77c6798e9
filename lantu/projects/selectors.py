"""Reads for the project pages: a filtered list and one project."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from lantu.orgs.access import Actor, can_edit_project, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
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
    projects = Project.objects.select_related("county", "park", "lead_unit", "cluster", "plan")
    if filters.county is not None:
        # A park's projects belong to the county around it; the filter takes either.
        projects = projects.filter(Q(county=filters.county) | Q(park=filters.county))
    if filters.cluster is not None:
        projects = projects.filter(cluster=filters.cluster)
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    if filters.plan is not None:
        projects = projects.filter(plan=filters.plan)
    if filters.item is not None:
        projects = projects.filter(items=filters.item)
    if filters.q:
        projects = projects.filter(
            Q(name__icontains=filters.q)
            | Q(code__icontains=filters.q)
            | Q(national_code__icontains=normalize_code(filters.q))
            | Q(description__icontains=filters.q)
        )
    return projects.order_by("code")


def project_totals(projects: QuerySet[Project]) -> ProjectTotals:
    """Return the count and the summed total investment (万元) of a filtered list."""
    totals = projects.order_by().aggregate(
        count=Count("id", distinct=True),
        investment=Sum("total_investment"),
        without=Count("id", filter=Q(total_investment__isnull=True), distinct=True),
    )
    # JSON "contains" is not available on SQLite, so the sample marks are counted here.
    sample = sum(
        1
        for is_sample, fields in projects.order_by()
        .filter(total_investment__isnull=False)
        .values_list("is_sample", "sample_fields")
        if is_sample or "total_investment" in (fields or [])
    )
    return ProjectTotals(
        count=totals["count"],
        total_investment=totals["investment"] or Decimal(0),
        without_investment=totals["without"],
        sample_investment=sample,
    )


def filter_choices(*, actor: Actor) -> dict:
    """Return the options of the project list's filters."""
    require_reader(actor)
    counties = (
        OrgUnit.objects.filter(Q(kind=OrgUnit.Kind.COUNTY) | Q(county_projects__isnull=False))
        .distinct()
        .order_by("order", "code")
    )
    parks = OrgUnit.objects.filter(park_projects__isnull=False).distinct().order_by("order", "code")
    return {
        "counties": counties,
        "parks": parks,
        "clusters": Cluster.objects.order_by("order", "code"),
        "stages": Stage.choices,
        "plans": Plan.objects.filter(projects__isnull=False).distinct().order_by("order", "code"),
    }


def project_get(*, actor: Actor, pk: int) -> Project:
    """Return a project with its units, cluster and plan items, or raise Http404."""
    require_reader(actor)
    queryset = Project.objects.select_related(
        "plan", "county", "park", "lead_unit", "cluster", "source"
    ).prefetch_related(
        Prefetch(
            "items",
            queryset=PlanItem.objects.select_related("plan", "lead_unit").order_by("plan", "order", "id"),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def project_can_edit(*, actor: Actor, project: Project) -> bool:
    """Return whether the actor may edit the project: its lead unit's people, planners over it, admins."""
    return can_edit_project(actor, lead_unit_id=project.lead_unit_id)
