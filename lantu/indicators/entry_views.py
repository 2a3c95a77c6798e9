"""Data entry and review pages: the entry grid, the Excel round trip, one value, the review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.indicators import entry, excel, services
from lantu.indicators.models import Observation
from lantu.indicators.revisions import status_revisions
from lantu.indicators.selectors import indicator_get, observation_get, observations_selected
from lantu.lib.errors import error_text
from lantu.lib.spreadsheets import xlsx_response
from lantu.orgs.access import request_actor
from lantu.orgs.audit import Event, audit_record


def _period(request, choices: list[str]) -> str:
    """Return the period asked for, or "" (unknown or none): each indicator at its own latest period."""
    wanted = request.GET.get("period") or request.POST.get("period") or ""
    return wanted if wanted in choices else ""


@login_required
def entry_grid(request):
    """Show, and on POST save, the values of the actor's indicators for one period, all or nothing."""
    actor = request_actor(request)
    now = timezone.now()
    choices = entry.period_choices(actor, now)
    period = _period(request, choices)
    rows = entry.entry_grid(actor, period, now) if period else entry.entry_grid_latest(actor, now)
    errors: dict[int, str] = {}
    if request.method == "POST":
        entries = []
        for row in rows:
            raw = request.POST.get(f"value-{row.indicator.pk}", "").strip()
            if not raw or not row.editable:
                continue
            try:
                value = services.parse_value(raw)
            except ValidationError as error:
                errors[row.indicator.pk] = error_text(error)
                continue
            note = request.POST.get(f"note-{row.indicator.pk}", "")
            entries.append(services.Entry(row.indicator, row.period, value, note.strip()))
        if not errors:
            try:
                changed = services.observations_save(
                    actor=actor, entries=entries, submit=request.POST.get("action") == "submit", now=now
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("%(count)s values saved.") % {"count": changed})
                return redirect(
                    f"{reverse('indicators:entry')}?period={period}" if period else "indicators:entry"
                )
        else:
            messages.error(request, _("Nothing was saved: correct the marked values."))
    return render(
        request,
        "indicators/entry.html",
        {"lines": _lines(rows, request.POST, errors), "period": period, "choices": choices},
    )


def _plain(value) -> str:
    """Return a stored Decimal as typed: 2680 rather than 2680.0000."""
    text = format(value.normalize(), "f") if value is not None else ""
    return text


def _lines(rows: list[entry.GridRow], posted, errors: dict[int, str]) -> list[dict]:
    """Return the grid's rows with what the inputs show: the posted text after an error, else the value."""
    lines = []
    for row in rows:
        pk, obs = row.indicator.pk, row.observation
        lines.append(
            {
                "row": row,
                "value": posted.get(f"value-{pk}", _plain(obs.value) if obs else ""),
                "note": posted.get(f"note-{pk}", obs.note if obs else ""),
                "error": errors.get(pk, ""),
            }
        )
    return lines


@login_required
def entry_template(request):
    """Download the Excel template prefilled with the actor's indicators and periods."""
    data = excel.template(request_actor(request), timezone.now())
    audit_record(event=Event.EXPORT, now=timezone.now(), request=request, detail="indicator values template")
    return xlsx_response(data, _("indicator-values.xlsx"))


@login_required
@require_POST
def entry_upload(request):
    """Check an uploaded template and save every row, or none and list the errors."""
    actor = request_actor(request)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the filled-in template first."))
        return redirect("indicators:entry")
    result = excel.upload(actor, upload.read(), submit=request.POST.get("submit") == "1", now=timezone.now())
    if result.errors:
        messages.error(
            request, _("Nothing was saved: %(count)s problems found.") % {"count": len(result.errors)}
        )
        now = timezone.now()
        choices = entry.period_choices(actor, now)
        period = _period(request, choices)
        return render(
            request,
            "indicators/entry.html",
            {
                "lines": _lines(
                    entry.entry_grid(actor, period, now) if period else entry.entry_grid_latest(actor, now),
                    {},
                    {},
                ),
                "period": period,
                "choices": choices,
                "upload_errors": [str(e) for e in result.errors],
            },
            status=400,
        )
    messages.success(
        request,
        _("Upload saved: %(changed)s values changed, %(unchanged)s unchanged.")
        % {"changed": result.changed, "unchanged": result.unchanged},
    )
    return redirect("indicators:entry")


@login_required
@require_POST
def observation_enter(request, pk: int):
    """Save one value of an indicator from its page."""
    actor = request_actor(request)
    indicator = indicator_get(actor, pk)
    try:
        services.observation_save(
            actor=actor,
            indicator=indicator,
            period=request.POST.get("period", ""),
            value=request.POST.get("value", ""),
            note=request.POST.get("note", ""),
            vintage=request.POST.get("vintage", ""),
            release_date=request.POST.get("release_date", ""),
            submit=request.POST.get("action") != "save",
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, _("Not saved: %(reason)s") % {"reason": error_text(error)})
    else:
        messages.success(request, _("Value saved."))
    return redirect(reverse("indicators:detail", args=[pk]) + "#observations")


def _observation(request, pk: int) -> Observation:
    return observation_get(request_actor(request), pk)


def _back(request, observation: Observation):
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(reverse("indicators:detail", args=[observation.indicator_id]) + "#observations")


@login_required
@require_POST
def observation_submit(request, pk: int):
    """Submit a draft or returned value for review."""
    observation = _observation(request, pk)
    try:
        services.observation_submit(actor=request_actor(request), observation=observation, now=timezone.now())
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Value submitted for review."))
    return _back(request, observation)


@login_required
@require_POST
def observation_review(request, pk: int, decision: str):
    """Approve or return (with a reason) a submitted value."""
    observation = _observation(request, pk)
    actor = request_actor(request)
    try:
        if decision == "approve":
            services.observation_approve(actor=actor, observation=observation, now=timezone.now())
            messages.success(request, _("%(name)s %(period)s approved.") % _named(observation))
        else:
            services.observation_return(
                actor=actor,
                observation=observation,
                reason=request.POST.get("reason", ""),
                now=timezone.now(),
            )
            messages.success(request, _("%(name)s %(period)s returned.") % _named(observation))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _back(request, observation)


def _named(observation: Observation) -> dict:
    return {"name": observation.indicator.name, "period": observation.period}


@login_required
@require_POST
def review_approve_selected(request):
    """Approve the values ticked in the review queue, all or nothing."""
    actor = request_actor(request)
    ids = [int(pk) for pk in request.POST.getlist("observation") if pk.isdigit()]
    observations = observations_selected(actor, ids)
    try:
        if len(observations) != len(set(ids)):
            raise ValidationError(_("Some selected values no longer exist; reload the page."))
        count = services.observations_approve(
            actor=actor,
            observations=observations,
            confirm_flagged=request.POST.get("confirm_flagged") == "1",
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(count)d values approved.") % {"count": count})
    return redirect("indicators:review")


@login_required
def review(request):
    """List the submitted values awaiting the planner's review, flagged ones first."""
    actor = request_actor(request)
    if not (actor.is_admin or actor.is_planner):
        raise PermissionDenied(_("Only planners review values."))
    rows = entry.review_queue(actor)
    flagged_count = sum(1 for row in rows if row.flags)
    revised = status_revisions(actor, timezone.now())
    return render(
        request, "indicators/review.html", {"rows": rows, "flagged_count": flagged_count, "revised": revised}
    )
