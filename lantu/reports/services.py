"""Writes for generated reports: request one, and generate it as a background job (`lantu worker`)."""

import io
import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import docx
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantu import jobs
from lantu.lib import events
from lantu.orgs.access import Actor, actor_for
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.reports.document import Block
from lantu.reports.exporters import bulletin, ledgers, midterm, stocktake
from lantu.reports.exporters.analysis import with_quoted_names
from lantu.reports.frames import document_number, office_for, report_frame
from lantu.reports.models import GeneratedReport, IssuedDocument, OfficeFrame
from lantu.reports.renderers.docx_gbt9704 import render_docx
from lantu.reports.renderers.xlsx_ledger import render_xlsx
from lantu.reports.selectors import may_generate_for, may_issue, next_number

logger = logging.getLogger(__name__)
Kind = GeneratedReport.Kind
State = GeneratedReport.State
# A generation that has not reported progress for this long died with its server (a restart).
STALE_AFTER = timedelta(minutes=5)
LEDGERS = {
    Kind.TASK_LEDGER: ledgers.task_ledger,
    Kind.INDICATOR_LEDGER: ledgers.indicator_ledger,
    Kind.PROJECT_LEDGER: ledgers.project_ledger,
    Kind.PROBLEM_LEDGER: ledgers.problem_ledger,
}


def file_name(report: GeneratedReport) -> str:
    """Return the download name: plan, what, year and scope, like 十五五规划2026年度盘点（木垒县）.docx."""
    names = {
        Kind.STOCKTAKE: _("stocktake %(year)s"),
        Kind.MIDTERM: _("mid-term review"),
        Kind.BULLETIN: _("dispatch bulletin %(year)s-%(month)s"),
        Kind.TASK_LEDGER: _("key task ledger %(year)s"),
        Kind.INDICATOR_LEDGER: _("indicator ledger %(year)s"),
        Kind.PROJECT_LEDGER: _("major project ledger %(year)s"),
        Kind.PROBLEM_LEDGER: _("problems ledger %(year)s"),
    }
    what = names[report.kind] % {"year": report.year, "month": f"{report.month or 0:02d}"}
    extension = "docx" if report.is_docx else "xlsx"
    name = _("%(plan)s %(what)s (%(unit)s)") % {
        "plan": report.plan.label,
        "what": what,
        "unit": report.unit.label,
    }
    return f"{name.replace('/', '-')}.{extension}"


def _check(
    *, actor: Actor, kind: str, plan: Plan, unit: OrgUnit, year: int, month: int | None, now: datetime
) -> None:
    if not may_generate_for(actor, unit):
        raise PermissionDenied(_("You may generate reports only for units in your scope."))
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of report: %(kind)s.") % {"kind": kind})
    if not plan.baseline_year <= year <= plan.end_year:
        raise ValidationError(
            _("The year must lie between %(start)s and %(end)s, the years of %(plan)s.")
            % {"start": plan.baseline_year, "end": plan.end_year, "plan": plan.label}
        )
    if kind == Kind.BULLETIN and not (month and 1 <= month <= 12):
        raise ValidationError(_("Choose the month of the bulletin."))
    if kind == Kind.MIDTERM:
        midterm.check_midterm(plan, now)


@transaction.atomic
def _report_create(
    *,
    actor: Actor,
    kind: str,
    plan: Plan,
    unit: OrgUnit,
    year: int,
    month: int | None,
    now: datetime,
    language: str,
):
    return GeneratedReport.objects.create(
        kind=kind,
        plan=plan,
        unit=unit,
        year=year,
        month=month if kind == Kind.BULLETIN else None,
        language=language,
        created_by_id=actor.user_id,
        created_at=now,
    )


