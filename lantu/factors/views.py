"""Factor pages: gap analysis with charts, allocation scenarios run, read, compared and accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.core.allocation_score import CODES
from lantu.factors import charts, guarantees, profiles, scenario_selectors, selectors, services
from lantu.factors.forms import CompareForm, QuotaForm, RunForm
from lantu.factors.models import Factor
from lantu.jobs.models import Job
from lantu.lib.errors import error_text
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.projects.selectors import project_get


def _held_choices() -> list[tuple[str, str]]:
    """Return the projects funded by the accepted scenario, to unlock."""
    accepted = guarantees.accepted_scenario()
    names = {p["id"]: p["name"] for p in accepted.inputs.get("projects", [])} if accepted else {}
    return [(code, f"{code} {names.get(code, '')}") for code in guarantees.held_from(accepted)]


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@login_required
def index(request, run_form: RunForm | None = None, quota_form: QuotaForm | None = None):
    """Show demand against quotas by factor, region and year, and the saved scenarios."""
    actor = request_actor(request)
    rows = selectors.gap_rows(actor=actor, year=_year(request))
    years = selectors.demand_years()
    scenarios = scenario_selectors.scenario_list(actor=actor)
    factors = list(Factor.objects.all())
    context = {
        "factors": factors,
        "demand_projects": profiles.demand_projects(actor=actor, factors=factors, year=_year(request)),
        "rows": rows,
        "year": _year(request),
        "years": years,
        "charts": charts.gap_charts(rows),
        "overview": charts.gap_overview(rows),
        "short_rows": [r for r in rows if r.gap > 0],
        "scenarios": scenarios,
        "can_allocate": selectors.can_allocate(actor),
        "run_form": run_form
        or RunForm(
            years=years,
            held=_held_choices(),
            initial={"name": _("Allocation %(date)s") % {"date": timezone.localdate().isoformat()}},
        ),
        "quota_form": quota_form or QuotaForm(),
    }
    return render(request, "factors/index.html", context, status=400 if run_form or quota_form else 200)


@login_required
@require_POST
def scenario_run(request):
    """Run an allocation and save it as a scenario; planners only."""
    actor = request_actor(request)
    if not selectors.can_allocate(actor):
        raise PermissionDenied(_("Only planners may run or accept factor allocations."))
    form = RunForm(request.POST, years=selectors.demand_years(), held=_held_choices())
    if form.is_valid():
        data = form.cleaned_data
        try:
            scenario = services.scenario_request(
                actor=actor,
                name=data["name"],
                year=data["year"],
                gap=float(data["gap"]) / 100,
                time_limit=float(data["time_limit"] or 30),
                clock=data["clock"] or "cpu",
                weights=form.weights(),
                keep=bool(data.get("keep")),
                unlocked=tuple(data.get("unlocked") or ()),
                churn=float(data.get("churn") or 0),
                note=data["note"],
                now=timezone.now(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if isinstance(scenario, Job):
                messages.success(request, _("The allocation is large; it runs in the background."))
                return redirect("jobs:detail", pk=scenario.pk)
            messages.success(request, _("The allocation has been run and saved."))
            return redirect("factors:scenario", pk=scenario.pk)
    request.GET = request.GET.copy()
    return index(request, run_form=form)


@login_required
@require_POST
def quota_edit(request):
    """Set a quota; planners only."""
    actor = request_actor(request)
    if not selectors.can_allocate(actor):
        raise PermissionDenied(_("Only planners may run or accept factor allocations."))
    form = QuotaForm(request.POST)
    if form.is_valid():
        try:
            services.quota_set(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The quota has been saved."))
            return redirect("factors:index")
    return index(request, quota_form=form)


@login_required
def scenario_detail(request, pk: int):
    """Show a scenario: selected projects, excluded ones with their reasons, quota use."""
    actor = request_actor(request)
    scenario = scenario_selectors.scenario_get(actor=actor, pk=pk)
    report = scenario_selectors.scenario_report(actor=actor, scenario=scenario)
    context = {
        "report": report,
        "scenario": scenario,
        "use_chart": charts.use_chart(report.quotas),
        "can_allocate": selectors.can_allocate(actor),
        "others": [s for s in scenario_selectors.scenario_list(actor=actor) if s.pk != scenario.pk],
        "changes": changes_of(scenario),
    }
    return render(request, "factors/scenario.html", context)


@login_required
@require_POST
def scenario_accept(request, pk: int):
    """Accept a scenario as the allocation in force; planners only."""
    actor = request_actor(request)
    try:
        scenario = scenario_selectors.scenario_get(actor=actor, pk=pk)
        services.scenario_accept(actor=actor, scenario=scenario, now=timezone.now())
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The scenario has been accepted."))
    return redirect("factors:scenario", pk=pk)


@login_required
def scenario_compare(request):
    """Compare two scenarios side by side: what moved and what it cost."""
    actor = request_actor(request)
    form = CompareForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two scenarios to compare."))
        return redirect("factors:index")
    first = scenario_selectors.scenario_get(actor=actor, pk=form.cleaned_data["a"])
    second = scenario_selectors.scenario_get(actor=actor, pk=form.cleaned_data["b"])
    comparison = scenario_selectors.scenario_compare(actor=actor, first=first, second=second)
    comparison["chart"] = charts.compare_chart(comparison["quota_changes"])
    return render(request, "factors/compare.html", comparison)


@login_required
def score_preview(request):
    """Show how the weights being set rank the projects, against the default value (htmx fragment)."""
    actor = request_actor(request)
    form = RunForm(request.GET, years=selectors.demand_years())
    form.is_valid()
    weights = {code: float(form.cleaned_data.get(f"w_{code}") or 0) for code in CODES}
    preview = selectors.score_preview(actor=actor, weights=weights, now=timezone.now())
    return render(request, "factors/_score_preview.html", {"preview": preview})


@login_required
def ledger(request):
    """Show the quota ledger: per region, factor and year, allocated by the guarantees in force and left."""
    actor = request_actor(request)
    rows = guarantees.ledger_rows(actor=actor)
    return render(request, "factors/ledger.html", {"rows": rows, "accepted": guarantees.accepted_scenario()})


@login_required
def project_guarantee(request, pk: int):
    """Show a project's factor guarantee in force and its history (a fragment for the project page)."""
    actor = request_actor(request)
    project = project_get(actor=actor, pk=pk)
    guarantee = guarantees.project_guarantee(actor=actor, project=project)
    return render(request, "factors/_guarantee.html", {"guarantee": guarantee})
