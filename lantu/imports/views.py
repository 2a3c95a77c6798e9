"""Import pages: upload a document, review what Lantu read from it, accept it into a plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.imports import bulletins, selectors, services
from lantu.imports.forms import NEW_PLAN, AcceptForm, AddFindingForm, FindingForm, UploadForm
from lantu.imports.models import ImportDocument
from lantu.jobs.models import Job
from lantu.orgs.access import request_actor
from lantu.plans.models import Plan, PlanItem


@login_required
def index(request):
    """Upload a document and list earlier imports."""
    actor = request_actor(request)
    documents = selectors.document_list(actor=actor)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            doc = services.document_upload_request(
                actor=actor,
                user=request.user,
                filename=f.name,
                data=f.read(),
                title=form.cleaned_data["title"],
                now=timezone.now(),
                issuer=form.cleaned_data["issuer"],
                bulletin_plan=form.cleaned_data["bulletin_plan"],
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            if isinstance(doc, Job):  # a large document is read in the background
                return redirect("jobs:detail", pk=doc.pk)
            return redirect("imports:review", pk=doc.pk)
    return render(request, "imports/index.html", {"form": form, "documents": documents[:50]}, status=200)


def _accept_form(actor, data=None, doc=None) -> AcceptForm:
    plans = selectors.editable_plans(actor=actor)
    initial = {"new_owner": doc.issuer.code} if doc is not None and doc.issuer else {}
    return AcceptForm(data, plans=plans, items=selectors.parent_choices(plans=plans), initial=initial)


@login_required
def review(request, pk: int):
    """Show the proposal beside the original text."""
    actor = request_actor(request)
    doc = selectors.document_get(actor=actor, pk=pk)
    context = {
        "doc": doc,
        "groups": selectors.findings_by_kind(doc),
        "highlighted": selectors.highlighted_text(doc),
        "units": selectors.units_mentioned(doc),
        "accept_form": _accept_form(actor, doc=doc),
    }
    return render(request, "imports/review.html", context)


@login_required
def finding_edit(request, pk: int, fid: int):
    """Show or save the edit form of one finding (htmx swaps the row)."""
    actor = request_actor(request)
    doc = selectors.document_get(actor=actor, pk=pk)
    finding = selectors.finding_get(actor=actor, document=doc, pk=fid)
    p = finding.payload
    initial = {
        "title": finding.title,
        "value": p.get("value"),
        "unit": p.get("unit"),
        "year": p.get("year"),
        "investment": p.get("investment"),
        "lead_unit": p.get("lead_unit"),
    }
    form = FindingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.finding_update(
                actor=actor,
                finding=finding,
                title=d["title"],
                value=d["value"],
                unit=d["unit"],
                year=d["year"],
                investment=d["investment"],
                lead_unit=d["lead_unit"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return _row(request, doc, finding)
    if request.method == "GET" and request.GET.get("cancel"):
        return _row(request, doc, finding)
    return render(request, "imports/_finding_form.html", {"doc": doc, "f": finding, "form": form})


@login_required
def finding_add(request, pk: int):
    """Add a finding from a passage selected in the source pane: GET proposes the fields, POST saves it."""
    actor = request_actor(request)
    doc = selectors.document_get(actor=actor, pk=pk)
    services.require_importer(actor)
    if request.method == "POST":
        form = AddFindingForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                finding = services.finding_add(
                    actor=actor,
                    user=request.user,
                    document=doc,
                    kind=d["kind"],
                    start=d["start"],
                    end=d["end"],
                    selected=d["selected"],
                    title=d["title"],
                    value=d["value"],
                    unit=d["unit"],
                    year=d["year"],
                    investment=d["investment"],
                    lead_unit=d["lead_unit"],
                    now=timezone.now(),
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, _("The finding was added."))
                return redirect(f"{reverse('imports:review', args=[doc.pk])}#finding-{finding.pk}")
        status = 200 if request.htmx else 400
        return render(request, "imports/_add_form.html", {"doc": doc, "form": form}, status=status)
    selected = request.GET.get("text", "")[:5000]
    fields = selectors.selection_fields(doc, request.GET.get("kind", ""), selected)
    kind = fields.kind
    initial = {
        "kind": kind,
        "start": request.GET.get("start", "0"),
        "end": request.GET.get("end", "0"),
        "selected": selected,
        "title": fields.title,
        "value": _plain(fields.value),
        "unit": fields.unit,
        "year": fields.year or fields.start_year,
        "investment": _plain(fields.investment),
    }
    return render(request, "imports/_add_form.html", {"doc": doc, "form": AddFindingForm(initial=initial)})


def _plain(number: float | None) -> str | None:
    """Return a parsed number as the text a form shows: 80, not 80.0."""
    return None if number is None else f"{number:g}"


def _row(request, doc, finding):
    if not request.htmx:
        return redirect("imports:review", pk=doc.pk)
    selectors.with_lead_units([finding])
    return render(request, "imports/_finding.html", {"doc": doc, "f": finding})


@login_required
@require_POST
def finding_drop(request, pk: int, fid: int):
    """Drop a finding from the proposal, or take it back."""
    actor = request_actor(request)
    doc = selectors.document_get(actor=actor, pk=pk)
    finding = selectors.finding_get(actor=actor, document=doc, pk=fid)
    try:
        services.finding_set_dropped(actor=actor, finding=finding, dropped=request.POST.get("restore") != "1")
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _row(request, doc, finding)


@login_required
@require_POST
def accept(request, pk: int):
    """Create the kept findings in the chosen plan."""
    actor = request_actor(request)
    doc = selectors.document_get(actor=actor, pk=pk)
    if doc.kind == ImportDocument.Kind.BULLETIN:
        return _accept_bulletin(request, actor, doc)
    form = _accept_form(actor, request.POST)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, errors[0] if errors else _("Choose a plan you may change."))
        return redirect("imports:review", pk=doc.pk)
    data = form.cleaned_data
    plan, new_plan = None, None
    if data["plan"] == NEW_PLAN:
        new_plan = services.NewPlan(
            name=data["new_name"],
            kind=data["new_kind"],
            start_year=data["new_start_year"],
            end_year=data["new_end_year"],
            owner=data["new_owner"],
        )
    else:
        plan = get_object_or_404(Plan, code=data["plan"])
    parent = None
    if data["parent"]:
        parent = get_object_or_404(PlanItem, pk=data["parent"])
    try:
        result = services.document_accept(
            actor=actor, document=doc, plan=plan, parent_item=parent, now=timezone.now(), new_plan=new_plan
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("imports:review", pk=doc.pk)
    messages.success(
        request,
        _(
            "Created %(items)d plan items, %(indicators)d indicators, %(observations)d indicator values "
            "and %(projects)d projects."
        )
        % {
            "items": result.items,
            "indicators": result.indicators,
            "observations": result.observations,
            "projects": result.projects,
        },
    )
    return redirect("plans:detail", code=result.plan_code)


def _accept_bulletin(request, actor, doc):
    try:
        n = bulletins.bulletin_accept(actor=actor, document=doc, now=timezone.now())
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        return redirect("imports:review", pk=doc.pk)
    messages.success(
        request, _("%(n)d indicator values from the bulletin were submitted for review.") % {"n": n}
    )
    return redirect("indicators:review")
