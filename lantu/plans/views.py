"""Plan pages of the plans app alone: the list of plans.

A plan's item tree and one item's page show indicators and projects too, so they are composed one
layer up (lantu.dashboard.plan_views).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lantu.orgs.access import request_actor
from lantu.plans import selectors
from lantu.plans.alignment_selectors import mark_plan_alignment


@login_required
def plan_list(request):
    """List the plans with their item counts."""
    plans = selectors.plan_list(actor=request_actor(request))
    mark_plan_alignment(plans)
    return render(request, "plans/list.html", {"plans": plans})
