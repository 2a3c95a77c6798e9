"""API: major projects, filterable by county, cluster and stage."""

from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from lantu.lib.pagination import Keyset
from lantu.lib.schemas import Citation, Text, UnitRef, citation, unit_ref
from lantu.orgs.access import Actor, project_in_realm
from lantu.orgs.api import reader
from lantu.projects.contributions_api import router as contributions_router
from lantu.projects.models import Project
from lantu.projects.national_code import normalize_code
from lantu.projects.procedures_api import router as procedures_router

router = Router(tags=["projects"])
router.add_router("", contributions_router)
router.add_router("", procedures_router)


class ProjectOut(Schema):
    id: int
    code: str
    national_code: str | None
    approval_type: str
    name: str
    plan: str | None
    county: UnitRef | None
    park: UnitRef | None
    lead_unit: UnitRef | None
    cluster: str | None
    stage: str
    total_investment_wan_yuan: Decimal | None
    start_year: int | None
    end_year: int | None
    latitude: Decimal | None  # degrees north (WGS-84), the project map's point
    longitude: Decimal | None  # degrees east
    item_ids: list[int]
    is_sample: bool
    sample_fields: list[str]
    source: Citation | None

    @staticmethod
    def resolve_plan(obj: Project) -> str | None:
        return obj.plan.code if obj.plan else None

    @staticmethod
    def resolve_county(obj: Project) -> UnitRef | None:
        return unit_ref(obj.county)

    @staticmethod
    def resolve_park(obj: Project) -> UnitRef | None:
        return unit_ref(obj.park)

    @staticmethod
    def resolve_lead_unit(obj: Project) -> UnitRef | None:
        return unit_ref(obj.lead_unit)

    @staticmethod
    def resolve_cluster(obj: Project) -> str | None:
        return obj.cluster.code if obj.cluster else None

    @staticmethod
    def resolve_total_investment_wan_yuan(obj: Project) -> Decimal | None:
        return obj.total_investment

    @staticmethod
    def resolve_item_ids(obj: Project) -> list[int]:
        return [item.pk for item in obj.items.all()]

    @staticmethod
    def resolve_sample_fields(obj: Project) -> list[str]:
        return obj.sample_fields or []

    @staticmethod
    def resolve_source(obj: Project) -> Citation | None:
        return citation(obj)


def _projects(actor: Actor):
    return (
        Project.objects.filter(project_in_realm(actor))
        .select_related("plan", "county", "park", "lead_unit", "cluster", "source")
        .prefetch_related("items")
        .order_by("code")
    )


@router.get("/projects", response=list[ProjectOut], summary="List projects")
@paginate(Keyset, keys=("code",), types=(str,))
def list_projects(
    request,
    county: Text | None = None,
    cluster: Text | None = None,
    stage: Text | None = None,
    plan: Text | None = None,
    q: Text | None = None,
):
    """Filter by county or park (unit code), cluster, stage, plan and text (code, national code, name).

    Ordered by code (a unique index). Page with `limit` and `offset` near the start; for deep pages
    follow `next`, a cursor that starts right after the last row (`count` is then null).
    """
    projects = _projects(reader(request))
    if county:
        projects = projects.filter(Q(county__code=county) | Q(park__code=county))
    if cluster:
        projects = projects.filter(cluster__code=cluster)
    if stage:
        projects = projects.filter(stage=stage)
    if plan:
        projects = projects.filter(plan__code=plan)
    if q:
        projects = projects.filter(
            Q(name__icontains=q) | Q(code__icontains=q) | Q(national_code__icontains=normalize_code(q))
        )
    return projects


@router.get("/projects/{project_id}", response=ProjectOut, summary="Get a project")
def get_project(request, project_id: int):
    return get_object_or_404(_projects(reader(request)), pk=project_id)
