"""The page of one project: its facts with its annual plans and the progress reports on it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lantu.dispatch import project_selectors
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.projects import contributions_views, milestones, procedure_selectors, selectors
from lantu.projects.forms import MilestoneForm


@login_required
def project_detail(request, pk: int):
    """Show a project with its annual plans, progress reports, plan items and history."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    reports = project_selectors.project_reports(actor=actor, project=project)
    today = timezone.localdate()
    context = {
        "project": project,
        "reports": reports,
        "annual_rows": project_selectors.project_annual_rows(actor=actor, project=project),
        "can_edit": selectors.project_can_edit(actor=actor, project=project),
        "changes": changes_of(project),
        "milestones": list(project.dated_milestones.select_related("reached_report")),
        "schedule_lag": milestones.schedule_lags([project.pk], today).get(project.pk),
        "procedures": procedure_selectors.project_procedures(actor=actor, project=project, on=today),
        "can_order": actor.is_planner or actor.is_admin,
        "milestone_form": MilestoneForm(),
        **contributions_views.project_section(actor, project),
    }
    return render(request, "projects/detail.html", context)
