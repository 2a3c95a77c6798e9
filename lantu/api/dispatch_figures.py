"""API: the headline dispatch figures of a month, composed of the dispatch's and the problems' figures."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from lantu.core.periods import parse_month
from lantu.dispatch import selectors as dispatch_selectors
from lantu.lib.schemas import Text
from lantu.orgs.api import reader
from lantu.problems import selectors as problem_selectors

router = Router(tags=["projects"])


class DispatchFiguresOut(Schema):
    period: str | None
    planned_wan_yuan: Decimal | None
    completed_wan_yuan: Decimal | None
    completion_rate: Decimal | None
    time_progress: Decimal | None
    against_time: Decimal | None
    status: str | None
    reports_expected: int | None
    reports_approved: int | None
    review_queue: int
    open_problems: int


@router.get("/dispatch/figures", response=DispatchFiguresOut, summary="Headline dispatch figures of a month")
def dispatch_figures(request, period: Text | None = None):
    """Return the caller's scope's completion year to date (%), time progress, reports, queue, problems.

    `period` is a month (2026-09); by default the latest whose reporting deadline has passed.
    """
    actor = reader(request)
    if period is not None:
        try:
            parse_month(period)
        except ValueError:
            raise HttpError(
                400, _("“%(period)s” is not a month like 2026-09.") % {"period": period}
            ) from None
    now = timezone.now()
    found = dispatch_selectors.headline(
        actor=actor,
        now=now,
        open_problems=problem_selectors.open_problem_count(actor=actor, now=now),
        period=period,
    )
    ytd = found.investment
    total = ytd.total if ytd else None
    return DispatchFiguresOut(
        period=found.period,
        planned_wan_yuan=total.planned if total else None,
        completed_wan_yuan=total.completed if total else None,
        completion_rate=total.rate if total else None,
        time_progress=(total.share_of_time * 100).quantize(Decimal("0.1")) if total else None,
        against_time=total.against_time if total else None,
        status=str(total.status) if total else None,
        reports_expected=ytd.expected if ytd else None,
        reports_approved=ytd.reported if ytd else None,
        review_queue=found.queue,
        open_problems=found.problems,
    )
