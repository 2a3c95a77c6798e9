"""Writes for generated reports: request one, and generate it as a background job (`lantu worker`)."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantu import jobs
from lantu.lib import events
from lantu.orgs.access import Actor, actor_for
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.reports.exporters import bulletin, ledgers, stocktake
from lantu.reports.models import GeneratedReport
from lantu.reports.renderers.docx_gbt9704 import render_docx
from lantu.reports.renderers.xlsx_ledger import render_xlsx
from lantu.reports.selectors import may_generate_for

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


def _check(*, actor: Actor, kind: str, plan: Plan, unit: OrgUnit, year: int, month: int | None) -> None:
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
    _check(actor=actor, kind=kind, plan=plan, unit=unit, year=year, month=month)
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
    now = report.created_at
    if report.kind == Kind.STOCKTAKE:
        return render_docx(stocktake.stocktake(report.plan, report.year, report.unit, now, progress))
    if report.kind == Kind.MIDTERM:
        return render_docx(stocktake.midterm_review(report.plan, report.unit, now, progress))
    if report.kind == Kind.BULLETIN:
        actor = actor_for(report.created_by) if report.created_by else None
        if actor is None or not may_generate_for(actor, report.unit):
            raise PermissionDenied(_("The person who asked for the report may no longer read its scope."))
        blocks = bulletin.bulletin(report.plan, report.year, report.month, report.unit, now, actor, progress)
        return render_docx(blocks)
    return render_xlsx(LEDGERS[report.kind](report.plan, report.year, report.unit, now, progress))


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
