"""Alignment pages: the view of the plan system, and adding or removing an item's links up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.plans import alignment, alignment_selectors, selectors
from lantu.plans.forms import AlignmentEditForm, AlignmentForm


@login_required
def alignment_view(request):
    """Show, for each item of a higher plan, which lower-plan items carry it, with the gaps and figures."""
    view = alignment_selectors.alignment_view(
        actor=request_actor(request),
        code=request.GET.get("plan"),
        only_carried=request.GET.get("only") == "carried",
    )
    return render(request, "plans/alignment.html", {"view": view})


def item_alignment_context(request, plan, item, form: AlignmentForm | None = None) -> dict:
    """Return what the item page's alignment section shows."""
    actor = request_actor(request)
    editable = alignment.can_align(actor, item)
    if editable and form is None:
        form = AlignmentForm(groups=alignment_selectors.alignment_targets(actor=actor, item=item))
    links = alignment_selectors.item_alignment(actor=actor, item=item)
    tier = alignment.TIER.get(plan.kind, 2)
    higher = plan.parent or (links.up[0].target.plan if links.up else None)
    return {
        "plan": plan,
        "item": item,
        "links": links,
        "can_align": editable,
        "align_form": form,
        "links_up_possible": tier > 0,
        "links_down_possible": tier < 2,
        "view_plan": plan if tier == 0 or not higher else higher,
        "inherited": alignment_selectors.inherited_links(
            actor=actor, ancestors=selectors.plan_item_ancestors(item)
        )
        if tier > 0
        else [],
        "link_changes": alignment_selectors.alignment_history(actor=actor, item=item)
        if tier > 0 and (actor.is_planner or actor.is_admin)
        else [],
    }


def _answer(request, plan, item, *, form=None, notice: str = "", error: str = ""):
    """Return the section for htmx (errors inline: htmx swaps only 2xx), else go back to the item page."""
    if request.htmx:
        context = item_alignment_context(request, plan, item, form) | {"notice": notice, "error": error}
        return render(request, "plans/_item_alignment.html", context)
    if notice:
        messages.success(request, notice)
    if error:
        messages.error(request, error)
    return redirect(reverse("plans:item", args=[plan.code, item.pk]) + "#item-alignment")


@login_required
@require_POST
def alignment_add(request, code: str, pk: int):
    """Link the item up to the chosen item of a higher plan."""
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, code=code)
    item = selectors.plan_item_get(actor=actor, plan=plan, pk=pk)
    alignment.require_aligner(actor, item)
    form = AlignmentForm(request.POST, groups=alignment_selectors.alignment_targets(actor=actor, item=item))
    if not form.is_valid():
        return _answer(
            request, plan, item, form=form, error=_("Nothing was linked: choose an item of a higher plan.")
        )
    try:
        link = alignment.alignment_add(actor=actor, item=item, **form.cleaned_data)
    except ValidationError as error:
        return _answer(request, plan, item, form=form, error=error_text(error))
    notice = _("%(item)s now %(kind)s %(target)s of “%(plan)s”.") % {
        "item": item.code,
        "kind": link.get_kind_display(),
        "target": link.target.code,
        "plan": link.target.plan.label,
    }
    return _answer(request, plan, item, notice=notice)


@login_required
@require_POST
def alignment_remove(request, code: str, pk: int, link: int):
    """Remove one of the item's links up."""
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, code=code)
    item = selectors.plan_item_get(actor=actor, plan=plan, pk=pk)
    found = alignment_selectors.alignment_get(actor=actor, item=item, pk=link)
    alignment.alignment_remove(actor=actor, alignment=found)
    notice = _("The link to %(target)s of “%(plan)s” was removed.") % {
        "target": found.target.code,
        "plan": found.target.plan.label,
    }
    return _answer(request, plan, item, notice=notice)


@login_required
@require_POST
def alignment_edit(request, code: str, pk: int, link: int):
    """Change the kind and note of one of the item's links up."""
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, code=code)
    item = selectors.plan_item_get(actor=actor, plan=plan, pk=pk)
    found = alignment_selectors.alignment_get(actor=actor, item=item, pk=link)
    form = AlignmentEditForm(request.POST)
    if not form.is_valid():
        return _answer(request, plan, item, error=_("The link was not changed: choose its kind."))
    try:
        alignment.alignment_update(actor=actor, alignment=found, **form.cleaned_data)
    except ValidationError as error:
        return _answer(request, plan, item, error=error_text(error))
    notice = _("The link to %(target)s of “%(plan)s” was changed.") % {
        "target": found.target.code,
        "plan": found.target.plan.label,
    }
    return _answer(request, plan, item, notice=notice)
