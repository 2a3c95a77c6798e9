"""Indicator pages: the filterable list and one indicator's detail."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core.listing import clean_query
from lantu.indicators import charts, display, selectors
from lantu.indicators.checks import observation_flags
from lantu.indicators.periods import entry_periods
from lantu.indicators.services import can_enter, can_review
from lantu.indicators.splits import split_panel
from lantu.indicators.status import default_thresholds
from lantu.lib.history import changes_of
from lantu.lib.listing import ListColumn, build_listing, export_listing
from lantu.lib.templatetags.lantu import status_label, target_text
from lantu.orgs.access import can_edit_plan_structure, request_actor


def _status_rank(row) -> int:
    return selectors.STATUS_ORDER.index(row.status) if row.status in selectors.STATUS_ORDER else 99


def _latest_value(row):
    return row.latest.value if row.latest is not None else None


def indicator_columns() -> tuple[ListColumn, ...]:
    """Return the indicator list's columns; statuses are computed, so the list sorts in Python."""
    return (
        ListColumn(
            "name",
            _("Indicator"),
            sort_key=lambda r: r.indicator.name,
            value=lambda r: r.indicator.name,
            width=40,
        ),
        ListColumn("unit", _("Unit"), value=lambda r: r.indicator.unit),
        ListColumn(
            "attribute",
            _("Attribute"),
            sort_key=lambda r: r.indicator.attribute,
            value=lambda r: r.indicator.get_attribute_display(),
        ),
        ListColumn(
            "responsible",
            _("Responsible unit"),
            sort_key=lambda r: r.indicator.responsible_unit.label,
            value=lambda r: r.indicator.responsible_unit.label,
        ),
        ListColumn(
            "baseline", _("Baseline"), value=lambda r: r.indicator.baseline_value, kind="decimal", css="num"
        ),
        ListColumn("target", _("Target"), value=lambda r: target_text(r.indicator)),
        ListColumn(
            "latest",
            _("Latest approved"),
            sort_key=_latest_value,
            value=_latest_value,
            kind="decimal",
            css="num",
        ),
        ListColumn(
            "progress",
            _("Progress"),
            sort_key=lambda r: r.assessment.achievement,
            value=lambda r: display.progress_text(r.assessment),
            css="num",
        ),
        ListColumn("status", _("Status"), sort_key=_status_rank, value=lambda r: status_label(r.status)),
    )


@login_required
def indicator_list(request):
    """List indicators with status: filtered, searched, sorted, paged, exported; htmx gets only the table."""
    actor = request_actor(request)
    filters = {name: request.GET.get(name, "").strip() for name in ("plan", "status", "unit")}
    rows = selectors.indicator_rows(actor, now=timezone.now(), q=clean_query(request.GET.get("q")), **filters)
    listing = build_listing(request, rows, indicator_columns(), default_sort="", page_size=100)
    if listing.exporting:
        return export_listing(request, listing, title=_("Indicators"), filename=_("Indicators"))
    context = {"rows": listing.page.object_list, "listing": listing, "filters": filters}
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        return render(request, "indicators/_table.html", context)
    context["choices"] = selectors.indicator_filter_choices(actor)
    return render(request, "indicators/list.html", context)


@login_required
def indicator_detail(request, pk: int):
    """Show an indicator: attributes, citation, linked items, values, trend and history.

    The page as served also shows the projects that add to the indicator: lantu.dashboard.indicator_views
    adds them to this response's context, one layer up.
    """
    actor, now = request_actor(request), timezone.now()
    page = selectors.indicator_page(actor, pk, now=now)
    indicator = page.indicator
    reviewer = can_review(actor, indicator)
    for observation in page.observations:
        submitted = observation.state == observation.State.SUBMITTED
        observation.review_flags = observation_flags(observation) if reviewer and submitted else []
    return TemplateResponse(
        request,
        "indicators/detail.html",
        {
            "page": page,
            "chart": charts.page_trend(page),
            "indicator": indicator,
            "changes": changes_of(indicator),
            "can_enter": can_enter(actor, indicator),
            "can_review": reviewer,
            "can_set_thresholds": can_edit_plan_structure(actor, indicator.plan.owner_id),
            "default_thresholds": default_thresholds(),
            "periods": list(reversed(entry_periods(indicator, now))),
            "splits": split_panel(actor, indicator, now=now),
            "now": now,
        },
    )
