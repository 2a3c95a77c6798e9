"""Writes for the monthly dispatch: reporting periods, project reports and their review."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import periods
from lantu.dispatch import year_to_date
from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.models import ProgressReport, ReportingPeriod
from lantu.dispatch.selectors import REPORTING_STAGES
from lantu.lib import events, review
from lantu.lib.errors import StaleEdit, created_once
from lantu.lib.history import attribute
from lantu.orgs.access import Actor, can_edit_plan_structure, can_edit_project
from lantu.plans.models import Plan
from lantu.projects import calc, milestones
from lantu.projects.models import Project, Stage

State = ProgressReport.State
REPORT_FIELDS = frozenset(
    {
        "completed_investment",
        "cumulative_investment",
        "physical_progress",
        "reported_stage",
        "milestones",
        "narrative",
        "correction_reason",
    }
)
EDITABLE_STATES = (State.DRAFT, State.RETURNED)


def created_meanwhile() -> str:
    """Return the refusal of a first save that another request made at the same moment."""
    return _("Someone else created this report at the same moment; reload the page.")


def _require_period_label(period: str, plan: Plan | None = None) -> None:
    """Refuse a period that is not a month like 2026-09, or (given the plan) outside the plan's years."""
    try:
        year, _month = periods.parse_month(period)
    except ValueError:
        raise ValidationError(_("“%(period)s” is not a month like 2026-09.") % {"period": period}) from None
    if plan is not None and not plan.baseline_year <= year <= plan.end_year:
        raise ValidationError(
            _("%(period)s is outside the plan's years %(first)s–%(last)s.")
            % {"period": period, "first": plan.baseline_year, "last": plan.end_year}
        )


def _period_open(plan: Plan, period: str, deadline: date | None, now: datetime) -> ReportingPeriod:
    _require_period_label(period, plan)
    found = ReportingPeriod.objects.filter(plan=plan, period=period).first()
    deadline = deadline or (found.deadline if found else calc.default_deadline(period))
    if found is not None and found.is_open and found.deadline == deadline:
        return found
    if found is None:
        found = ReportingPeriod.objects.create(plan=plan, period=period, deadline=deadline, is_open=True)
    else:
        found.is_open, found.deadline = True, deadline
        found.save()
    units = Project.objects.filter(plan=plan, stage__in=REPORTING_STAGES).values_list(
        "lead_unit_id", "county_id"
    )
    events.emit(
        kind=events.PERIOD_OPENED,
        obj=found,
        units=sorted({u for pair in units for u in pair if u}),
        context={"period": period, "deadline": deadline.isoformat(), "url": reverse("projects:unit")},
        now=now,
    )
    return found


@transaction.atomic
def period_open(*, actor: Actor, plan: Plan, period: str, deadline: date | None = None) -> ReportingPeriod:
    """Open a plan's month for reporting (again), with its deadline (default: the 5th of the next month)."""
    if not can_edit_plan_structure(actor, plan.owner_id):
        raise PermissionDenied(_("Only the planning office opens and closes reporting periods."))
    return _period_open(plan, period, deadline, timezone.now())


@transaction.atomic
def periods_open_last_month(*, now: datetime) -> list[ReportingPeriod]:
    """Open last month for every plan that reports monthly and has not opened it yet (the schedule's work)."""
    period = periods.previous_month(periods.month_of(timezone.localdate(now)))
    plans = (
        Plan.objects.filter(reporting_periods__isnull=False)
        .exclude(reporting_periods__period=period)
        .distinct()
    )
    return [_period_open(plan, period, None, now) for plan in plans.order_by("pk")]


@transaction.atomic
def period_close(*, actor: Actor, period: ReportingPeriod) -> ReportingPeriod:
    """Close a reporting period: drafts can no longer be saved or submitted for it."""
    if not can_edit_plan_structure(actor, period.plan.owner_id):
        raise PermissionDenied(_("Only the planning office opens and closes reporting periods."))
    if period.is_open:
        period.is_open = False
        period.save()
    return period


def report_edit_denial(*, actor: Actor, project: Project) -> str | None:
    """Return why the actor may not fill in the project's reports, or None when it may."""
    if can_edit_project(actor, lead_unit_id=project.lead_unit_id):
        return None
    return _("You cannot report on %(project)s; it is reported by %(lead)s.") % {
        "project": project.name,
        "lead": project.lead_unit.label,
    }


def _require_open(project: Project, period: str) -> None:
    if project.plan_id is None:
        return
    found = ReportingPeriod.objects.filter(plan_id=project.plan_id, period=period).first()
    if found is not None and not found.is_open:
        raise ValidationError(
            _("The reporting period %(period)s is closed; ask the planning office to reopen it.")
            % {"period": period}
        )


def current_report(project: Project, period: str) -> ProgressReport | None:
    """Return the latest revision of a project's report on a period."""
    return ProgressReport.objects.filter(project=project, period=period).order_by("-revision").first()


