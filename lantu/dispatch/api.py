"""API: monthly progress reports of projects, their submission and review."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from lantu.dispatch import selectors as dispatch_selectors
from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport
from lantu.lib.pagination import Keyset
from lantu.lib.schemas import MAX_ID, Id, Text, limits_of
from lantu.orgs.api import reader
from lantu.projects import selectors
from lantu.projects.models import ProjectMilestone

router = Router(tags=["projects"])


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


# Digits as the model keeps them; signs and ranges are the service's, with its own messages.
Money = Annotated[Decimal, limits_of(ProgressReport, "completed_investment")]
Percent = Annotated[Decimal, limits_of(ProgressReport, "physical_progress")]


class ReportIn(Schema):
    period: Annotated[Text, limits_of(ProgressReport, "period", description="a month like 2026-09")]
    version: int | None = Field(None, ge=0, le=MAX_ID)
    completed_investment_wan_yuan: Money
    # Omitted or null: last month's cumulative in force plus this month.
    cumulative_investment_wan_yuan: Money | None = None
    physical_progress: Percent | None = None
    reported_stage: Annotated[Text, limits_of(ProgressReport, "reported_stage")] = ""
    milestones: Text = ""
    reached_milestone_ids: list[Id] | None = Field(None, max_length=1000)
    narrative: Text = ""
    correction_reason: Text = ""


OPTIONAL_REPORT_FIELDS = (
    "physical_progress",
    "reported_stage",
    "milestones",
    "narrative",
    "correction_reason",
)


class ReasonIn(Schema):
    reason: Text


# The list's order: unique per row, and the order of the index `report_list`.
REPORT_ORDER = ("-period", "project_id", "revision")


def _report(actor, report_id: int) -> ProgressReport:
    return dispatch_selectors.report_get(actor=actor, pk=report_id, detail=False)


@router.get("/reports", response=list[ReportOut], summary="List progress reports")
@paginate(Keyset, keys=REPORT_ORDER, types=(str, int, int))
def list_reports(request, period: Text | None = None, state: Text | None = None, county: Text | None = None):
    """Reports the user may read: its own units' in every state, others' once approved.

    Newest month first, then by project id and revision (an index keeps this order). Page with
    `limit` and `offset` near the start; for deep pages follow `next`, a cursor that starts right
    after the last row (`count` is then null).
    """
    actor = reader(request)
    reports = dispatch_selectors.visible_reports(actor).select_related("project")
    if period:
        reports = reports.filter(period=period)
    if state:
        reports = reports.filter(state=state)
    if county:
        reports = reports.filter(Q(project__county__code=county) | Q(project__park__code=county))
    return reports.prefetch_related("reached_milestones")


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
    project = selectors.project_get(actor=actor, pk=project_id, detail=False)
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