def report_request(
    *,
    actor: Actor,
    kind: str,
    plan: Plan,
    unit: OrgUnit,
    year: int,
    now: datetime,
    month: int | None = None,
    language: str | None = None,
) -> GeneratedReport:
    """Record a report request and queue its generation as a job (LANTU_JOBS_SYNC generates inline).

    Raises PermissionDenied for a unit outside the actor's scope and ValidationError for a bad kind
    or year; nothing is recorded then.
    """
    _check(actor=actor, kind=kind, plan=plan, unit=unit, year=year, month=month, now=now)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    report = _report_create(
        actor=actor, kind=kind, plan=plan, unit=unit, year=year, month=month, now=now, language=language
    )
    _launch(report)
    return report


def _launch(report: GeneratedReport) -> None:
    jobs.enqueue(
        "lantu.reports.services.report_job",
        title=_("Generate %(what)s") % {"what": report.get_kind_display()},
        kwargs={"report_id": report.pk},
        user_id=report.created_by_id,
        subject=f"report:{report.pk}",
        language=report.language,
    )
    if settings.LANTU_JOBS_SYNC:
        report.refresh_from_db()


@transaction.atomic
def reports_expire_stale(*, now: datetime) -> int:
    """Mark as failed the generations whose progress stopped more than STALE_AFTER ago; return how many.

    A queued report waits for the worker however long it takes; only a silent running one is stale.
    """
    cutoff = now - STALE_AFTER
    stale = GeneratedReport.objects.filter(state=State.RUNNING).filter(
        Q(updated_at__lt=cutoff) | Q(updated_at__isnull=True, created_at__lt=cutoff)
    )
    count = 0
    for report in stale.select_for_update():
        report.state = State.FAILED
        report.message = _("Generation was interrupted; please generate it again.")
        report.finished_at = now
        report.save(update_fields=["state", "message", "finished_at"])
        count += 1
    return count


def report_regenerate(*, actor: Actor, report: GeneratedReport, now: datetime) -> GeneratedReport:
    """Generate a failed report again as a new request with the same kind, plan, period and scope."""
    if report.state != State.FAILED:
        raise ValidationError(_("Only a failed report can be generated again."))
    return report_request(
        actor=actor,
        kind=report.kind,
        plan=report.plan,
        unit=report.unit,
        year=report.year,
        month=report.month,
        now=now,
        language=report.language,
    )


def _progress(report_id: int, job_progress: Callable[[int, str], None] | None) -> Callable[[int, str], None]:
    def progress(percent: int, message: str) -> None:
        # a plain update: progress ticks are not changes worth a history row
        GeneratedReport.objects.filter(pk=report_id).update(
            progress=max(1, min(percent, 99)), message=message[:500], updated_at=timezone.now()
        )
        if job_progress is not None:
            job_progress(percent, message)

    return progress


def _content(report: GeneratedReport, progress: Callable[[int, str], None]) -> bytes:
    if report.is_docx:
        framed = report_frame(report)
        frame, template = (framed.frame, framed.template) if framed else (None, None)
        return render_docx(with_quoted_names(_blocks(report, progress)), frame, template)
    return render_xlsx(
        LEDGERS[report.kind](report.plan, report.year, report.unit, report.created_at, progress)
    )


def _blocks(report: GeneratedReport, progress: Callable[[int, str], None]) -> Iterator[Block]:
    now = report.created_at
    if report.kind == Kind.STOCKTAKE:
        return stocktake.stocktake(report.plan, report.year, report.unit, now, progress)
    if report.kind == Kind.MIDTERM:
        return midterm.midterm_review(report.plan, report.unit, now, progress)
    actor = actor_for(report.created_by) if report.created_by else None
    if actor is None or not may_generate_for(actor, report.unit):
        raise PermissionDenied(_("The person who asked for the report may no longer read its scope."))
    return bulletin.bulletin(report.plan, report.year, report.month or 0, report.unit, now, actor, progress)


def report_job(*, progress: Callable[[int, str], None], report_id: int) -> dict:
    """Generate the report as a background job; a failed generation fails the job with its reason."""
    report = report_run(report_id, progress)
    if report.state == State.FAILED:
        raise ValidationError(report.message)
    events.emit(
        kind=events.DOCUMENT_READY,
        obj=report,
        users=[report.created_by_id] if report.created_by_id else [],
        context={"title": report.filename, "url": reverse("reports:index")},
        now=report.finished_at or timezone.now(),
    )
    return {"report_id": report.pk, "filename": report.filename}


