"""Pages of the problems ledger: the list and one problem with its lifecycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.orgs.models import OrgUnit
from lantu.problems import charts
from lantu.problems import selectors as problem_selectors
from lantu.problems import services as problems
from lantu.problems.forms import ProblemMoveForm
from lantu.problems.models import Problem


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
        "charts": charts.problem_charts(figures),
        "state": state,
        "factor": factor,
        "unit": unit,
        "states": Problem.State.choices,
        "factors": Problem.Factor.choices,
    }
    return render(request, "problems/list.html", context)


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
    return render(request, "problems/detail.html", context)
