"""Report pages: ask for a report, follow its progress, download the file."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.orgs.audit import Event, audit_record
from lantu.reports import selectors, services
from lantu.reports.forms import IssueForm, ReportForm
from lantu.reports.renderers import charts


def _form(actor, data=None) -> ReportForm:
    plans = selectors.plan_choices(actor=actor)
    units = selectors.scope_units(actor=actor)
    plan = plans.filter(kind="master").first() or plans.first()
    now = timezone.localdate()
    year = now.year if plan is None or plan.start_year <= now.year <= plan.end_year else plan.start_year
    previous = (now.replace(day=1) - timedelta(days=1)).month if year == now.year else 12
    initial = {"plan": plan, "unit": selectors.default_unit(actor=actor), "year": year, "month": previous}
    return ReportForm(data, plans=plans, units=units, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    """Show the report form and the reports generated in the actor's scope; a POST requests one."""
    actor = request_actor(request)
    services.reports_expire_stale(now=timezone.now())
    form = _form(actor, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_request(actor=actor, now=timezone.now(), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The report is being generated; it appears in the list below."))
            return redirect("reports:index")
    context = {
        "form": form,
        "reports": selectors.report_list(actor=actor),
        "can_issue": selectors.may_issue(actor),
    }
    if charts.cjk_font() is None:  # Word reports would fail at their first chart: say what to install
        context["font_missing"] = charts.missing_font_message()
    return render(request, "reports/index.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def row(request, pk: int):
    """Return one report's row of the list (polled by htmx while it is generated)."""
    services.reports_expire_stale(now=timezone.now())
    actor = request_actor(request)
    report = selectors.report_get(actor=actor, pk=pk)
    return render(request, "reports/_row.html", {"report": report, "can_issue": selectors.may_issue(actor)})


@login_required
@require_POST
def regenerate(request, pk: int):
    """Generate a failed report again."""
    actor = request_actor(request)
    report = selectors.report_get(actor=actor, pk=pk)
    try:
        services.report_regenerate(actor=actor, report=report, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The report is being generated; it appears in the list below."))
    return redirect("reports:index")


@login_required
@require_GET
def download(request, pk: int):
    """Send a generated file."""
    report = selectors.report_get(actor=request_actor(request), pk=pk)
    if report.state != report.State.DONE or not report.file:
        raise Http404(_("This report has no file yet."))
    audit_record(
        event=Event.EXPORT,
        now=timezone.now(),
        request=request,
        detail=f"report {report.pk} {report.filename}",
    )
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.filename)


@login_required
@require_POST
def issue(request, pk: int):
    """Record an edited Word file as the issued version of a generated document."""
    actor = request_actor(request)
    draft = selectors.report_get(actor=actor, pk=pk)
    form = IssueForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            issued = services.document_issue(
                actor=actor,
                draft=draft,
                upload=form.cleaned_data["upload"],
                issued_on=form.cleaned_data["issued_on"],
                number=form.cleaned_data["number"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Issued as %(number)s.") % {"number": issued.document_number})
            return redirect("reports:issued")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("reports:index")


@login_required
@require_GET
def issued(request):
    """List the issued documents by kind and year, each beside its draft."""
    groups = selectors.issued_by_kind_and_year(actor=request_actor(request))
    return render(request, "reports/issued.html", {"groups": groups})


@login_required
@require_GET
def issued_download(request, pk: int):
    """Send an issued document's file."""
    document = selectors.issued_get(actor=request_actor(request), pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
