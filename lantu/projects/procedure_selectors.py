"""Reads of pre-construction approvals (前期手续): per project, per department, blocked and late."""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lantu.core import overdue
from lantu.core.procedures import ProcedureStatus, Step, Waiting, procedure_status, waiting_for
from lantu.orgs.access import Actor, require_reader
from lantu.orgs.models import OrgUnit
from lantu.projects.models import ProcedureKind, Project, ProjectProcedure

Status = ProcedureStatus
STATUS_LABELS = {
    Status.NOT_STARTED: pgettext_lazy("procedure status", "not started"),
    Status.IN_PROGRESS: pgettext_lazy("procedure status", "in progress"),
    Status.DONE: pgettext_lazy("procedure status", "granted"),
    Status.OVERDUE: pgettext_lazy("procedure status", "late"),
}
# The badge colour of each status (lantu.css): late is red, granted green, in progress amber.
STATUS_CSS = {
    Status.NOT_STARTED: "plain",
    Status.IN_PROGRESS: "lagging",
    Status.DONE: "on_track",
    Status.OVERDUE: "off_track",
}


@dataclass(frozen=True)
class ProcedureRow:
    """A procedure with its status on a day; `waiting` when the project is waiting for it."""

    procedure: ProjectProcedure
    status: ProcedureStatus
    days_overdue: int
    waiting: Waiting | None = None

    @property
    def label(self) -> str:
        """Return the status in the reader's language."""
        return str(STATUS_LABELS[self.status])

    @property
    def css(self) -> str:
        """Return the badge class of the status."""
        return STATUS_CSS[self.status]

    @property
    def granted_late(self) -> bool:
        """Return whether it was granted after its planned day."""
        planned = self.procedure.planned_date
        return planned is not None and overdue.done_late(planned, self.procedure.done_date)


def overdue_q(on: date) -> Q:
    """Return the condition of a procedure late on a day: planned before it and not granted by it.

    The queryset form of core.procedures' OVERDUE status (core.overdue.is_overdue); a test keeps them equal.
    """
    not_granted = Q(done_date__isnull=True) | Q(done_date__gt=on)
    return Q(planned_date__lt=on) & not_granted


def _step(procedure: ProjectProcedure) -> Step:
    return Step(
        key=procedure.pk,
        group=procedure.kind.group,
        planned=procedure.planned_date,
        started=procedure.started_date,
        done=procedure.done_date,
    )


def _row(procedure: ProjectProcedure, on: date, waiting: Waiting | None = None) -> ProcedureRow:
    status = procedure_status(
        on=on, planned=procedure.planned_date, started=procedure.started_date, done=procedure.done_date
    )
    days = (
        overdue.days_overdue(procedure.planned_date, on=on, done=procedure.done_date)
        if procedure.planned_date
        else 0
    )
    return ProcedureRow(procedure=procedure, status=status, days_overdue=days, waiting=waiting)


def _rows(procedures: list[ProjectProcedure], on: date) -> list[ProcedureRow]:
    waiting = {w.key: w for w in waiting_for([_step(p) for p in procedures], on)}
    return [_row(p, on, waiting.get(p.pk)) for p in procedures]


def _procedures() -> QuerySet[ProjectProcedure]:
    return ProjectProcedure.objects.select_related("kind", "department", "project__county").order_by(
        "kind__group", "kind__order", "pk"
    )


@dataclass(frozen=True)
class ProjectProcedures:
    """A project's procedures on a day, and those it waits for."""

    rows: list[ProcedureRow]

    @property
    def waiting(self) -> list[ProcedureRow]:
        """Return the procedures the project waits for."""
        return [row for row in self.rows if row.waiting is not None]

    @property
    def late(self) -> list[ProcedureRow]:
        """Return the late procedures."""
        return [row for row in self.rows if row.status is Status.OVERDUE]


def project_procedures(*, actor: Actor, project: Project, on: date) -> ProjectProcedures:
    """Return a project's procedures in their order with their status on a day."""
    require_reader(actor)
    return ProjectProcedures(_rows(list(_procedures().filter(project=project)), on))


def procedures_of(*, actor: Actor, project: Project) -> QuerySet[ProjectProcedure]:
    """Return a project's procedures with their kind, department and project."""
    require_reader(actor)
    return _procedures().select_related("project__lead_unit").filter(project=project)


def procedure_get(*, actor: Actor, project: Project, pk: int) -> ProjectProcedure:
    """Return one procedure of a project, or raise ProjectProcedure.DoesNotExist."""
    return procedures_of(actor=actor, project=project).get(pk=pk)


def _scoped(actor: Actor, procedures: QuerySet[ProjectProcedure]) -> QuerySet[ProjectProcedure]:
    """Narrow procedures to the actor's units: its projects' and the ones its departments grant."""
    if actor.is_admin:
        return procedures
    scope = actor.scope
    return procedures.filter(
        Q(project__county_id__in=scope) | Q(project__lead_unit_id__in=scope) | Q(department_id__in=scope)
    )


