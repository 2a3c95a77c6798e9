"""Pages of task reports with their evidence, and the download of an evidence file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.dispatch import selectors as dispatch_selectors
from lantu.dispatch import tasks
from lantu.dispatch.forms import TaskReportForm
from lantu.dispatch.models import Attachment
from lantu.lib.errors import error_text, http_status
from lantu.lib.forms import add_errors
from lantu.orgs.access import request_actor


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
    return render(request, "dispatch/task_report.html", context, status=status)


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
def attachment_download(request, pk: int, thumbnail: bool = False):
    """Send an evidence file (or a photo's thumbnail) to a user who may read its report.

    Photos were read as images when stored, so they open in the browser; other files download.
    """
    actor = request_actor(request)
    attachment = get_object_or_404(
        Attachment.objects.only("pk", "report_id", "progress_report_id", "file", "thumbnail", "name"), pk=pk
    )
    if attachment.progress_report_id is not None:
        dispatch_selectors.report_get(actor=actor, pk=attachment.progress_report_id)
    else:
        dispatch_selectors.task_report_get(actor=actor, pk=attachment.report_id)
    stored = attachment.thumbnail if thumbnail else attachment.file
    if not stored:
        raise Http404(_("This evidence file has no thumbnail."))
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("The evidence file is missing from storage.")) from None
    if thumbnail:
        return FileResponse(handle, content_type="image/jpeg")
    return FileResponse(handle, as_attachment=not attachment.thumbnail, filename=attachment.name)
