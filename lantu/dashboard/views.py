"""The dashboard (驾驶舱): the plan's health on one page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lantu.core import periods
from lantu.dashboard.ranking import county_ranking, ranking_weights
from lantu.dashboard.selectors import dashboard as dashboard_data
from lantu.dashboard.selectors import dispatch_summary
from lantu.orgs.access import request_actor
from lantu.projects import procedure_selectors


@login_required
def dashboard(request):
    """Show headline indicators, warnings and the project and plan charts."""
    now = timezone.now()
    actor = request_actor(request)
    board = dashboard_data(actor, now=now)
    period = request.GET.get("period") or None  # the dispatch card's month; default: the latest due
    if period is not None:
        try:
            periods.parse_month(period)
        except ValueError:
            raise Http404 from None
    dispatch = dispatch_summary(actor, now=now, period=period)
    blocked = procedure_selectors.blocked_by_kind(actor=actor, on=timezone.localdate(now))
    counties = county_ranking(actor, rows=board.rows, period=dispatch.period, now=now)
    context = {
        "board": board,
        "dispatch": dispatch,
        "now": now,
        "blocked": blocked,
        "ranking": counties,
        "weights": ranking_weights(),
    }
    return render(request, "dashboard/index.html", context)
