"""API: pre-construction approvals (前期手续) per project, a department's queue, projects blocked per kind."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from lantu.lib.schemas import UnitRef, unit_ref
from lantu.orgs.api import reader
from lantu.orgs.models import OrgUnit
from lantu.projects import procedure_selectors, procedures, selectors
from lantu.projects.models import ProjectProcedure
from lantu.projects.procedure_selectors import ProcedureRow

router = Router(tags=["procedures"])


class ProcedureOut(Schema):
    id: int
    project_id: int
    project_code: str
    kind: str
    name: str
    group: int
    department: UnitRef | None
    started_date: date | None
    planned_date: date | None
    done_date: date | None
    approval_number: str
    status: str
    days_overdue: int
    waiting: bool
    waiting_since: date | None
    is_sample: bool


class ProcedureIn(Schema):
    started_date: date | None = None
    planned_date: date | None = None
    done_date: date | None = None
    approval_number: str = ""
    notes: str = ""
    reason: str = ""


class BlockedOut(Schema):
    kind: str
    name: str
    department: UnitRef | None
    projects: int
    late: int


def _out(row: ProcedureRow) -> ProcedureOut:
    p = row.procedure
    return ProcedureOut(
        id=p.pk,
        project_id=p.project_id,
        project_code=p.project.code,
        kind=p.kind.code,
        name=p.kind.name,
        group=p.kind.group,
        department=unit_ref(p.department),
        started_date=p.started_date,
        planned_date=p.planned_date,
        done_date=p.done_date,
        approval_number=p.approval_number,
        status=row.status.value,
        days_overdue=row.days_overdue,
        waiting=row.waiting is not None,
        waiting_since=row.waiting.since if row.waiting else None,
        is_sample=p.is_sample,
    )


@router.get("/projects/{project_id}/procedures", response=list[ProcedureOut], summary="A project's approvals")
def project_procedures(request, project_id: int):
    """Return the project's procedures in their order, with status on today and what it waits for."""
    actor = reader(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    found = procedure_selectors.project_procedures(actor=actor, project=project, on=timezone.localdate())
    return [_out(row) for row in found.rows]


@router.patch(
    "/projects/{project_id}/procedures/{procedure_id}", response=ProcedureOut, summary="Record an approval"
)
def record_procedure(request, project_id: int, procedure_id: int, payload: ProcedureIn):
    """Record lodging, planned and grant days and 文号; moving the planned day needs a `reason`."""
    actor = reader(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    try:
        procedure = procedure_selectors.procedure_get(actor=actor, project=project, pk=procedure_id)
    except ProjectProcedure.DoesNotExist:
        raise HttpError(404, "Not Found") from None
    procedures.procedure_record(actor=actor, procedure=procedure, now=timezone.now(), **payload.dict())
    on = timezone.localdate()
    row = next(
        r
        for r in procedure_selectors.project_procedures(actor=actor, project=project, on=on).rows
        if r.procedure.pk == procedure.pk
    )
    return _out(row)


@router.get("/procedures/queue", response=list[ProcedureOut], summary="Approvals waiting on a department")
def department_queue(request, unit: str):
    """Return a department's procedures in progress and late, by project (the longest late first)."""
    actor = reader(request)
    department = get_object_or_404(OrgUnit, code=unit)
    groups = procedure_selectors.department_queue(actor=actor, department=department, on=timezone.localdate())
    return [_out(row) for group in groups for row in group.rows]


@router.get("/procedures/blocked", response=list[BlockedOut], summary="Projects waiting, per procedure kind")
def blocked(request):
    """Return how many of your projects wait for each kind of procedure today, and how many are late."""
    actor = reader(request)
    counts = procedure_selectors.blocked_by_kind(actor=actor, on=timezone.localdate())
    return [
        BlockedOut(
            kind=c.kind.code,
            name=c.kind.name,
            department=unit_ref(c.kind.department),
            projects=c.projects,
            late=c.late,
        )
        for c in counts
    ]
