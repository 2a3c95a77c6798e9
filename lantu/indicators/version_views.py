"""Target adjustment (中期调整) and the indicator's own warning thresholds, from the indicator page."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.indicators import services
from lantu.indicators.selectors import indicator_get
from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor


def _adopted_on(raw: str) -> date:
    if not raw.strip():
        return timezone.localdate()
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(_("“%(text)s” is not a date: write 2027-02-15.") % {"text": raw}) from None


@login_required
@require_POST
def target_revise(request, pk: int):
    """Adopt an adjusted target for an indicator (planners) and go back to its page."""
    indicator = indicator_get(request_actor(request), pk)
    post = request.POST
    try:
        services.target_revise(
            actor=request_actor(request),
            indicator=indicator,
            kind=post.get("kind", ""),
            year=post.get("year", ""),
            value=post.get("value", ""),
            rate=post.get("rate", ""),
            label=post.get("label", ""),
            reason=post.get("reason", ""),
            adopted_on=_adopted_on(post.get("adopted_on", "")),
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, _("Target not adjusted: %(reason)s") % {"reason": error_text(error)})
    else:
        messages.success(request, _("Target adjusted; the earlier target stays as a version."))
    return redirect(reverse("indicators:detail", args=[pk]) + "#targets")


@login_required
@require_POST
def thresholds_set(request, pk: int):
    """Set or clear an indicator's own warning thresholds (planners) and go back to its page."""
    actor = request_actor(request)
    indicator = indicator_get(actor, pk)
    try:
        services.indicator_thresholds_set(
            actor=actor,
            indicator=indicator,
            on_track=request.POST.get("on_track", "").strip(),
            lagging=request.POST.get("lagging", "").strip(),
        )
    except ValidationError as error:
        messages.error(request, _("Thresholds not changed: %(reason)s") % {"reason": error_text(error)})
    else:
        messages.success(request, _("Warning thresholds saved."))
    return redirect(reverse("indicators:detail", args=[pk]) + "#thresholds")
