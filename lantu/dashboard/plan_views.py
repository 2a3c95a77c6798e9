"""Plan pages that show items with their indicators and projects: a plan's item tree and one item."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lantu.core.listing import clean_query
from lantu.dashboard import plan_selectors
from lantu.lib.history import changes_of
from lantu.orgs.access import request_actor
from lantu.plans import selectors
from lantu.plans.alignment_views import item_alignment_context
from lantu.plans.forms import TreeFilterForm
from lantu.projects import selectors as project_selectors


@login_required
def plan_detail(request, code: str):
    """Show a plan's item tree, optionally narrowed to one lead unit and to the items matching a search."""
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, code=code)
    form = TreeFilterForm(request.GET or None, units=selectors.plan_lead_units(actor=actor, plan=plan))
    lead_unit, q = None, ""
    if form.is_bound and form.is_valid():
        lead_unit = selectors.unit_by_code(form.cleaned_data["lead_unit"])
        q = clean_query(form.cleaned_data["q"])
    tree = plan_selectors.plan_tree(actor=actor, plan=plan, lead_unit=lead_unit, q=q)
    context = {"plan": plan, "tree": tree, "form": form, "changes": changes_of(plan)}
    return render(request, "plans/detail.html", context)


@login_required
def plan_item(request, code: str, pk: int):
    """Show one plan item with its links, citation and history."""
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, code=code)
    item = plan_selectors.plan_item_page(actor=actor, plan=plan, pk=pk)
    context = {
        "plan": plan,
        "item": item,
        "ancestors": selectors.plan_item_ancestors(item),
        "projects": project_selectors.item_projects(actor=actor, item=item),
        "changes": changes_of(item),
    } | item_alignment_context(request, plan, item)
    return render(request, "plans/item.html", context)
