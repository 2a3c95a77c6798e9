"""Pages of the problems ledger: the list and one problem with its lifecycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.lib.listing import ListColumn, build_listing, export_listing
from lantu.orgs.access import request_actor
from lantu.orgs.models import OrgUnit
from lantu.problems import charts
from lantu.problems import selectors as problem_selectors
from lantu.problems import services as problems
from lantu.problems.forms import ProblemMoveForm
from lantu.problems.models import Problem


def problem_columns() -> tuple[ListColumn, ...]:
    """Return the problems ledger's columns: what sorts and what is exported."""
    return (
        ListColumn("title", _("Problem"), order=("title",), value=lambda p: p.title, width=40),
        ListColumn(
            "project", _("Project"), order=("project__name",), value=lambda p: p.project.name, width=30
        ),
        ListColumn("factor", _("Factor"), order=("factor",), value=lambda p: p.get_factor_display()),
        ListColumn("urgency", _("Urgency"), order=("urgency",), value=lambda p: p.get_urgency_display()),
        ListColumn(
            "unit",
            _("Unit asked to solve"),
            order=("unit__order", "unit__code"),
            value=lambda p: p.unit.label,
        ),
        ListColumn("due", _("Due date"), order=("due_date",), value=lambda p: p.due_date.isoformat()),
        ListColumn(
            "state", pgettext("problems", "State"), order=("state",), value=lambda p: p.get_state_display()
        ),
        ListColumn(
            "raised",
            pgettext("problems", "Raised"),
            order=("raised_at",),
            value=lambda p: timezone.localtime(p.raised_at).strftime("%Y-%m-%d %H:%M"),
        ),
    )


def _search(problems, q: str):
    return problems.filter(
        Q(title__icontains=q) | Q(description__icontains=q) | Q(project__name__icontains=q)
    )


@login_required
def problem_list(request):
    """List the problems with the ledger's figures: filtered, searched, sorted, paged, exported."""
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
    listing = build_listing(request, found, problem_columns(), default_sort="due", search=_search)
    if listing.exporting:
        return export_listing(request, listing, title=_("Problems ledger"), filename=_("Problems ledger"))
    now = timezone.now()
    today = timezone.localdate(now)
    for problem in listing.page.object_list:
        problem.days_overdue = problem_selectors.problem_days_overdue(problem, on=today)
    figures = problem_selectors.problem_figures(actor=actor, now=now)
    context = {
        "listing": listing,
        "page": listing.page,
        "figures": figures,
        "charts": charts.problem_charts(figures),
        "state": state,
        "factor": factor,
        "unit": unit,
        "units": problem_selectors.asked_units(actor=actor),
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
