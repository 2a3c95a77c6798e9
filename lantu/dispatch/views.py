"""Dispatch pages: the overview, a unit's page, reminders, review, periods, report forms and Excel."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.core import periods, progress
from lantu.dispatch import charts as dispatch_charts
from lantu.dispatch import excel, report_evidence, uploads, year_to_date
from lantu.dispatch import overview as dispatch_overview
from lantu.dispatch import selectors as dispatch_selectors
from lantu.dispatch import services as reporting
from lantu.dispatch.forms import PeriodForm, ReportForm, ReturnForm, UploadForm
from lantu.dispatch.models import ProgressReport, ReportingPeriod
from lantu.jobs.models import Job
from lantu.jobs.selectors import visible_job
from lantu.lib.errors import error_text, http_status
from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.lib.listing import ListColumn, build_listing, export_listing
from lantu.lib.spreadsheets import xlsx_response
from lantu.lib.urls import month_ahead, month_param
from lantu.orgs.access import request_actor, require_reader, subtree
from lantu.orgs.audit import Event, audit_record
from lantu.orgs.models import OrgUnit
from lantu.projects import milestones, procedure_selectors, selectors
from lantu.projects.figures import actor_units

UNIT_REMINDER_ROWS = 50
REMINDER_PAGE_ROWS = 100  # the office's list of every missing report, a page at a time


@login_required
def overview(request):
    """Show the planner's overview of a month: completion, rankings, 红黑榜, timeliness, problems."""
    actor = request_actor(request)
    today = timezone.localdate()
    period = month_param(request, dispatch_selectors.latest_period(today))
    units = actor_units(actor)
    figures = dispatch_overview.overview(actor=actor, period=period, today=today, unit_ids=units)
    context = {
        "period": period,
        "previous": periods.previous_month(period),
        "next": month_ahead(period),
        "figures": figures,
        "charts": dispatch_charts.overview_charts(figures),
        "queue_count": dispatch_selectors.review_queue(actor=actor, unit_ids=units).count(),
        "blocked": procedure_selectors.blocked_by_kind(actor=actor, on=today),
    }
    return render(request, "dispatch/overview.html", context)


def _unit_for(request, actor) -> OrgUnit:
    code = request.GET.get("unit")
    if code:
        return get_object_or_404(OrgUnit, code=code)
    if actor.unit_id is None:
        raise Http404(_("Your account does not act for a unit; choose one."))
    return get_object_or_404(OrgUnit, pk=actor.unit_id)


@login_required
def unit_page(request):
    """Show a unit's own dispatch page: what it still owes, its reports this month, its figures."""
    actor = request_actor(request)
    require_reader(actor)
    unit = _unit_for(request, actor)
    today = timezone.localdate()
    scope = subtree(unit.pk)
    # The first rows only: a county may owe hundreds; the counts say how many in all.
    owes = dispatch_selectors.reminders(actor=actor, today=today, unit_ids=scope, limit=UNIT_REMINDER_ROWS)
    due, overdue = dispatch_selectors.reminder_counts(actor=actor, today=today, unit_ids=scope)
    open_periods = dispatch_selectors.open_months()
    period = month_param(
        request, min(open_periods) if open_periods else dispatch_selectors.latest_period(today)
    )
    page = Paginator(excel.unit_projects(unit), 100).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    current: dict[int, ProgressReport] = {}
    reports = dispatch_selectors.visible_reports(actor).filter(project__in=projects, period=period)
    for report in reports.order_by("revision"):
        current[report.project_id] = report
    rows = [(project, current.get(project.pk)) for project in projects]
    figures = dispatch_overview.unit_figures(
        actor=actor, period=dispatch_selectors.latest_period(today), unit_ids=scope
    )
    context = {
        "unit": unit,
        "period": period,
        "open_periods": open_periods,
        "reminders": owes,
        "owed": {"due": due, "overdue": overdue, "total": due + overdue, "shown": len(owes)},
        "rows": rows,
        "page": page,
        "can_report": actor.is_admin or actor.covers(unit.pk),
        "figures": figures,
        "charts": dispatch_charts.unit_charts(figures),
        "drafts": dispatch_selectors.draft_count(unit=unit, period=period),
        "tasks": dispatch_selectors.unit_tasks(actor=actor, unit_ids=scope)[:50],
        "upload_form": UploadForm(),
        "upload_job": visible_job(request.user, request.GET["job"]) if "job" in request.GET else None,
    }
    return render(request, "dispatch/unit.html", context)


