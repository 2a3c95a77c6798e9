"""Writes for task reports (重点任务进展) and their evidence files."""

from datetime import datetime
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from lantu.lib.errors import StaleEdit
from lantu.orgs.access import Actor, can_edit_units
from lantu.plans.models import PlanItem
from lantu.projects.models import Attachment, TaskReport
from lantu.projects.reporting import EDITABLE_STATES, _require_period_label

EVIDENCE_TYPES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".ofd"})
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def task_report_denial(*, actor: Actor, item: PlanItem) -> str | None:
    """Return why the actor may not report on the task, or None when it may."""
    if can_edit_units(actor, item.lead_unit_id):
        return None
    return _("This task is reported by its lead unit %(lead)s.") % {"lead": item.lead_unit.label}


@transaction.atomic
def task_report_save(
    *, actor: Actor, item: PlanItem, period: str, version: int | None, progress: Decimal, narrative: str
) -> TaskReport:
    """Create or change the draft of a task's report; a stale version is refused with StaleEdit."""
    denial = task_report_denial(actor=actor, item=item)
    if denial is not None:
        raise PermissionDenied(denial)
    _require_period_label(period)
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage between 0 and 100.")})
    report = TaskReport.objects.filter(item=item, period=period).first()
    if report is None:
        return TaskReport.objects.create(
            item=item, period=period, progress=progress, narrative=narrative, entered_by_id=actor.user_id
        )
    if report.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This task report is %(state)s and can no longer be changed.")
            % {"state": report.get_state_display()}
        )
    if version != report.version or not TaskReport.objects.filter(pk=report.pk, version=version).update(
        version=F("version") + 1
    ):
        raise StaleEdit(
            _(
                "Someone else saved this report after you opened it; your changes were not saved. "
                "Reload the page to see their version, then enter your changes again."
            )
        )
    report.refresh_from_db()
    report.progress, report.narrative, report.entered_by_id = progress, narrative, actor.user_id
    report.save()
    return report


@transaction.atomic
def task_report_submit(*, actor: Actor, report: TaskReport, now: datetime) -> TaskReport:
    """Submit a task report to the planning office."""
    denial = task_report_denial(actor=actor, item=report.item)
    if denial is not None:
        raise PermissionDenied(denial)
    if report.state not in EDITABLE_STATES:
        raise ValidationError(_("Only a draft or a returned report can be submitted."))
    report.state, report.submitted_at, report.return_reason = "submitted", now, ""
    report.version += 1
    report.save()
    return report


@transaction.atomic
def task_report_review(*, actor: Actor, report: TaskReport, approve: bool, reason: str = "") -> TaskReport:
    """Approve a submitted task report, or return it with a reason."""
    if not (actor.is_admin or actor.is_planner):
        raise PermissionDenied(_("Only the planning office reviews reports."))
    if not actor.is_admin and report.entered_by_id == actor.user_id:
        raise PermissionDenied(_("You entered this report yourself; another person must review it."))
    if report.state != "submitted":
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the report is returned.")})
    report.state = "approved" if approve else "returned"
    report.return_reason = "" if approve else reason.strip()
    report.reviewed_by_id = actor.user_id
    report.version += 1
    report.save()
    return report


def evidence_error(upload: UploadedFile) -> str | None:
    """Return why an evidence file is refused (type or size), or None when it is accepted."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        return _("%(name)s: only PDF, OFD, JPG, PNG, DOCX and XLSX files are accepted.") % {
            "name": upload.name
        }
    if upload.size > EVIDENCE_MAX_BYTES:
        return _("%(name)s is larger than %(limit)s MB.") % {
            "name": upload.name,
            "limit": EVIDENCE_MAX_BYTES // (1024 * 1024),
        }
    return None


@transaction.atomic
def attachment_add(*, actor: Actor, report: TaskReport, upload: UploadedFile, now: datetime) -> Attachment:
    """Store an evidence file of a task report through the default storage."""
    denial = task_report_denial(actor=actor, item=report.item)
    if denial is not None:
        raise PermissionDenied(denial)
    if report.state not in EDITABLE_STATES:
        raise ValidationError(_("Evidence can only be added to a draft or returned report."))
    error = evidence_error(upload)
    if error is not None:
        raise ValidationError({"file": error})
    attachment = Attachment(
        report=report,
        name=PurePath(upload.name).name[:200],
        size=upload.size,
        uploaded_by_id=actor.user_id,
        uploaded_at=now,
    )
    attachment.file.save(PurePath(upload.name).name, upload, save=False)
    attachment.save()
    return attachment
