"""API: major projects, filterable by county, cluster and stage; monthly reports and problems."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from lantu.core.periods import parse_month
from lantu.lib.schemas import Citation, UnitRef, citation, unit_ref
from lantu.orgs.api import reader
from lantu.orgs.models import OrgUnit
from lantu.projects import dispatch_selectors, problem_selectors, reporting, selectors
from lantu.projects.contributions_api import router as contributions_router
from lantu.projects.models import Problem, ProgressReport, Project, ProjectMilestone

router = Router(tags=["projects"])
router.add_router("", contributions_router)


class ProjectOut(Schema):
    id: int
    code: str
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


def _projects():
    return (
        Project.objects.select_related("plan", "county", "park", "lead_unit", "cluster", "source")
        .prefetch_related("items")
        .order_by("code")
    )


@router.get("/projects", response=list[ProjectOut], summary="List projects")
@paginate(LimitOffsetPagination)
def list_projects(
    request,
    county: str | None = None,
    cluster: str | None = None,
    stage: str | None = None,
    plan: str | None = None,
    q: str | None = None,
):
    """Filter by county or park (unit code), cluster code, stage, plan code and text."""
    reader(request)
    projects = _projects()
    if county:
        projects = projects.filter(Q(county__code=county) | Q(park__code=county))
    if cluster:
        projects = projects.filter(cluster__code=cluster)
    if stage:
        projects = projects.filter(stage=stage)
    if plan:
        projects = projects.filter(plan__code=plan)
    if q:
        projects = projects.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return projects


@router.get("/projects/{project_id}", response=ProjectOut, summary="Get a project")
def get_project(request, project_id: int):
    reader(request)
    return get_object_or_404(_projects(), pk=project_id)


class ReportOut(Schema):
    id: int
    project_id: int
    project_code: str
    period: str
    revision: int
    state: str
    superseded: bool
    version: int
    completed_investment_wan_yuan: Decimal
    cumulative_investment_wan_yuan: Decimal
    physical_progress: Decimal | None
    reported_stage: str
    milestones: str
    reached_milestone_ids: list[int]
    narrative: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    return_reason: str
    correction_reason: str
    is_sample: bool

    @staticmethod
    def resolve_project_code(obj: ProgressReport) -> str:
        return obj.project.code

    @staticmethod
    def resolve_completed_investment_wan_yuan(obj: ProgressReport) -> Decimal:
        return obj.completed_investment

    @staticmethod
    def resolve_cumulative_investment_wan_yuan(obj: ProgressReport) -> Decimal:
        return obj.cumulative_investment

    @staticmethod
    def resolve_reached_milestone_ids(obj: ProgressReport) -> list[int]:
        return [milestone.pk for milestone in obj.reached_milestones.all()]


class ReportIn(Schema):
    period: str
    version: int | None = None
    completed_investment_wan_yuan: Decimal
    # Omitted or null: last month's cumulative in force plus this month.
    cumulative_investment_wan_yuan: Decimal | None = None
    physical_progress: Decimal | None = None
    reported_stage: str = ""
    milestones: str = ""
    reached_milestone_ids: list[int] | None = None
    narrative: str = ""
    correction_reason: str = ""


OPTIONAL_REPORT_FIELDS = (
    "physical_progress",
    "reported_stage",
    "milestones",
    "narrative",
    "correction_reason",
)


class ReasonIn(Schema):
    reason: str


class ProblemOut(Schema):
    id: int
    project_id: int
    project_code: str
    report_id: int | None
    title: str
    factor: str
    urgency: str
    state: str
    unit: UnitRef | None
    due_date: date
    raised_at: datetime
    closed_at: datetime | None
    is_sample: bool

    @staticmethod
    def resolve_project_code(obj: Problem) -> str:
        return obj.project.code

    @staticmethod
    def resolve_unit(obj: Problem) -> UnitRef | None:
        return unit_ref(obj.unit)


def _report(actor, report_id: int) -> ProgressReport:
    return dispatch_selectors.report_get(actor=actor, pk=report_id)


@router.get("/reports", response=list[ReportOut], summary="List progress reports")
@paginate(LimitOffsetPagination)
def list_reports(request, period: str | None = None, state: str | None = None, county: str | None = None):
    """Reports the user may read: its own units' in every state, others' once approved."""
    actor = reader(request)
    reports = dispatch_selectors.visible_reports(actor).select_related("project")
    if period:
        reports = reports.filter(period=period)
    if state:
        reports = reports.filter(state=state)
    if county:
        reports = reports.filter(Q(project__county__code=county) | Q(project__park__code=county))
    return reports.prefetch_related("reached_milestones").order_by("-period", "project__code", "revision")


@router.post(
    "/projects/{project_id}/reports",
    response={200: ReportOut, 201: ReportOut},
    summary="Create or change the draft report of a period",
)
def save_report(request, project_id: int, payload: ReportIn):
    """Pass the `version` you read to change a draft (stale: 409); omitted fields stay unchanged.

    本年累计 (`cumulative_investment_wan_yuan`) omitted or null is computed as last month's cumulative
    in force plus this month; a typed one must add up, or go with a `correction_reason` (else 400).
    """
    actor = reader(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    given = payload.dict(exclude_unset=True)
    claimed = None
    if payload.reached_milestone_ids is not None:
        claimed = list(ProjectMilestone.objects.filter(pk__in=payload.reached_milestone_ids))
        if len(claimed) != len(set(payload.reached_milestone_ids)):
            raise HttpError(400, _("Unknown milestone."))
    values = {
        "completed_investment": payload.completed_investment_wan_yuan,
        "cumulative_investment": payload.cumulative_investment_wan_yuan,
    } | {name: given[name] for name in OPTIONAL_REPORT_FIELDS if name in given}
    existed = reporting.current_report(project, payload.period) is not None
    report = reporting.report_save(
        actor=actor,
        project=project,
        period=payload.period,
        version=payload.version,
        reached_milestones=claimed,
        **values,
    )
    return Status(200 if existed else 201, _report(actor, report.pk))


def _decided(request, report_id: int, decide) -> ProgressReport:
    actor = reader(request)
    report = _report(actor, report_id)
    decide(actor, report, timezone.now())
    return _report(actor, report_id)


@router.post("/reports/{report_id}/submit", response=ReportOut, summary="Submit a report")
def submit_report(request, report_id: int):
    return _decided(
        request, report_id, lambda actor, rep, now: reporting.report_submit(actor=actor, report=rep, now=now)
    )


@router.post("/reports/{report_id}/approve", response=ReportOut, summary="Approve a report (planners)")
def approve_report(request, report_id: int):
    return _decided(
        request, report_id, lambda actor, rep, now: reporting.report_approve(actor=actor, report=rep, now=now)
    )


@router.post("/reports/{report_id}/return", response=ReportOut, summary="Return a report with a reason")
def return_report(request, report_id: int, payload: ReasonIn):
    return _decided(
        request,
        report_id,
        lambda actor, rep, now: reporting.report_return(
            actor=actor, report=rep, reason=payload.reason, now=now
        ),
    )


class DispatchFiguresOut(Schema):
    period: str | None
    planned_wan_yuan: Decimal | None
    completed_wan_yuan: Decimal | None
    completion_rate: Decimal | None
    time_progress: Decimal | None
    against_time: Decimal | None
    status: str | None
    reports_expected: int | None
    reports_approved: int | None
    review_queue: int
    open_problems: int


@router.get("/dispatch/figures", response=DispatchFiguresOut, summary="Headline dispatch figures of a month")
def dispatch_figures(request, period: str | None = None):
    """Return the caller's scope's completion year to date (%), time progress, reports, queue, problems.

    `period` is a month (2026-09); by default the latest whose reporting deadline has passed.
    """
    actor = reader(request)
    if period is not None:
        try:
            parse_month(period)
        except ValueError:
            raise HttpError(
                400, _("“%(period)s” is not a month like 2026-09.") % {"period": period}
            ) from None
    found = dispatch_selectors.headline(actor=actor, now=timezone.now(), period=period)
    ytd = found.investment
    total = ytd.total if ytd else None
    return DispatchFiguresOut(
        period=found.period,
        planned_wan_yuan=total.planned if total else None,
        completed_wan_yuan=total.completed if total else None,
        completion_rate=total.rate if total else None,
        time_progress=(total.share_of_time * 100).quantize(Decimal("0.1")) if total else None,
        against_time=total.against_time if total else None,
        status=str(total.status) if total else None,
        reports_expected=ytd.expected if ytd else None,
        reports_approved=ytd.reported if ytd else None,
        review_queue=found.queue,
        open_problems=found.problems,
    )


@router.get("/problems", response=list[ProblemOut], summary="List problems")
@paginate(LimitOffsetPagination)
def list_problems(request, state: str | None = None, factor: str | None = None, unit: str | None = None):
    """Filter by state (or `active`: not solved), factor and the unit asked to solve (code)."""
    actor = reader(request)
    unit_id = None
    if unit:
        found = OrgUnit.objects.filter(code=unit).first()
        if found is None:
            raise HttpError(404, _("Unknown unit."))
        unit_id = found.pk
    return problem_selectors.problem_list(
        actor=actor, state=state or "", factor=factor or "", unit_id=unit_id
    )
