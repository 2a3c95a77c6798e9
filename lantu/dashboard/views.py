"""The dashboard (驾驶舱): the plan's health on one page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lantu.dashboard.selectors import dashboard as dashboard_data
from lantu.orgs.access import request_actor


@login_required
def dashboard(request):
    """Show headline indicators, warnings and the project and plan charts."""
    now = timezone.now()
    return render(
        request,
        "dashboard/index.html",
        {"board": dashboard_data(request_actor(request), now=now), "now": now},
    )