@login_required
def reminder_list(request):
    """List, for the office, what each unit still owes for the open periods."""
    actor = request_actor(request)
    today = timezone.localdate()
    by_unit = dispatch_selectors.reminders_by_unit(actor=actor, today=today)
    missing = dispatch_selectors.MissingReports.of(actor=actor, today=today)
    page = Paginator(missing, REMINDER_PAGE_ROWS).get_page(request.GET.get("page"))
    context = {
        "by_unit": by_unit,
        "reminders": page.object_list,
        "listing": {"page": page, "query": ""},  # templates/includes/pager.html
        "total": len(missing),
    }
    return render(request, "dispatch/reminders.html", context)


def review_columns() -> tuple[ListColumn, ...]:
    """Return the review queue's columns: what sorts and what is exported."""
    return (
        ListColumn(
            "project", _("Project"), order=("project__name",), value=lambda r: r.project.name, width=40
        ),
        ListColumn("code", _("Code"), order=("project__code",), value=lambda r: r.project.code),
        ListColumn("period", _("Period"), order=("period", "revision"), value=lambda r: r.period),
        ListColumn(
            "lead",
            _("Lead unit"),
            order=("project__lead_unit__order", "project__lead_unit__code"),
            value=lambda r: r.project.lead_unit.label,
        ),
        ListColumn(
            "cumulative",
            _("Year to date"),
            order=("cumulative_investment",),
            value=lambda r: r.cumulative_investment,
            kind="decimal",
            css="num",
            unit=_("10k yuan"),
        ),
        ListColumn(
            "submitted",
            _("Submitted"),
            order=("submitted_at",),
            value=lambda r: (
                timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M") if r.submitted_at else ""
            ),
        ),
    )


def _search_reports(reports, q: str):
    return reports.filter(
        Q(project__name__icontains=q) | Q(project__code__icontains=q) | Q(period__startswith=q)
    )


@login_required
def review_list(request):
    """List the submitted reports waiting for the office's review: searched, sorted, paged, exported."""
    actor = request_actor(request)
    queue = dispatch_selectors.review_queue(actor=actor).prefetch_related("attachments")
    listing = build_listing(
        request, queue, review_columns(), default_sort="submitted", search=_search_reports
    )
    if listing.exporting:
        return export_listing(
            request, listing, title=_("Reports waiting for review"), filename=_("Reports waiting for review")
        )
    tasks = dispatch_selectors.task_review_queue(actor=actor)[:100]
    return render(request, "dispatch/review.html", {"listing": listing, "page": listing.page, "tasks": tasks})


@login_required
def period_list(request):
    """List the reporting periods; the office opens and closes them here."""
    actor = request_actor(request)
    require_reader(actor)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reporting.period_open(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The reporting period is open."))
            return redirect("projects:periods")
    periods = ReportingPeriod.objects.select_related("plan").order_by("-period", "plan__order")[:120]
    return render(request, "dispatch/periods.html", {"periods": periods, "form": form})


@login_required
@require_POST
def period_toggle(request, pk: int):
    """Close an open period, or reopen a closed one."""
    actor = request_actor(request)
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=pk)
    if period.is_open:
        reporting.period_close(actor=actor, period=period)
    else:
        reporting.period_open(actor=actor, plan=period.plan, period=period.period)
    return redirect("projects:periods")


