"""Factor profile pages: a project's demands, value score and flags, edited by planners."""

import re
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantu.factors import profiles, selectors, services
from lantu.factors.forms import DemandForm, EfficiencyForm, ProfileForm
from lantu.factors.models import Demand
from lantu.lib.errors import error_text
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.projects.selectors import project_get

DENIED = gettext_lazy("Only planners may change factor demands and value scores.")


def _profile_form(view: profiles.ProfileView) -> ProfileForm:
    profile = view.profile
    initial = {
        "use_default": profile is None or profile.value is None,
        "value": profile.value if profile and profile.value is not None else None,
        "must": bool(profile and profile.must),
        "divisible": bool(profile and profile.divisible),
        "requires": list(profile.requires.all()) if profile else [],
        "earliest_start": profile.earliest_start if profile else None,
        "latest_start": profile.latest_start if profile else None,
    }
    return ProfileForm(initial=initial, project=view.project)


def _efficiency_form(project) -> EfficiencyForm:
    data = getattr(project, "factor_efficiency", None)
    fields = EfficiencyForm.base_fields
    return EfficiencyForm(initial={key: getattr(data, key) for key in fields} if data else {})


def _render(
    request,
    project,
    *,
    demand_form=None,
    profile_form=None,
    efficiency_form=None,
    edit_errors=None,
    status=200,
):
    actor = request_actor(request)
    view = profiles.profile_view(actor=actor, project=project)
    context = {
        "view": view,
        "project": project,
        "can_edit": selectors.can_allocate(actor),
        "demand_form": demand_form or DemandForm(),
        "profile_form": profile_form or _profile_form(view),
        "efficiency_form": efficiency_form or _efficiency_form(project),
        "edit_errors": edit_errors or {},
        "changes": changes_of(view.profile) if view.profile else [],
        "scenario_pk": _scenario_pk(request),
    }
    if request.htmx and request.method == "POST":
        # htmx swaps only successful responses: errors come back as 200 with the messages in place.
        return render(request, "factors/_demands.html", context)
    return render(request, "factors/profile.html", context, status=status)


@login_required
def profile(request, pk: int):
    """Show a project's factor demands, value score and flags, and how the scenarios treated it."""
    actor = request_actor(request)
    project = project_get(actor=actor, pk=pk)
    return _render(request, project)


def _editable(request, pk: int):
    actor = request_actor(request)
    if not selectors.can_allocate(actor):
        raise PermissionDenied(str(DENIED))
    return actor, project_get(actor=actor, pk=pk)


def _done(request, project, message: str):
    if request.htmx:
        return _render(request, project)
    messages.success(request, message)
    return redirect("factors:profile", pk=project.pk)


@login_required
@require_POST
def demand_save(request, pk: int):
    """Add a demand, or change the amount of one; planners only."""
    actor, project = _editable(request, pk)
    form = DemandForm(request.POST)
    if form.is_valid():
        try:
            services.demand_set(actor=actor, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _done(request, project, _("The demand has been saved."))
    return _render(request, project, demand_form=form, status=400)


@login_required
@require_POST
def demand_change(request, pk: int, demand_pk: int):
    """Change one demand's amount, or remove it; planners only."""
    actor, project = _editable(request, pk)
    demand = get_object_or_404(Demand, pk=demand_pk, project=project)
    if "remove" in request.POST:
        services.demand_remove(actor=actor, demand=demand)
        return _done(request, project, _("The demand has been removed."))
    text = request.POST.get("amount", "").strip()
    try:
        amount = Decimal(text)
        if not amount.is_finite():
            raise ArithmeticError
        services.demand_set(
            actor=actor, project=project, factor=demand.factor, year=demand.year, amount=amount
        )
    except (ArithmeticError, ValueError):
        errors = {demand.pk: _("“%(text)s” is not a number.") % {"text": text}}
    except ValidationError as error:
        errors = {demand.pk: error_text(error)}
    else:
        return _done(request, project, _("The demand has been saved."))
    return _render(request, project, edit_errors=errors, status=400)


@login_required
@require_POST
def profile_save(request, pk: int):
    """Set a project's value score (or the default) and its flags; planners only."""
    actor, project = _editable(request, pk)
    form = ProfileForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_set(
                actor=actor,
                project=project,
                value=None if data["use_default"] else data["value"],
                must=data["must"],
                divisible=data["divisible"],
                requires=tuple(data["requires"]),
                window=(data["earliest_start"], data["latest_start"]),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The value score and flags have been saved."))
            return redirect("factors:profile", pk=project.pk)
    return _render(request, project, profile_form=form, status=400)


@login_required
@require_POST
def efficiency_save(request, pk: int):
    """Set what a project yields, for the scoring model; planners only."""
    actor, project = _editable(request, pk)
    form = EfficiencyForm(request.POST)
    if form.is_valid():
        try:
            services.efficiency_set(actor=actor, project=project, facts=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The efficiency figures have been saved."))
            return redirect("factors:profile", pk=project.pk)
    return _render(request, project, efficiency_form=form, status=400)


def _scenario_pk(request) -> str:
    """Return the scenario the page came from (?scenario=), when it is an id; anything else is ignored."""
    wanted = request.GET.get("scenario") or request.POST.get("scenario", "")
    return wanted if re.fullmatch(r"[0-9]{1,18}", wanted) else ""
