"""Pages of the problems ledger and of task reports with their evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.lib.errors import error_text, http_status
from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.orgs.models import OrgUnit
from lantu.projects import dispatch_charts, dispatch_selectors, problem_selectors, problems, selectors, tasks
from lantu.projects.dispatch_forms import ProblemForm, ProblemMoveForm, TaskReportForm
from lantu.projects.models import Attachment, Problem


@login_required
def problem_list(request):
    """List the problems with the ledger's figures, filtered by state, factor and unit."""
    actor = request_actor(request)
    state = request.GET.get("state", "active")
    factor = request.GET.get("factor", "") if request.GET.get("factor") in Problem.Factor.values else ""
    unit = OrgUnit.objects.filter(code=request.GET.get("unit", "")).first()
    found = problem_selectors.problem_list(
        actor=actor,
        state=state if state in [*Problem.State.values, "active"] else "",
        factor=factor,
        unit_id=unit.pk if unit else None,
    )
    figures = problem_selectors.problem_figures(actor=actor, now=timezone.now())
    context = {
        "page": Paginator(found, 50).get_page(request.GET.get("page")),
        "figures": figures,
        "charts": dispatch_charts.problem_charts(figures),
        "state": state,
        "factor": factor,
        "unit": unit,
        "states": Problem.State.choices,
        "factors": Problem.Factor.choices,
    }
    return render(request, "projects/problems/list.html", context)


@login_required
def problem_detail(request, pk: int):
    """Show one problem with its lifecycle actions and history."""
    actor = request_actor(request)
    problem = problem_selectors.problem_get(actor=actor, pk=pk)
    form = ProblemMoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            problems.problem_move(actor=actor, problem=problem, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The problem has been updated."))
            return redirect("projects:problem", pk=problem.pk)
    moves = [
        (state, label)
        for state, label in Problem.State.choices
        if state in problems.MOVES.get(problem.state, ())
        and problems.problem_move_denial(actor=actor, problem=problem, state=state) is None
    ]
    context = {"problem": problem, "form": form, "moves": moves, "changes": changes_of(problem)}
    return render(request, "projects/problems/detail.html", context)


@login_required
def problem_new(request, pk: int):
    """Raise a problem on a project, from one of its reports when `report` is given."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    report = None
    if request.GET.get("report", "").isdigit():
        report = dispatch_selectors.report_get(actor=actor, pk=int(request.GET["report"]))
    form = ProblemForm(request.POST or None, initial={"unit": project.lead_unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            problem = problems.problem_raise(
                actor=actor, project=project, report=report, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The problem has been recorded."))
            return redirect("projects:problem", pk=problem.pk)
    return render(request, "projects/problems/new.html", {"project": project, "report": report, "form": form})


@login_required
def task_report_edit(request, pk: int, period: str):
    """Fill in a key task's monthly progress with evidence files; review it when submitted."""
    actor = request_actor(request)
    page = dispatch_selectors.task_report_page(actor=actor, pk=pk, period=period)
    item, report = page.item, page.report
    denial = tasks.task_report_denial(actor=actor, item=item)
    initial = {"version": report.version if report else 0}
    if report is not None:
        initial |= {"progress": report.progress, "narrative": report.narrative}
    form = TaskReportForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if denial is not None:
            raise PermissionDenied(denial)
        if form.is_valid():
            data = form.cleaned_data
            try:
                tasks.task_report_file(
                    actor=actor,
                    item=item,
                    period=period,
                    version=data["version"] if report else None,
                    progress=data["progress"],
                    narrative=data["narrative"],
                    evidence=data["evidence"] or None,
                    submit="submit" in request.POST,
                    now=timezone.now(),
                )
            except ValidationError as error:
                add_errors(form, error)
                status = http_status(error)
            else:
                messages.success(request, _("The task report has been saved."))
                return redirect("projects:task_report", pk=item.pk, period=period)
    context = {
        "item": item,
        "period": period,
        "report": report,
        "in_force": page.in_force,
        "form": form,
        "can_edit": denial is None and (report is None or report.state in ("draft", "returned", "approved")),
        "can_review": report is not None
        and report.state == "submitted"
        and tasks.task_review_denial(actor=actor, report=report) is None,
    }
    return render(request, "projects/dispatch/task_report.html", context, status=status)


@login_required
@require_POST
def task_report_review(request, pk: int):
    """Approve or return a submitted task report."""
    actor = request_actor(request)
    report = dispatch_selectors.task_report_get(actor=actor, pk=pk)
    try:
        tasks.task_report_review(
            actor=actor,
            report=report,
            approve="approve" in request.POST,
            reason=request.POST.get("reason", ""),
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("projects:task_report", pk=report.item_id, period=report.period)


@login_required
def attachment_download(request, pk: int):
    """Send an evidence file under its original name to a user who may read its report."""
    actor = request_actor(request)
    attachment = get_object_or_404(
        Attachment.objects.only("pk", "report_id", "progress_report_id", "file", "name"), pk=pk
    )
    if attachment.progress_report_id is not None:
        dispatch_selectors.report_get(actor=actor, pk=attachment.progress_report_id)
    else:
        dispatch_selectors.task_report_get(actor=actor, pk=attachment.report_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The evidence file is missing from storage.")) from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)