@login_required
def report_edit(request, pk: int, period: str):
    """Fill in or correct the draft of a project's report on a month."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    denial = reporting.report_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    report = reporting.current_report(project, period)
    if report is not None and report.state not in reporting.EDITABLE_STATES:
        return redirect("projects:report", pk=report.pk)
    initial = {"version": report.version if report else 0}
    if report is not None:
        initial |= {name: getattr(report, name) for name in reporting.REPORT_FIELDS}
        initial["reached_milestones"] = [m.pk for m in report.reached_milestones.all()]
    claimable = milestones.claimable(project, report)
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial, claimable=claimable)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["evidence"] = data.pop("photos") + data.pop("documents")
        if "reached_milestones" in data:
            data["reached_milestones"] = list(data["reached_milestones"])
        try:
            saved = report_evidence.report_edit(
                actor=actor,
                project=project,
                period=period,
                version=version if report else None,
                now=timezone.now(),
                submit="submit" in request.POST,
                jump_confirmed="confirm_jump" in request.POST,
                **data,
            )
        except ValidationError as error:
            add_errors(form, error)
            status = http_status(error)
        else:
            if saved.state == ProgressReport.State.SUBMITTED:
                messages.success(request, _("The report has been submitted for review."))
            elif "submit" in request.POST:  # held back: the month jumps and was not confirmed
                messages.warning(
                    request,
                    _(
                        "Saved as a draft, not submitted: this month's investment jumps against the month "
                        "before. Check the figure; if it is right, tick the confirmation and submit again."
                    ),
                )
                return redirect("projects:report_edit", pk=project.pk, period=period)
            else:
                messages.success(request, _("The report has been saved as a draft."))
            return redirect("projects:report", pk=saved.pk)
    figures = request.POST if form.is_bound else initial
    context = {
        "project": project,
        "period": period,
        "report": report,
        "form": form,
        "planned": dispatch_selectors.plan_annual(project, int(period[:4])),
        "ytd": _year_to_date_panel(project, period, figures),
        "live": True,
        "jump_confirmed": "confirm_jump" in request.POST,
    }
    return render(request, "dispatch/report_edit.html", context, status=status)


def _amount(value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _year_to_date_panel(project, period: str, figures) -> year_to_date.Panel:
    return year_to_date.panel(
        project,
        period,
        month=_amount(figures.get("completed_investment")),
        typed=_amount(figures.get("cumulative_investment")),
        reason=str(figures.get("correction_reason") or ""),
    )


@login_required
def report_year_to_date(request, pk: int, period: str):
    """Return the form's year-to-date panel for the figures typed so far (an htmx fragment)."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    context = {
        "project": project,
        "period": period,
        "ytd": _year_to_date_panel(project, period, request.GET),
        "live": True,
        "jump_confirmed": "confirm_jump" in request.GET,
    }
    return render(request, "dispatch/_year_to_date.html", context)


@login_required
def report_detail(request, pk: int):
    """Show one report with its review actions, its problems and its history."""
    actor = request_actor(request)
    report = dispatch_selectors.report_get(actor=actor, pk=pk)
    project = report.project
    planned = dispatch_selectors.plan_annual(project, int(report.period[:4]))
    context = {
        "report": report,
        "project": project,
        "can_edit": report.state in reporting.EDITABLE_STATES
        and reporting.report_edit_denial(actor=actor, project=project) is None,
        "can_review": report.state == ProgressReport.State.SUBMITTED
        and reporting.review_denial(actor=actor, project=project, entered_by_id=report.entered_by_id) is None,
        "can_revise": report.in_force and reporting.report_edit_denial(actor=actor, project=project) is None,
        "return_form": ReturnForm(),
        "problems": report.problems.select_related("unit"),
        "planned": planned,
        "annual": {
            "year": report.period[:4],
            "planned": planned,
            "completed": report.cumulative_investment,
            "rate": progress.rate(report.cumulative_investment, planned),
            "time": progress.rate(progress.year_share(report.period), 1),
        },
        "ytd": _year_to_date_panel(project, report.period, _figures(report)),
        "queue": dispatch_selectors.review_queue_place(actor=actor, report=report),
        "attachments": report.attachments.all(),
        "changes": changes_of(report),
    }
    return render(request, "dispatch/report.html", context)


