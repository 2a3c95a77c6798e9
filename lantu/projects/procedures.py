"""Writes for pre-construction approvals (前期手续): plan a project's procedures, record their progress."""

from datetime import date, datetime
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core.procedures import planned_from
from lantu.lib.history import attribute
from lantu.lib.uploads import evidence_error
from lantu.orgs.access import Actor, can_edit_units
from lantu.projects.models import ProcedureKind, Project, ProjectProcedure
from lantu.projects.services import project_edit_denial


def procedure_edit_denial(*, actor: Actor, procedure: ProjectProcedure) -> str | None:
    """Return why the actor may not record the procedure's progress, or None when it may.

    The project's units and the planning office keep its procedures; the granting department records
    what it has granted.
    """
    if can_edit_units(actor, procedure.department_id):
        return None
    return project_edit_denial(actor=actor, project=procedure.project)


@transaction.atomic
def procedures_plan(*, actor: Actor, project: Project, start: date, now: datetime) -> list[ProjectProcedure]:
    """Give a project the catalogue's procedures it needs and lacks, planned group after group from `start`.

    Each group starts when the longest procedure of the group before it is planned to be granted; the
    procedures of a group run side by side (并联审批).
    """
    denial = project_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    present = set(project.procedures.values_list("kind_id", flat=True))
    kinds = [
        kind for kind in ProcedureKind.objects.order_by("group", "order", "code") if kind.applies_to(project)
    ]
    if not kinds:
        raise ValidationError(_("The procedure catalogue has no procedure for this kind of project."))
    added, group_start, group, group_end = [], start, None, start
    for kind in kinds:
        if kind.group != group:
            group, group_start = kind.group, group_end
        planned = planned_from(group_start, kind.default_days)
        group_end = max(group_end, planned)
        if kind.pk in present:
            continue
        procedure = ProjectProcedure(
            project=project, kind=kind, department=kind.department, planned_date=planned
        )
        attribute(procedure, actor.user_id, _("Planned from the procedure catalogue"))
        procedure.save()
        added.append(procedure)
    if not added:
        raise ValidationError(
            _("The project already has every procedure of the catalogue that applies to it.")
        )
    return added


def _check_dates(procedure: ProjectProcedure, today: date) -> dict[str, str]:
    errors = {}
    if procedure.done_date is not None:
        if procedure.done_date > today:
            errors["done_date"] = _("A grant cannot be dated in the future.")
        if not procedure.approval_number.strip():
            errors["approval_number"] = _("Give the approval number (文号) of the grant.")
        if procedure.started_date is not None and procedure.started_date > procedure.done_date:
            errors["started_date"] = _("A procedure is lodged before it is granted.")
    if procedure.started_date is not None and procedure.started_date > today:
        errors["started_date"] = _("A procedure cannot be lodged in the future.")
    return errors


@transaction.atomic
def procedure_record(
    *,
    actor: Actor,
    procedure: ProjectProcedure,
    now: datetime,
    started_date: date | None,
    planned_date: date | None,
    done_date: date | None,
    approval_number: str = "",
    notes: str = "",
    document: UploadedFile | None = None,
    reason: str = "",
) -> ProjectProcedure:
    """Record a procedure's lodging, planned and grant days, 文号, document and notes.

    Moving the planned day needs a reason, kept in the audit trail: a moved date hides a late approval.
    """
    denial = procedure_edit_denial(actor=actor, procedure=procedure)
    if denial is not None:
        raise PermissionDenied(denial)
    moved = procedure.planned_date is not None and planned_date != procedure.planned_date
    if moved and not reason.strip():
        raise ValidationError({"reason": _("Say why the planned date moves.")})
    procedure.started_date, procedure.planned_date, procedure.done_date = (
        started_date,
        planned_date,
        done_date,
    )
    procedure.approval_number, procedure.notes = approval_number.strip(), notes.strip()
    errors = _check_dates(procedure, timezone.localdate(now))
    if document is not None and (error := evidence_error(document)) is not None:
        errors["document"] = error
    if errors:
        procedure.refresh_from_db()
        raise ValidationError(errors)
    procedure.is_sample = False  # a person's entry is no longer generated sample data
    if document is not None:
        procedure.document.save(PurePath(document.name or "document").name, document, save=False)
    attribute(procedure, actor.user_id, reason.strip())
    procedure.save()
    return procedure
