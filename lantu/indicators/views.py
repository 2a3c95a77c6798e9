"""Indicator pages: the filterable list and one indicator's detail."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone

from lantu.indicators import charts, selectors
from lantu.indicators.checks import observation_flags
from lantu.indicators.periods import entry_periods
from lantu.indicators.services import can_enter, can_review
from lantu.indicators.splits import split_panel
from lantu.indicators.status import default_thresholds
from lantu.lib.history import changes_of
from lantu.orgs.access import can_edit_plan_structure, request_actor


@login_required
def indicator_list(request):
    """List indicators with status; htmx requests get only the table."""
    actor = request_actor(request)
    filters = {name: request.GET.get(name, "").strip() for name in ("plan", "status", "unit")}
    rows = selectors.indicator_rows(actor, now=timezone.now(), **filters)
    context = {"rows": rows, "filters": filters}
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        return render(request, "indicators/_table.html", context)
    context["choices"] = selectors.indicator_filter_choices(actor)
    return render(request, "indicators/list.html", context)


@login_required
def indicator_detail(request, pk: int):
    """Show an indicator: attributes, citation, linked items, values, trend and history.

    The page as served also shows the projects that add to the indicator: lantu.dashboard.indicator_views
    adds them to this response's context, one layer up.
    """
    actor, now = request_actor(request), timezone.now()
    page = selectors.indicator_page(actor, pk, now=now)
    indicator = page.indicator
    reviewer = can_review(actor, indicator)
    for observation in page.observations:
        submitted = observation.state == observation.State.SUBMITTED
        observation.review_flags = observation_flags(observation) if reviewer and submitted else []
    return TemplateResponse(
        request,
        "indicators/detail.html",
        {
            "page": page,
            "chart": charts.page_trend(page),
            "indicator": indicator,
            "changes": changes_of(indicator),
            "can_enter": can_enter(actor, indicator),
            "can_review": reviewer,
            "can_set_thresholds": can_edit_plan_structure(actor, indicator.plan.owner_id),
            "default_thresholds": default_thresholds(),
            "periods": list(reversed(entry_periods(indicator, now))),
            "splits": split_panel(actor, indicator, now=now),
            "now": now,
        },
    )
