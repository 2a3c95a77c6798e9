"""The dashboard (驾驶舱): the plan's health on one page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

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
    context = {"board": board, "dispatch": dispatch, "now": now, "blocked": blocked}
    return render(request, "dashboard/index.html", context)
