"""Pages of supervision orders (督办): the office list, issuing, one order with its timeline, evidence."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from lantu.lib.forms import add_errors
from lantu.lib.history import changes_of
from lantu.lib.listing import ListColumn, build_listing, export_listing
from lantu.orgs.access import request_actor, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import PlanItem
from lantu.problems import selectors as problem_selectors
from lantu.projects import selectors as project_selectors
from lantu.supervision import charts, selectors, services
from lantu.supervision.forms import IssueForm, RespondForm, ReviewForm

DEFAULT_DAYS = 15  # a new order's deadline unless the office sets another


def _about(order) -> str:
    if order.item_id:
        return f"{order.item.code} {order.item.title}"
    return order.project.name if order.project_id else order.problem.title


def order_columns() -> tuple[ListColumn, ...]:
    """Return the order list's columns: what sorts and what is exported."""
    return (
        ListColumn("title", _("Order"), order=("title",), value=lambda o: o.title, width=40),
        ListColumn("about", _("About"), value=_about, width=40),
        ListColumn(
            "unit",
            _("Unit ordered to act"),
            order=("unit__order", "unit__code"),
            value=lambda o: o.unit.label,
        ),
        ListColumn("deadline", _("Deadline"), order=("deadline",), value=lambda o: o.deadline.isoformat()),
        ListColumn(
            "state", pgettext("supervision", "State"), order=("state",), value=lambda o: o.get_state_display()
        ),
    )


def _search(orders, q: str):
    return orders.filter(
        Q(title__icontains=q)
        | Q(item__title__icontains=q)
        | Q(project__name__icontains=q)
        | Q(problem__title__icontains=q)
    )


@login_required
def order_list(request):
    """List the orders with their figures by unit: filtered, searched, sorted, paged and exported."""
    actor = request_actor(request)
    now = timezone.now()
    show = request.GET.get("show", "open")
    show = show if show in selectors.FILTERS else ""
    unit = OrgUnit.objects.filter(code=request.GET.get("unit", "")).first()
    found = selectors.order_list(actor=actor, now=now, show=show, unit_id=unit.pk if unit else None)
    listing = build_listing(request, found, order_columns(), default_sort="deadline", search=_search)
    if listing.exporting:
        return export_listing(
            request, listing, title=_("Supervision orders"), filename=_("Supervision orders")
        )
    figures = selectors.order_figures(actor=actor, now=now)
    context = {
        "listing": listing,
        "page": listing.page,
        "figures": figures,
        "chart": charts.by_unit_chart(figures),
        "show": show,
        "unit": unit,
        "states": selectors.SupervisionOrder.State.choices,
        "today": timezone.localdate(now),
        "can_issue": services.issue_denial(actor=actor) is None,
    }
    return render(request, "supervision/list.html", context)


def _subject(request, actor) -> dict:
    """Return the subject named in the address (item, project or problem), access-checked."""
    for key in ("item", "project", "problem"):
        value = request.GET.get(key, "")
        if value.isdigit():
            if key == "item":
                require_reader(actor)
                found = PlanItem.objects.select_related("plan", "lead_unit")
                return {"item": get_object_or_404(found, pk=int(value))}
            if key == "project":
                return {"project": project_selectors.project_get(actor=actor, pk=int(value))}
            return {"problem": problem_selectors.problem_get(actor=actor, pk=int(value))}
    raise Http404(_("Say which task, project or problem the order is about."))


@login_required
def subject_panel(request):
    """Return the orders on a task, project or problem and the 督办 button (an htmx fragment of its page)."""
    actor = request_actor(request)
    subject = _subject(request, actor)
    [(key, found)] = subject.items()
    now = timezone.now()
    context = {
        "orders": selectors.subject_orders(actor=actor, **{f"{key}_id": found.pk}),
        "key": key,
        "subject": found,
        "today": timezone.localdate(now),
        "can_issue": services.issue_denial(actor=actor) is None,
    }
    return render(request, "supervision/_panel.html", context)


