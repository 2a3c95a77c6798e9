"""Pre-construction approval pages: plan a project's procedures, record one, a department's queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.lib.errors import error_text
from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.orgs.models import OrgUnit
from lantu.projects import procedure_selectors, procedures, selectors
from lantu.projects.forms import ProcedureForm
from lantu.projects.models import ProjectProcedure


def _back(project_pk: int) -> str:
    return f"{reverse('projects:detail', args=[project_pk])}#project-procedures"


@login_required
@require_POST
def procedures_plan(request, pk: int):
    """Give a project the catalogue's procedures, planned from today."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    now = timezone.now()
    try:
        added = procedures.procedures_plan(
            actor=actor, project=project, start=timezone.localdate(now), now=now
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(n)s procedures have been planned.") % {"n": len(added)})
    return redirect(_back(project.pk))


@login_required
def procedure_edit(request, pk: int, procedure_id: int):
    """Record a procedure's progress: lodged, planned and granted days, 文号 and document."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    try:
        procedure = procedure_selectors.procedure_get(actor=actor, project=project, pk=procedure_id)
    except ProjectProcedure.DoesNotExist:
        raise Http404(_("No such procedure.")) from None
    denial = procedures.procedure_edit_denial(actor=actor, procedure=procedure)
    if denial is not None:
        raise PermissionDenied(denial)
    initial = {
        "started_date": procedure.started_date,
        "planned_date": procedure.planned_date,
        "done_date": procedure.done_date,
        "approval_number": procedure.approval_number,
        "notes": procedure.notes,
    }
    form = ProcedureForm(request.POST or None, request.FILES or None, initial=initial)
    back = request.GET.get("next") or _back(project.pk)
    if not back.startswith("/"):
        back = _back(project.pk)
    if request.method == "POST" and form.is_valid():
        try:
            procedures.procedure_record(
                actor=actor, procedure=procedure, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The procedure has been saved."))
            return redirect(back)
    context = {"project": project, "procedure": procedure, "form": form, "back": back}
    context["changes"] = changes_of(procedure)
    return render(request, "projects/procedure_edit.html", context, status=400 if form.errors else 200)


@login_required
def procedure_queue(request):
    """Show what waits on a department: its procedures in progress and late, by project."""
    actor = request_actor(request)
    departments = procedure_selectors.queue_departments(actor=actor)
    code = request.GET.get("unit")
    department: OrgUnit | None
    if code:
        department = OrgUnit.objects.filter(code=code).first()
        if department is None:
            raise Http404(_("No such unit."))
    else:
        own = [unit for unit in departments if unit.pk == actor.unit_id]
        department = next(iter(own or departments), None)
    today = timezone.localdate()
    groups = (
        procedure_selectors.department_queue(actor=actor, department=department, on=today)
        if department
        else []
    )
    context = {
        "department": department,
        "departments": departments,
        "groups": groups,
        "today": today,
        "late_count": sum(group.late for group in groups),
        "can_take_up": actor.is_planner or actor.is_admin,
    }
    return render(request, "projects/procedure_queue.html", context)