def report_check(project: Project, period: str, values: dict) -> tuple[dict, dict[str, str]]:
    """Return the values with 本年累计 computed when left empty, and what is wrong with them, by field.

    本年累计 must be last month's cumulative in force plus this month (lantu.core.cumulative); one
    that does not add up or goes backwards needs a correction reason, which is kept only then.
    """
    values = dict(values)
    errors: dict[str, str] = {}
    completed, cumulative = values.get("completed_investment"), values.get("cumulative_investment")
    if completed is not None and completed < 0:
        errors["completed_investment"] = _("Investment cannot be negative.")
    if cumulative is not None and cumulative < 0:
        errors["cumulative_investment"] = _("Investment cannot be negative.")
    if not errors and ("completed_investment" in values or "cumulative_investment" in values):
        reason = (values.get("correction_reason") or "").strip()
        result, _basis = year_to_date.check(project, period, month=completed, typed=cumulative)
        errors |= year_to_date.explain(result, reason=reason).errors
        values["cumulative_investment"] = result.cumulative
        values["correction_reason"] = reason if result.needs_reason else ""
    progress = values.get("physical_progress")
    if progress is not None and not 0 <= progress <= 100:
        errors["physical_progress"] = _("Physical progress is a percentage between 0 and 100.")
    stage = values.get("reported_stage")
    if stage and stage not in Stage.values:
        errors["reported_stage"] = _("Unknown stage.")
    return values, errors


@transaction.atomic
def report_save(
    *,
    actor: Actor,
    project: Project,
    period: str,
    version: int | None,
    reached_milestones: list | None = None,
    **values,
) -> ProgressReport:
    """Create or change the draft of a project's report on a period.

    `version` is the version the editor opened (None for a new report); when someone saved the draft
    since, StaleEdit is raised and nothing changes. Approved and submitted reports are not editable.
    `reached_milestones` (None: unchanged) are the dated milestones the report says were reached.
    """
    denial = report_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    unknown = set(values) - REPORT_FIELDS
    if unknown:
        raise ValueError(f"not a report field: {', '.join(sorted(unknown))}")
    _require_period_label(period, project.plan)
    _require_open(project, period)
    report = current_report(project, period)
    if report is not None and "correction_reason" not in values:
        values["correction_reason"] = report.correction_reason
    values, errors = report_check(project, period, values)
    claimed = None if reached_milestones is None else list(reached_milestones)
    if claimed is not None:
        own = {m.pk for m in report.reached_milestones.all()} if report is not None else set()
        problem = milestones.claim_errors(project, [m for m in claimed if m.pk not in own])
        if problem:
            errors["reached_milestones"] = problem
    if errors:
        raise ValidationError(errors)
    if report is None:
        if version not in (None, 0):
            raise StaleEdit(_("This report was deleted meanwhile; reload the page."))
        with created_once(created_meanwhile()):
            report = ProgressReport.objects.create(
                project=project, period=period, entered_by_id=actor.user_id, **_defaults(values)
            )
        if claimed:
            report.reached_milestones.set(claimed)
        return report
    if report.state not in EDITABLE_STATES:
        raise ValidationError(
            _("The %(period)s report is %(state)s and can no longer be changed.")
            % {"period": period, "state": report.get_state_display()}
        )
    if version is None or version != report.version:
        raise StaleEdit(
            _(
                "Someone else saved this report after you opened it; your changes were not saved. "
                "Reload the page to see their version, then enter your changes again."
            )
        )
    changed = [name for name, value in values.items() if getattr(report, name) != value]
    claims_change = claimed is not None and {m.pk for m in claimed} != {
        m.pk for m in report.reached_milestones.all()
    }
    if not changed and not claims_change:
        return report
    # The conditional update refuses a second save of the same version even between two requests.
    if not ProgressReport.objects.filter(pk=report.pk, version=version).update(version=F("version") + 1):
        raise StaleEdit(_("Someone else saved this report at the same moment; reload the page."))
    report.refresh_from_db()
    for name in changed:
        setattr(report, name, values[name])
    report.entered_by_id = actor.user_id
    report.is_sample = False
    report.save()
    if claims_change:
        report.reached_milestones.set(claimed)
    return report


def _defaults(values: dict) -> dict:
    filled = dict(values)
    filled.setdefault("completed_investment", Decimal(0))
    filled.setdefault("cumulative_investment", Decimal(0))
    return {key: value for key, value in filled.items() if value is not None or key == "physical_progress"}


def _report_owners(report: ProgressReport) -> list[int | None]:
    return [report.project.county_id, report.project.lead_unit_id]


def _report_authors(report: ProgressReport) -> list[int | None]:
    return [report.entered_by_id]


def _supersede_older(report: ProgressReport, step: str, actor, now: datetime, reason: str) -> None:
    """On approval, mark the earlier revisions of the month superseded: the new one is in force."""
    if step != review.APPROVE:
        return
    for older in ProgressReport.objects.filter(
        project=report.project, period=report.period, revision__lt=report.revision, superseded=False
    ):
        older.superseded = True
        older.save(update_fields=["superseded"])