def _initial(subject: dict) -> dict:
    if "item" in subject:
        item = subject["item"]
        return {
            "unit": item.lead_unit_id,
            "title": _("On progress of %(s)s") % {"s": f"{item.code} {item.title}"},
        }
    if "project" in subject:
        project = subject["project"]
        return {"unit": project.lead_unit_id, "title": _("On progress of %(s)s") % {"s": project.name}}
    problem = subject["problem"]
    return {"unit": problem.unit_id, "title": _("On solving %(s)s") % {"s": problem.title}}


@login_required
def order_new(request):
    """Issue a supervision order on the task, project or problem named in the address."""
    actor = request_actor(request)
    subject = _subject(request, actor)
    denial = services.issue_denial(actor=actor)
    if denial is not None:
        raise PermissionDenied(denial)
    initial = _initial(subject)
    initial["title"] = initial["title"][:200]
    initial["deadline"] = timezone.localdate() + timedelta(days=DEFAULT_DAYS)
    form = IssueForm(request.POST if request.method == "POST" else None, initial=initial, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_issue(actor=actor, now=timezone.now(), **form.cleaned_data, **subject)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The supervision order has been issued to %(unit)s.") % {"unit": order.unit.label}
            )
            return redirect("supervision:detail", pk=order.pk)
    kind, obj = next(iter(subject.items()))
    return render(request, "supervision/new.html", {"form": form, "kind": kind, "subject": obj})


def _detail(request, order, *, respond_form=None, review_form=None, status=200):
    actor = request_actor(request)
    context = {
        "order": order,
        "steps": selectors.order_steps(order),
        "today": timezone.localdate(),
        "respond_form": respond_form or RespondForm(),
        "review_form": review_form or ReviewForm(),
        "can_respond": services.respond_denial(actor=actor, order=order) is None,
        "can_review": services.review_denial(actor=actor, order=order) is None,
        "changes": changes_of(order),
    }
    return render(request, "supervision/detail.html", context, status=status)


@login_required
def order_detail(request, pk: int):
    """Show one order with its timeline and the forms the actor may use."""
    return _detail(request, selectors.order_get(actor=request_actor(request), pk=pk))


@login_required
@require_POST
def order_respond(request, pk: int):
    """Record the unit's answer with its evidence file."""
    actor = request_actor(request)
    order = selectors.order_get(actor=actor, pk=pk)
    form = RespondForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.order_respond(
                actor=actor,
                order=order,
                now=timezone.now(),
                text=form.cleaned_data["text"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer has been sent to the planning office."))
            return redirect("supervision:detail", pk=order.pk)
    return _detail(request, order, respond_form=form, status=400)


@login_required
@require_POST
def order_review(request, pk: int):
    """Close the order (销号) or send the answer back, as the button pressed says."""
    actor = request_actor(request)
    order = selectors.order_get(actor=actor, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data, now = form.cleaned_data, timezone.now()
        try:
            if "close" in request.POST:
                if data["deadline"] is not None:  # a new deadline only goes with sending back
                    raise ValidationError({"deadline": _("A closed order takes no new deadline.")})
                services.order_close(actor=actor, order=order, now=now, text=data["text"])
                done = _("The supervision order is closed.")
            else:
                services.order_return(
                    actor=actor, order=order, now=now, reason=data["text"], deadline=data["deadline"]
                )
                done = _("The answer has been sent back to %(unit)s.") % {"unit": order.unit.label}
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("supervision:detail", pk=order.pk)
    return _detail(request, order, review_form=form, status=400)


@login_required
def evidence_download(request, pk: int):
    """Send an answer's evidence file under its original name to a user who may read the order."""
    step = selectors.step_get(actor=request_actor(request), pk=pk)
    if not step.evidence:
        raise Http404(_("This step has no evidence file."))
    try:
        handle = step.evidence.open("rb")
    except FileNotFoundError:
        raise Http404(_("The evidence file is missing from storage.")) from None
    return FileResponse(handle, as_attachment=True, filename=step.evidence_name)
