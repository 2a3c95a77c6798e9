"""The dashboard (驾驶舱): the plan's health on one page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lantu.dashboard.charts import region_charts
from lantu.dashboard.ranking import county_ranking, ranking_weights
from lantu.dashboard.region import region_board
from lantu.dashboard.selectors import dashboard as dashboard_data
from lantu.dashboard.selectors import dispatch_summary
from lantu.lib.urls import month_param
from lantu.orgs.access import request_actor
from lantu.projects import procedure_selectors


@login_required
def dashboard(request):
    """Show headline indicators, warnings and the project and plan charts."""
    now = timezone.now()
    actor = request_actor(request)
    board = dashboard_data(actor, now=now)
    period = month_param(request, None)  # the dispatch card's month; default: the latest due
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


@login_required
def region(request):
    """Compare the region's prefectures: projects, investment, indicators and timeliness."""
    board = region_board(request_actor(request), now=timezone.now(), period=month_param(request, None))
    context = {"board": board, "charts": region_charts(board.rows)}
    return render(request, "dashboard/region.html", context)
