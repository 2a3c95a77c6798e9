"""Target adjustment (中期调整) from the indicator page."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.indicators import services
from lantu.indicators.models import Indicator
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
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
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