PROGRESS_REPORT = review.Kind(
    owners=_report_owners,
    authors=_report_authors,
    after=_supersede_older,
    url=lambda report: reverse("projects:report", args=[report.pk]),
)


@transaction.atomic
def report_submit(*, actor: Actor, report: ProgressReport, now: datetime) -> ProgressReport:
    """Submit a draft or returned report to the planning office."""
    denial = report_edit_denial(actor=actor, project=report.project)
    if denial is not None:
        raise PermissionDenied(denial)
    if report.state not in EDITABLE_STATES:
        raise ValidationError(_("Only a draft or a returned report can be submitted."))
    _require_open(report.project, report.period)
    # The month before may have been approved or corrected since the draft was saved.
    values = {
        "completed_investment": report.completed_investment,
        "cumulative_investment": report.cumulative_investment,
        "correction_reason": report.correction_reason,
    }
    errors = report_check(report.project, report.period, values)[1]
    if errors:
        raise ValidationError(errors)
    return review.submit(actor=actor, kind=PROGRESS_REPORT, obj=report, now=now)


def review_denial(*, actor: Actor, project: Project, entered_by_id: int | None) -> str | None:
    """Return why the actor may not approve or return a report, or None when it may."""
    return review.review_denial(
        actor, PROGRESS_REPORT, ProgressReport(project=project, entered_by_id=entered_by_id)
    )


@transaction.atomic
def report_approve(*, actor: Actor, report: ProgressReport, now: datetime) -> ProgressReport:
    """Approve a submitted report; it is locked from then on and earlier revisions are superseded."""
    review.approve(actor=actor, kind=PROGRESS_REPORT, obj=report, now=now)
    project_stage_from_report(actor=actor, report=report)
    milestones_reach_from_report(actor=actor, report=report, today=timezone.localdate(now))
    return report


@transaction.atomic
def report_return(*, actor: Actor, report: ProgressReport, reason: str, now: datetime) -> ProgressReport:
    """Return a submitted report to its unit with the reason; the approved revision stays in force."""
    return review.return_(actor=actor, kind=PROGRESS_REPORT, obj=report, reason=reason, now=now)


@transaction.atomic
def report_revise(*, actor: Actor, report: ProgressReport) -> ProgressReport:
    """Start a correction of an approved report: a new draft revision; the approved one stays in force."""
    denial = report_edit_denial(actor=actor, project=report.project)
    if denial is not None:
        raise PermissionDenied(denial)
    latest = current_report(report.project, report.period)
    if report.state != State.APPROVED or latest.pk != report.pk:
        raise ValidationError(_("Only the latest approved report can be corrected."))
    revision = ProgressReport.objects.create(
        project=report.project,
        period=report.period,
        revision=report.revision + 1,
        completed_investment=report.completed_investment,
        cumulative_investment=report.cumulative_investment,
        physical_progress=report.physical_progress,
        reported_stage=report.reported_stage,
        milestones=report.milestones,
        narrative=report.narrative,
        correction_reason=report.correction_reason,
        entered_by_id=actor.user_id,
    )
    revision.reached_milestones.set(report.reached_milestones.all())
    return revision


@transaction.atomic
def project_stage_from_report(*, actor: Actor, report: ProgressReport) -> bool:
    """Move the project to the stage an approved report reached; return whether it changed.

    The history records the approving user and the report. A report on an earlier month than the
    latest approved report that names a stage does not move the project back.
    """
    if report.state != ProgressReport.State.APPROVED or report.reported_stage not in Stage.values:
        return False
    project = Project.objects.select_for_update().get(pk=report.project_id)
    if project.stage == report.reported_stage:
        return False
    later = (
        reports_in_force()
        .filter(project_id=project.pk, period__gt=report.period)
        .exclude(reported_stage="")
        .exists()
    )
    if later:
        return False
    project.stage = report.reported_stage
    project.sample_fields = [name for name in (project.sample_fields or []) if name != "stage"]
    reason = _("Stage reached in the approved %(period)s report (revision %(revision)s)") % {
        "period": report.period,
        "revision": report.revision,
    }
    attribute(project, actor.user_id, reason)
    project.save(update_fields=["stage", "sample_fields"])
    report.project.stage = project.stage
    return True


@transaction.atomic
def milestones_reach_from_report(*, actor: Actor, report: ProgressReport, today: date) -> int:
    """Mark the milestones an approved report claims as reached (at the month's end, at most today)."""
    if report.state != ProgressReport.State.APPROVED:
        return 0
    day = min(periods.month_end(report.period), today)
    count = 0
    for milestone in report.reached_milestones.select_for_update().filter(reached_date__isnull=True):
        milestone.reached_date, milestone.reached_report = day, report
        attribute(
            milestone,
            actor.user_id,
            _("Reached per the approved %(period)s report") % {"period": report.period},
        )
        milestone.save()
        count += 1
    return count
