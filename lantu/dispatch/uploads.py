"""A filled dispatch template: applied at once, or, above LANTU_DISPATCH_UPLOAD_JOB_BYTES, as a job."""

from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from lantu import jobs
from lantu.dispatch import excel
from lantu.jobs.models import Job
from lantu.orgs.access import Actor, actor_for
from lantu.orgs.models import OrgUnit

STAGED = "jobs/dispatch"  # where a queued upload waits in the default storage


def upload_request(
    *, actor: Actor, user, unit: OrgUnit, period: str, filename: str, content: bytes
) -> excel.UploadResult | Job:
    """Apply an upload now, or queue it as a job when it is larger than LANTU_DISPATCH_UPLOAD_JOB_BYTES.

    A small upload raises SheetRejected with every cell error, as `excel.upload_apply` does. A queued one
    waits in the default storage until its job has ended: it is removed when the job is done or refuses
    the file, and kept for a retry when the job failed for another reason (a restart, a locked database).
    """
    if len(content) <= settings.LANTU_DISPATCH_UPLOAD_JOB_BYTES:
        return excel.upload_apply(actor=actor, unit=unit, period=period, content=content)
    if not (actor.is_admin or actor.covers(unit.pk)):  # refuse now rather than in the worker
        raise PermissionDenied(_("You can only upload your own unit's reports."))
    name = f"{STAGED}/{uuid4().hex}{PurePath(filename).suffix.lower()[:8]}"
    staged = default_storage.save(name, ContentFile(content))
    try:
        return jobs.enqueue(
            "lantu.dispatch.uploads.upload_job",
            title=_("Apply %(file)s (%(unit)s, %(period)s)")
            % {"file": PurePath(filename).name, "unit": unit.label, "period": period},
            kwargs={"user_id": user.pk, "unit_id": unit.pk, "period": period, "staged": staged},
            user_id=user.pk,
            subject=f"dispatch-upload:{unit.code}:{period}",
        )
    except Exception:
        default_storage.delete(staged)  # no orphan upload when the job cannot be recorded
        raise


def upload_job(*, progress, user_id: int, unit_id: int, period: str, staged: str) -> dict:
    """Apply a large upload in the worker: every cell checked, then all rows saved as drafts or none."""
    user = get_user_model().objects.get(pk=user_id)
    unit = OrgUnit.objects.get(pk=unit_id)
    progress.step(_("reading the workbook"), 0, 2)
    if not default_storage.exists(staged):
        raise ValidationError(_("The uploaded file is no longer there; upload it again."))
    with default_storage.open(staged, "rb") as handle:
        content = handle.read()
    progress.step(_("checking every cell and saving the rows"), 1, 2)
    try:
        result = excel.upload_apply(actor=actor_for(user), unit=unit, period=period, content=content)
    except excel.SheetRejected as rejected:
        default_storage.delete(staged)  # the same file would be refused again: it is not kept for a retry
        raise ValidationError(refused_text(rejected.errors)) from None
    except (ValidationError, PermissionDenied):
        default_storage.delete(staged)
        raise
    default_storage.delete(staged)
    progress.step(_("saved"), 2, 2)
    url = f"{reverse('projects:unit')}?unit={unit.code}&period={period}"
    return {"url": url, "saved": result.saved, "unchanged": result.unchanged}


def refused_text(errors: list) -> str:
    """Return why an upload was refused, every cell error with its row and column, in one text."""
    found = "；".join(str(error) for error in errors)
    return _("Upload refused: nothing was saved. Fix these cells and upload the file again: %(errors)s") % {
        "errors": found
    }
