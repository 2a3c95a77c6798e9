"""The dashboard (驾驶舱): the plan's health on one page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lantu.core import periods
from lantu.dashboard.charts import region_charts
from lantu.dashboard.ranking import county_ranking, ranking_weights
from lantu.dashboard.region import region_board
from lantu.dashboard.selectors import dashboard as dashboard_data
from lantu.dashboard.selectors import dispatch_summary
from lantu.orgs.access import request_actor
from lantu.projects import procedure_selectors


def _period(request) -> str | None:
    """Return the month asked for in ?period= (None: the latest due), or raise Http404 for a bad one."""
    period = request.GET.get("period") or None
    if period is not None:
        try:
            periods.parse_month(period)
        except ValueError:
            raise Http404 from None
    return period


@login_required
def dashboard(request):
    """Show headline indicators, warnings and the project and plan charts."""
    now = timezone.now()
    actor = request_actor(request)
    board = dashboard_data(actor, now=now)
    dispatch = dispatch_summary(actor, now=now, period=_period(request))
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
    board = region_board(request_actor(request), now=timezone.now(), period=_period(request))
    context = {"board": board, "charts": region_charts(board.rows)}
    return render(request, "dashboard/region.html", context)
