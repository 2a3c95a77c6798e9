"""Project pages: the filterable list, one project, and its edit form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import push_url

from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.projects import library, milestones, selectors, services
from lantu.projects.forms import MilestoneForm, ProjectFilterForm, ProjectForm

PAGE_SIZE = 50


def _filters_in_use(params: QueryDict) -> QueryDict:
    """Return the non-empty filter parameters, without the page number."""
    # Links and the pushed address then read "?county=mulei", not "?q=&county=mulei&cluster=&plan=".
    query = QueryDict(mutable=True)
    for key, values in params.lists():
        kept = [value for value in values if value.strip()]
        if key != "page" and kept:
            query.setlist(key, kept)
    return query


@login_required
def project_list(request):
    """List the projects, filtered by county, cluster, stage, plan and text; htmx gets the table only."""
    actor = request_actor(request)
    form = ProjectFilterForm(request.GET or None, **selectors.filter_choices(actor=actor))
    filters = form.to_filter()
    projects = selectors.project_list(actor=actor, filters=filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = _filters_in_use(request.GET)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "totals": selectors.project_totals(projects),
        "query": query.urlencode(),
        "can_import_library": library.import_denial(actor) is None,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "projects/_results.html" if partial else "projects/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    if partial:
        if page.number > 1:
            query["page"] = str(page.number)
        push_url(response, f"{request.path}?{query.urlencode()}" if query else request.path)
    return response


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
