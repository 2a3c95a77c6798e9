"""Target split pages: the planners' split editor and removing a share."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.indicators import splits
from lantu.indicators.models import Indicator
from lantu.indicators.services import parse_value
from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.orgs.models import OrgUnit


@dataclass
class EditorLine:
    """One unit's row in the split editor: what the inputs show and what went wrong."""

    unit: OrgUnit
    share: Indicator | None
    baseline: str
    target: str
    weight: str
    error: str = ""


def _plain(value: Decimal | None) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def _lines(parent: Indicator, posted=None) -> list[EditorLine]:
    existing = {s.responsible_unit_id: s for s in parent.shares.select_related("responsible_unit")}
    lines = []
    for unit in splits.share_units(parent):
        share = existing.get(unit.pk)
        if posted is not None:
            values = [
                posted.get(f"{name}-{unit.pk}", "").strip() for name in ("baseline", "target", "weight")
            ]
        elif share is not None:
            target = share.target_rate if splits.is_rate(share) else share.target_value
            values = [_plain(share.baseline_value), _plain(target), _plain(share.split_weight)]
        else:
            values = ["", "", ""]
        lines.append(EditorLine(unit, share, *values))
    return lines


KIND_ORDER = {kind: n for n, kind in enumerate(splits.SHARE_UNIT_KINDS)}


def _groups(lines: list[EditorLine]) -> list[dict]:
    """Return the rows by unit kind; departments stay folded unless one of them has a share."""
    groups = []
    for kind in splits.SHARE_UNIT_KINDS:
        rows = [line for line in lines if line.unit.kind == kind]
        if rows:
            filled = any(line.baseline or line.target or line.weight for line in rows)
            folded = kind == OrgUnit.Kind.DEPARTMENT and not filled
            groups.append({"kind": kind, "label": OrgUnit.Kind(kind).label, "lines": rows, "folded": folded})
    return groups


def _inputs(lines: list[EditorLine]) -> list[splits.ShareInput]:
    """Return the filled rows as shares; mark the rows with errors (an empty row is no share)."""
    inputs = []
    for line in lines:
        if not (line.baseline or line.target or line.weight):
            continue
        try:
            if not line.target:
                raise ValidationError(_("Enter the target."))
            if not line.baseline:
                raise ValidationError(_("Enter the baseline value."))
            weight = parse_value(line.weight) if line.weight else None
            inputs.append(
                splits.ShareInput(line.unit, parse_value(line.baseline), parse_value(line.target), weight)
            )
        except ValidationError as error:
            line.error = error_text(error)
    return inputs


@login_required
def split_edit(request, pk: int):
    """Show, and on POST save, how an indicator's target is split among units."""
    actor = request_actor(request)
    parent = get_object_or_404(Indicator.objects.select_related("plan", "responsible_unit"), pk=pk)
    if parent.split_of_id is not None:
        return redirect("indicators:split", parent.split_of_id)
    if not splits.can_split(actor, parent):
        raise PermissionDenied(_("Only the plan's planners split targets."))
    lines = _lines(parent, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        inputs = _inputs(lines)
        if any(line.error for line in lines):
            messages.error(request, _("Nothing was saved: correct the marked rows."))
        else:
            try:
                result = splits.indicator_split(actor=actor, parent=parent, shares=inputs)
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(
                    request,
                    _("Split saved: %(count)s shares, %(removed)s removed.")
                    % {"count": len(result.shares), "removed": result.removed},
                )
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect(reverse("indicators:detail", args=[parent.pk]) + "#splits")
    shares = list(parent.shares.all())
    return render(
        request,
        "indicators/split_edit.html",
        _editor_context(parent, lines)
        | {
            "groups": _groups(lines),
            "warnings": splits.check_warnings(parent, splits.split_check(parent, shares)),
        },
    )


def _editor_context(parent: Indicator, lines: list[EditorLine]) -> dict:
    """Return what the editor's totals rows show for the rows as entered (rows with errors left out)."""
    live = splits.live_check(parent, _inputs(lines))
    return {
        "indicator": parent,
        "is_rate": splits.is_rate(parent),
        "summed": splits.targets_summed(parent),
        "parent_target": parent.target_rate if splits.is_rate(parent) else parent.target_value,
        "live": live,
        "uncounted": [line for line in lines if line.error],
    }


@login_required
@require_POST
def split_check(request, pk: int):
    """Return the split editor's totals rows for the rows as typed so far (htmx; nothing is saved)."""
    actor = request_actor(request)
    parent = get_object_or_404(Indicator.objects.select_related("plan", "responsible_unit"), pk=pk)
    if not splits.can_split(actor, parent):
        raise PermissionDenied(_("Only the plan's planners split targets."))
    lines = _lines(parent, request.POST)
    return render(request, "indicators/_split_totals.html", _editor_context(parent, lines))


@login_required
@require_POST
def share_remove(request, pk: int):
    """Remove a share without values and go back to the split editor."""
    actor = request_actor(request)
    share = get_object_or_404(Indicator.objects.select_related("split_of__plan"), pk=pk)
    try:
        parent = splits.share_remove(actor=actor, share=share)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("indicators:split", share.split_of_id or share.pk)
    messages.success(request, _("The share of %(unit)s was removed.") % {"unit": share.responsible_unit.name})
    return redirect("indicators:split", parent.pk)
