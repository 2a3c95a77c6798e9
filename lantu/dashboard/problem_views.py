"""Raising a problem on a project, from one of its progress reports: the problems and the dispatch meet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.dispatch import selectors as dispatch_selectors
from lantu.lib.forms import add_errors
from lantu.orgs.access import request_actor
from lantu.problems import services as problems
from lantu.problems.forms import ProblemForm
from lantu.projects import selectors


@login_required
def problem_new(request, pk: int):
    """Raise a problem on a project, from one of its reports when `report` is given."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    problems.require_raiser(actor, project)
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
    return render(request, "problems/new.html", {"project": project, "report": report, "form": form})
