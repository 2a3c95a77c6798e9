"""A late pre-construction approval taken up in one step: as a problem or as a supervision order (超时督办).

Composed here because supervision sits above both the problems ledger and the projects.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.problems.services import problem_from_procedure
from lantu.projects import procedure_selectors, selectors
from lantu.supervision.services import order_from_procedure

ANSWER_DAYS = 15  # the department has a fortnight and a day to answer (a settled default, not a rule)


@login_required
@require_POST
def procedure_take_up(request, pk: int, procedure_id: int):
    """Turn a late procedure into a problem (action=problem) or a supervision order (action=order)."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    procedure = get_object_or_404(
        procedure_selectors.procedures_of(actor=actor, project=project), pk=procedure_id
    )
    now = timezone.now()
    deadline = timezone.localdate(now) + timedelta(days=ANSWER_DAYS)
    back = request.POST.get("next") or reverse("projects:detail", args=[project.pk]) + "#project-procedures"
    if not back.startswith("/"):
        back = reverse("projects:detail", args=[project.pk])
    try:
        if request.POST.get("action") == "order":
            order = order_from_procedure(actor=actor, procedure=procedure, deadline=deadline, now=now)
            messages.success(
                request, _("A supervision order has been issued to %(unit)s.") % {"unit": order.unit.label}
            )
            return redirect("supervision:detail", pk=order.pk)
        problem = problem_from_procedure(actor=actor, procedure=procedure, due_date=deadline, now=now)
        messages.success(
            request, _("The problem has been raised with %(unit)s.") % {"unit": problem.unit.label}
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(back)
