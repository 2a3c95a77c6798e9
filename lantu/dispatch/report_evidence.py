"""The report form's one intent: save the figures, attach evidence and submit, in one transaction."""

from datetime import datetime
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from lantu.dispatch import services as reporting
from lantu.dispatch.models import Attachment, ProgressReport
from lantu.dispatch.tasks import evidence_error
from lantu.lib.files import files_atomic, store_file
from lantu.orgs.access import Actor
from lantu.projects.models import Project


@files_atomic()
def report_attachment_add(
    *, actor: Actor, report: ProgressReport, upload: UploadedFile, now: datetime
) -> Attachment:
    """Store an evidence file of a project's draft or returned report through the default storage."""
    denial = reporting.report_edit_denial(actor=actor, project=report.project)
    if denial is not None:
        raise PermissionDenied(denial)
    if report.state not in reporting.EDITABLE_STATES:
        raise ValidationError(_("Evidence can only be added to a draft or returned report."))
    error = evidence_error(upload)
    if error is not None:
        raise ValidationError({"evidence": error})
    attachment = Attachment(
        progress_report=report,
        name=PurePath(upload.name).name[:200],
        size=upload.size,
        uploaded_by_id=actor.user_id,
        uploaded_at=now,
    )
    store_file(attachment.file, PurePath(upload.name).name, upload)
    attachment.save()
    return attachment


@files_atomic()
def report_edit(
    *,
    actor: Actor,
    project: Project,
    period: str,
    version: int | None,
    now: datetime,
    evidence: UploadedFile | None = None,
    submit: bool = False,
    **values,
) -> ProgressReport:
    """Save a report's draft, attach an evidence file and submit it, all or nothing."""
    report = reporting.report_save(actor=actor, project=project, period=period, version=version, **values)
    if evidence is not None:
        report_attachment_add(actor=actor, report=report, upload=evidence, now=now)
    if submit:
        report = reporting.report_submit(actor=actor, report=report, now=now)
    return report
