"""Edit or remove a project's dated milestone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.projects import milestones, selectors, services
from lantu.projects.forms import MilestoneEditForm


@login_required
def milestone_edit(request, pk: int, milestone_id: int):
    """Rename, reschedule (with a reason) or remove a milestone of a project."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    milestone = project.dated_milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404(_("No such milestone."))
    denial = services.project_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    back = f"{reverse('projects:detail', args=[project.pk])}#project-milestones"
    initial = {"name": milestone.name, "planned_date": milestone.planned_date}
    form = MilestoneEditForm(request.POST or None, initial=initial)
    form.fields["planned_date"].disabled = milestone.reached_date is not None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "remove" in request.POST:
                milestones.milestone_remove(actor=actor, milestone=milestone, reason=data["reason"])
                messages.success(request, _("The milestone has been removed."))
            else:
                milestones.milestone_update(actor=actor, milestone=milestone, **data)
                messages.success(request, _("The milestone has been saved."))
            return redirect(back)
        except ValidationError as error:
            add_errors(form, error)
    context = {"project": project, "milestone": milestone, "form": form, "back": back}
    context["changes"] = changes_of(milestone)
    return render(request, "projects/milestone_edit.html", context)