def _figures(report: ProgressReport) -> dict:
    return {
        "completed_investment": report.completed_investment,
        "cumulative_investment": report.cumulative_investment,
        "correction_reason": report.correction_reason,
    }


@login_required
@require_POST
def report_action(request, pk: int, action: str):
    """Submit, approve, return or revise a report."""
    actor = request_actor(request)
    report = dispatch_selectors.report_get(actor=actor, pk=pk)
    now = timezone.now()
    try:
        if action == "submit":
            reporting.report_submit(actor=actor, report=report, now=now)
            messages.success(request, _("The report has been submitted."))
        elif action == "approve":
            reporting.report_approve(actor=actor, report=report, now=now)
            messages.success(request, _("The report has been approved."))
        elif action == "return":
            reporting.report_return(
                actor=actor, report=report, reason=request.POST.get("reason", ""), now=now
            )
            messages.success(request, _("The report has been returned."))
        elif action == "revise":
            report = reporting.report_revise(actor=actor, report=report)
            return redirect("projects:report_edit", pk=report.project_id, period=report.period)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("projects:report", pk=report.pk)


@login_required
@require_POST
def submit_all(request):
    """Submit every draft of a unit's projects for a month."""
    actor = request_actor(request)
    unit = get_object_or_404(OrgUnit, code=request.POST.get("unit", ""))
    period = request.POST.get("period", "")
    count = 0
    for project in excel.unit_projects(unit):
        report = reporting.current_report(project, period)
        if report is not None and report.state in reporting.EDITABLE_STATES:
            try:
                reporting.report_submit(actor=actor, report=report, now=timezone.now())
            except ValidationError as error:
                messages.error(request, f"{project.code}: {error_text(error)}")
                continue
            count += 1
    messages.success(request, _("%(count)s reports submitted.") % {"count": count})
    return redirect(f"{reverse('projects:unit')}?unit={unit.code}&period={period}")


@login_required
def excel_template(request, unit: str, period: str):
    """Download a unit's reporting template for a month, prefilled with its projects."""
    actor = request_actor(request)
    require_reader(actor)
    org = get_object_or_404(OrgUnit, code=unit)
    content = excel.template_bytes(unit=org, period=period, drafts=actor.is_admin or actor.covers(org.pk))
    audit_record(
        event=Event.EXPORT,
        now=timezone.now(),
        request=request,
        detail=f"dispatch template {org.code} {period}",
    )
    return xlsx_response(content, f"{org.name}{period}重大项目调度表.xlsx")


@login_required
@require_POST
def excel_upload(request, unit: str, period: str):
    """Take a filled template: every cell is checked first, then all rows are saved or none."""
    actor = request_actor(request)
    org = get_object_or_404(OrgUnit, code=unit)
    form = UploadForm(request.POST, request.FILES)
    errors: list[excel.CellError] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = uploads.upload_request(
                actor=actor,
                user=request.user,
                unit=org,
                period=period,
                filename=upload.name,
                content=upload.read(),
            )
        except excel.SheetRejected as rejected:
            errors = rejected.errors
        else:
            if isinstance(result, Job):  # a large file is applied in the background; its page shows how far
                return redirect(f"{reverse('projects:unit')}?unit={org.code}&period={period}&job={result.pk}")
            messages.success(
                request,
                _("Upload accepted: %(saved)s reports saved as drafts, %(unchanged)s unchanged.")
                % {"saved": result.saved, "unchanged": result.unchanged},
            )
            return redirect(f"{reverse('projects:unit')}?unit={org.code}&period={period}")
    context = {"unit": org, "period": period, "errors": errors, "form": form}
    return render(request, "dispatch/upload_errors.html", context, status=400)
