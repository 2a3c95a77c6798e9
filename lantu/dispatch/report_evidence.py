"""The report form's one intent: save the figures, attach evidence and submit, in one transaction."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.dispatch import services as reporting
from lantu.dispatch import year_to_date
from lantu.dispatch.models import Attachment, ProgressReport
from lantu.dispatch.tasks import evidence_error
from lantu.lib.files import files_atomic, store_file
from lantu.lib.photos import PhotoRefused, is_photo, read_photo
from lantu.orgs.access import Actor
from lantu.projects.models import Project

MAX_ATTACHMENTS = 30  # per report: a month's site photos, never an archive


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
    if error is None and report.attachments.count() >= MAX_ATTACHMENTS:
        error = _("A report takes at most %(count)s evidence files; %(name)s was not saved.") % {
            "count": MAX_ATTACHMENTS,
            "name": upload.name,
        }
    if error is not None:
        raise ValidationError({"evidence": error})
    name = PurePath(upload.name or "").name[:200]
    attachment = Attachment(
        progress_report=report, name=name, size=upload.size, uploaded_by_id=actor.user_id, uploaded_at=now
    )
    if is_photo(name):
        try:
            photo = read_photo(upload, local=timezone.get_default_timezone())
        except PhotoRefused as refused:
            raise ValidationError({"evidence": f"{name}: {refused}"}) from None
        attachment.taken_at = photo.taken_at
        attachment.latitude, attachment.longitude = photo.latitude, photo.longitude
        store_file(attachment.thumbnail, f"{PurePath(name).stem}.jpg", ContentFile(photo.thumbnail))
    store_file(attachment.file, name, upload)
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
    evidence: Sequence[UploadedFile] = (),
    submit: bool = False,
    jump_confirmed: bool = False,
    **values,
) -> ProgressReport:
    """Save a report's draft, attach its evidence files (photos, documents) and submit it, all or nothing.

    A month whose investment jumps against the month before stays a draft until the person entering it
    confirms the figure (`jump_confirmed`): it is checked before it reaches the reviewer.
    """
    report = reporting.report_save(actor=actor, project=project, period=period, version=version, **values)
    for upload in evidence:
        report_attachment_add(actor=actor, report=report, upload=upload, now=now)
    if submit and not jump_confirmed and year_to_date.jumps(project, period, report.completed_investment):
        return report
    if submit:
        report = reporting.report_submit(actor=actor, report=report, now=now)
    return report