def report_run(report_id: int, job_progress: Callable[[int, str], None] | None = None) -> GeneratedReport:
    """Generate a requested report's file; a failure is recorded on the report with its reason."""
    report = GeneratedReport.objects.select_related("plan", "unit").get(pk=report_id)
    report.state, report.progress, report.message = State.RUNNING, 1, ""
    report.updated_at = timezone.now()
    report.save(update_fields=["state", "progress", "message", "updated_at"])
    with translation.override(report.language):
        try:
            content = _content(report, _progress(report.pk, job_progress))
            report.filename = file_name(report)
            report.file.save(report.filename, ContentFile(content), save=False)
            report.state, report.progress, report.message = State.DONE, 100, ""
        except Exception as exc:  # any failure becomes a message on the report, never a crash
            logger.exception("report %s failed", report_id)
            report.state = State.FAILED
            report.message = (_("The report could not be generated: %(error)s") % {"error": exc})[:500]
        report.finished_at = report.updated_at = timezone.now()
        report.save()
    return report


ISSUED_MAX_BYTES = 20 * 1024 * 1024


def _issuing_office(actor: Actor, draft: GeneratedReport) -> OfficeFrame:
    own = OrgUnit.objects.filter(pk=actor.unit_id).first() if actor.unit_id is not None else None
    office = office_for(own, draft.unit)
    if office is None:
        raise ValidationError(
            _("No office has a document frame (发文字号) yet: an administrator sets it up first.")
        )
    return office


@transaction.atomic
def document_issue(
    *,
    actor: Actor,
    draft: GeneratedReport,
    upload: UploadedFile,
    issued_on: date,
    now: datetime,
    number: int | None = None,
) -> IssuedDocument:
    """Record the edited Word file of a generated document as its issued version, with number and date.

    The number defaults to the office's next one of the year of issue; a number already given that year,
    a draft already issued, a file that is not a Word document or a reader without the right to issue
    changes nothing.
    """
    if actor.user_id is None or not may_issue(actor) or not may_generate_for(actor, draft.unit):
        raise PermissionDenied(_("Only a planner of the document's scope may issue it."))
    if not draft.is_docx or draft.state != State.DONE:
        raise ValidationError(_("Only a generated Word document can be issued."))
    if IssuedDocument.objects.filter(draft=draft).exists():
        raise ValidationError(_("This document has already been issued."))
    name = (upload.name or "").lower()
    if upload.size is None or upload.size > ISSUED_MAX_BYTES or not name.endswith(".docx"):
        raise ValidationError(_("Upload the edited document as a Word file (.docx) of at most 20 MB."))
    content = upload.read()
    try:
        docx.Document(io.BytesIO(content))
    except Exception as exc:  # any unreadable file is the uploader's to fix
        raise ValidationError(_("The file is not a Word document (.docx) that can be opened.")) from exc
    frame = _issuing_office(actor, draft)
    year = issued_on.year
    number = number or next_number(office=frame.unit, year=year)
    if IssuedDocument.objects.filter(office=frame.unit, year=year, number=number).exists():
        raise ValidationError(
            _("%(number)s has already been given to another document.")
            % {"number": document_number(frame.number_prefix, year, number)}
        )
    written = document_number(frame.number_prefix, year, number)
    issued = IssuedDocument(
        draft=draft,
        office=frame.unit,
        kind=draft.kind,
        year=year,
        number=number,
        document_number=written,
        issued_on=issued_on,
        filename=f"{written} {draft.filename}".replace("/", "-"),
        issued_by_id=actor.user_id,
        recorded_at=now,
    )
    issued.file.save(issued.filename, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            issued.save()
    except IntegrityError as exc:  # the same number or draft issued at the same moment: no orphan file
        issued.file.delete(save=False)
        raise ValidationError(
            _("%(number)s has already been given to another document.") % {"number": written}
        ) from exc
    return issued
