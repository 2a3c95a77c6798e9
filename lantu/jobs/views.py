"""Job pages: the user's jobs, one job's progress bar (an htmx partial while it runs), retry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lantu.jobs import services
from lantu.jobs.selectors import visible_jobs
from lantu.lib.errors import error_text


def _visible(request):
    return visible_jobs(request.user)


@login_required
@require_GET
def job_list(request):
    """List the user's latest jobs (an administrator's: everyone's)."""
    return render(request, "jobs/list.html", {"jobs": _visible(request)[:100]})


@login_required
@require_GET
def job_detail(request, pk: int):
    """Show one job's progress; htmx polls get the progress partial."""
    job = get_object_or_404(_visible(request), pk=pk)
    template = "jobs/_progress.html" if request.htmx else "jobs/detail.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def job_retry(request, pk: int):
    """Queue a failed job again."""
    job = get_object_or_404(_visible(request), pk=pk)
    try:
        services.job_retry(user=request.user, job=job, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("jobs:detail", pk=job.pk)
