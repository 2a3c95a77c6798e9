"""Project pages: milestones and the edit form (the list and the page are composed in lantu.dispatch)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.projects import milestones, selectors, services
from lantu.projects.forms import MilestoneForm, ProjectForm


@login_required
@require_POST
def milestone_new(request, pk: int):
    """Add a dated milestone to a project."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(f"{reverse('projects:detail', args=[project.pk])}#project-milestones")
    try:
        milestones.milestone_add(actor=actor, project=project, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The milestone has been added."))
    return redirect(f"{reverse('projects:detail', args=[project.pk])}#project-milestones")


@login_required
def project_edit(request, pk: int):
    """Edit a project's facts; only its county's or lead unit's people, planners and admins may."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    denial = services.project_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    form = ProjectForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=actor, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/edit.html", {"project": project, "form": form})
