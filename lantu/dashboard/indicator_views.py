"""The indicator page as served: the indicators app's page and the projects that add to the indicator."""

from django.contrib.auth.decorators import login_required

from lantu.indicators import views
from lantu.orgs.access import request_actor
from lantu.projects.contributions_selectors import page_pipeline


@login_required
def indicator_detail(request, pk: int):
    """Show an indicator's page with its project pipeline (项目支撑)."""
    response = views.indicator_detail(request, pk)
    context = response.context_data
    context["pipeline"] = page_pipeline(
        actor=request_actor(request), page=context["page"], now=context["now"]
    )
    return response
