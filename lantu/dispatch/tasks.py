"""Writes for task reports (重点任务进展) and their evidence files."""

from datetime import datetime
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from lantu.dispatch.models import Attachment, ProgressReport, TaskReport
from lantu.dispatch.services import EDITABLE_STATES, _require_period_label, created_meanwhile
from lantu.lib import review
from lantu.lib.errors import StaleEdit, created_once
from lantu.lib.files import files_atomic, store_file
from lantu.lib.uploads import evidence_error
from lantu.orgs.access import Actor, can_edit_units
from lantu.plans.models import PlanItem

State = ProgressReport.State


def task_report_denial(*, actor: Actor, item: PlanItem) -> str | None:
    """Return why the actor may not report on the task, or None when it may."""
    if can_edit_units(actor, item.lead_unit_id):
        return None
    return _("This task is reported by its lead unit %(lead)s.") % {"lead": item.lead_unit.label}


def _task_owners(report: TaskReport) -> list[int | None]:
    return [report.item.lead_unit_id or report.item.plan.owner_id]


def _task_authors(report: TaskReport) -> list[int | None]:
    return [report.entered_by_id]


def _supersede_older(report: TaskReport, step: str, actor, now: datetime, reason: str) -> None:
    """On approval, mark the earlier revisions of the month superseded: the new one is in force."""
    if step != review.APPROVE:
        return
    for older in TaskReport.objects.filter(
        item_id=report.item_id, period=report.period, revision__lt=report.revision, superseded=False
    ):
        older.superseded = True
        older.save(update_fields=["superseded"])


TASK_REPORT = review.Kind(
    owners=_task_owners,
    authors=_task_authors,
    after=_supersede_older,
    url=lambda report: reverse("projects:task_report", args=[report.item_id, report.period]),
)


def current_task_report(item: PlanItem, period: str) -> TaskReport | None:
    """Return the latest revision of a task's report on a month (an open correction, if any)."""
    return TaskReport.objects.filter(item=item, period=period).order_by("-revision").first()


def _stale() -> StaleEdit:
    return StaleEdit(
        _(
            "Someone else saved this report after you opened it; your changes were not saved. "
            "Reload the page to see their version, then enter your changes again."
        )
    )


def _correction_of(report: TaskReport, actor: Actor) -> TaskReport:
    """Start a correction of an approved report: its next revision, with its evidence files."""
    revision = TaskReport.objects.create(
        item=report.item,
        period=report.period,
        revision=report.revision + 1,
        progress=report.progress,
        narrative=report.narrative,
        entered_by_id=actor.user_id,
    )
    for attachment in report.attachments.all():
        attachment.pk, attachment.report = None, revision
        attachment.save()
    return revision


@transaction.atomic
def task_report_save(
    *,
    actor: Actor,
    item: PlanItem,
    period: str,
    version: int | None,
    progress: Decimal,
    narrative: str,
    correct: bool = False,
) -> TaskReport:
    """Create or change the draft of a task's report; a stale version is refused with StaleEdit.

    Changing an approved report (or `correct`: adding evidence to it) starts a correction, its next
    revision; the approved one stays in force until the correction is approved.
    """
    denial = task_report_denial(actor=actor, item=item)
    if denial is not None:
        raise PermissionDenied(denial)
    _require_period_label(period, item.plan)
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage between 0 and 100.")})
    report = current_task_report(item, period)
    if report is None:
        with created_once(created_meanwhile()):
            return TaskReport.objects.create(
                item=item, period=period, progress=progress, narrative=narrative, entered_by_id=actor.user_id
            )
    if version != report.version:
        raise _stale()
    if report.state == State.APPROVED:
        if (report.progress, report.narrative) == (progress, narrative) and not correct:
            return report  # nothing to correct
        report = _correction_of(report, actor)
    elif report.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This task report is %(state)s and can no longer be changed.")
            % {"state": report.get_state_display()}
        )
    elif not TaskReport.objects.filter(pk=report.pk, version=version).update(version=F("version") + 1):
        raise _stale()
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
    return review.submit(actor=actor, kind=TASK_REPORT, obj=report, now=now)


@transaction.atomic
def task_report_review(
    *, actor: Actor, report: TaskReport, approve: bool, reason: str = "", now: datetime
) -> TaskReport:
    """Approve a submitted task report (it replaces the one in force), or return it with a reason."""
    if approve:
        return review.approve(actor=actor, kind=TASK_REPORT, obj=report, now=now)
    return review.return_(actor=actor, kind=TASK_REPORT, obj=report, reason=reason, now=now)


def task_review_denial(*, actor: Actor, report: TaskReport) -> str | None:
    """Return why the actor may not review the task report, or None when it may."""
    return review.review_denial(actor, TASK_REPORT, report)


def task_report_file(
    *,
    actor: Actor,
    item: PlanItem,
    period: str,
    version: int | None,
    progress: Decimal,
    narrative: str,
    evidence: UploadedFile | None,
    submit: bool,
    now: datetime,
) -> TaskReport:
    """Save a task's report with its evidence file and submit it if asked: all of it or nothing.

    A file already written to storage is removed again when anything after it fails.
    """
    with files_atomic():
        report = task_report_save(
            actor=actor,
            item=item,
            period=period,
            version=version,
            progress=progress,
            narrative=narrative,
            correct=evidence is not None,
        )
        if evidence is not None:
            attachment_add(actor=actor, report=report, upload=evidence, now=now)
        if submit and report.state in EDITABLE_STATES:
            report = task_report_submit(actor=actor, report=report, now=now)
    return report


@files_atomic()
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
    store_file(attachment.file, PurePath(upload.name).name, upload)
    attachment.save()
    return attachment