@dataclass
class QueueGroup:
    """A project's procedures waiting on one department."""

    project: Project
    rows: list[ProcedureRow] = field(default_factory=list)

    @property
    def late(self) -> int:
        """Return how many of them are late."""
        return sum(row.status is Status.OVERDUE for row in self.rows)


def queue_denial(*, actor: Actor, department: OrgUnit) -> str | None:
    """Return why the actor may not see a department's queue, or None when it may."""
    if actor.sees_all_drafts or actor.covers(department.pk):
        return None
    return _("Only %(unit)s and the planning office see its queue of approvals.") % {"unit": department.label}


def department_queue(*, actor: Actor, department: OrgUnit, on: date) -> list[QueueGroup]:
    """Return what waits on a department on a day: its procedures in progress or late, by project.

    Projects with a late procedure come first, the longest late first.
    """
    require_reader(actor)
    denial = queue_denial(actor=actor, department=department)
    if denial is not None:
        raise PermissionDenied(denial)
    pending = (
        _procedures().filter(department=department).filter(Q(done_date__isnull=True) | Q(done_date__gt=on))
    )
    groups: dict[int, QueueGroup] = {}
    for procedure in pending.select_related("project__lead_unit"):
        row = _row(procedure, on)
        if row.status in (Status.IN_PROGRESS, Status.OVERDUE):
            groups.setdefault(procedure.project_id, QueueGroup(procedure.project)).rows.append(row)
    return sorted(
        groups.values(),
        key=lambda g: (-max(r.days_overdue for r in g.rows), g.project.code),
    )


def queue_departments(*, actor: Actor) -> list[OrgUnit]:
    """Return the departments that grant procedures and whose queue the actor may see."""
    require_reader(actor)
    departments = (
        OrgUnit.objects.filter(procedures_to_grant__isnull=False).distinct().order_by("order", "code")
    )
    return [unit for unit in departments if queue_denial(actor=actor, department=unit) is None]


@dataclass(frozen=True)
class BlockedCount:
    """How many projects wait for a kind of procedure on a day, and how many of those are late."""

    kind: ProcedureKind
    projects: int
    late: int


def blocked_by_kind(*, actor: Actor, on: date) -> list[BlockedCount]:
    """Return, per procedure kind, the actor's projects waiting for it on a day, most blocking first."""
    require_reader(actor)
    procedures = _scoped(actor, ProjectProcedure.objects.all())
    open_projects = procedures.filter(Q(done_date__isnull=True) | Q(done_date__gt=on)).values("project_id")
    rows = (
        ProjectProcedure.objects.filter(project_id__in=open_projects)
        .order_by()
        .values_list(
            "pk", "project_id", "kind_id", "kind__group", "started_date", "planned_date", "done_date"
        )
    )
    by_project: dict[int, list[Step]] = defaultdict(list)
    kind_of: dict[Hashable, int] = {}
    for pk, project_id, kind_id, group, started, planned, done in rows:
        by_project[project_id].append(Step(pk, group, planned=planned, started=started, done=done))
        kind_of[pk] = kind_id
    waiting: dict[int, set[int]] = defaultdict(set)
    late: dict[int, set[int]] = defaultdict(set)
    for project_id, steps in by_project.items():
        for w in waiting_for(steps, on):
            waiting[kind_of[w.key]].add(project_id)
            if w.status is Status.OVERDUE:
                late[kind_of[w.key]].add(project_id)
    kinds = ProcedureKind.objects.select_related("department").in_bulk(list(waiting))
    counts = [BlockedCount(kinds[k], len(projects), len(late[k])) for k, projects in waiting.items()]
    return sorted(counts, key=lambda c: (-c.projects, -c.late, c.kind.group, c.kind.order, c.kind.code))


@dataclass(frozen=True)
class LateProcedure:
    """A procedure late on a day, with the units that answer for it: the granting department first."""

    procedure: ProjectProcedure
    days_overdue: int
    owner_unit_ids: tuple[int, ...]


def late_procedures(*, on: date, project_ids: list[int] | None = None) -> list[LateProcedure]:
    """Return every procedure late on a day with the units that answer for it, longest late first.

    Not scoped to a reader: it is what a reminder or an escalation job walks through.
    """
    late = _procedures().select_related("project__lead_unit").filter(overdue_q(on))
    if project_ids is not None:
        late = late.filter(project_id__in=project_ids)
    found = []
    for procedure in late:
        project = procedure.project
        owners = tuple(dict.fromkeys([procedure.department_id, project.lead_unit_id, project.county_id]))
        days = _row(procedure, on).days_overdue
        found.append(LateProcedure(procedure, days, owners))
    return sorted(found, key=lambda late: (-late.days_overdue, late.procedure.pk))
