"""ECharts options of the indicator pages: the trend of one indicator against its path."""

import math

from django.utils.translation import gettext as _

from lantu.core import trajectory as tj
from lantu.indicators.models import Indicator, Observation, TargetVersion
from lantu.indicators.selectors import IndicatorPage
from lantu.indicators.status import IndicatorStatus, latest_vintages, period_t, target_of
from lantu.lib import charts
from lantu.lib.templatetags.lantu import format_number


def _drawn_path(target: tj.Target) -> list[tj.Point]:
    """Return the path a chart draws: none for a bound the baseline already meets (its line is drawn)."""
    if target.kind in tj.BOUND_KINDS and not target.glides:
        return []
    return tj.path(target)


def _label(indicator: Indicator, t: float) -> str:
    return str(indicator.baseline_year + int(t))


def original_path(indicator: Indicator, original: TargetVersion) -> dict:
    """Return the dashed grey path to the plan's original target, drawn beside the adjusted one."""
    target = target_of(indicator, original)
    points = [] if target is None else _drawn_path(target)
    if target is not None and not points:
        points = [tj.Point(0, target.final_value), tj.Point(target.span, target.final_value)]
    return {
        "name": _("Original target path"),
        "type": "line",
        "data": [
            {"value": [indicator.baseline_year + p.t, round(p.value, 4)], "name": _label(indicator, p.t)}
            for p in points
        ],
        "symbol": "none",
        "itemStyle": {"color": charts.EXPECTED_COLOR},
        "lineStyle": {"type": [6, 6], "width": 1.5, "color": charts.EXPECTED_COLOR, "opacity": 0.55},
        "z": 1,
    }


def _trend_point(indicator: Indicator, observation: Observation) -> charts.TrendPoint | None:
    t = period_t(indicator, observation.period)
    if t is None:
        return None
    return charts.TrendPoint(indicator.baseline_year + t, observation.value, observation.period)


def trend(
    indicator: Indicator,
    observations: list[Observation],
    assessment: IndicatorStatus,
    original: TargetVersion | None = None,
) -> dict:
    """Return the ECharts option of an indicator: expected path, approved values (latest vintage), target,
    projection, and the path to the original target when `original` (an adjusted target's first) is given."""
    target = target_of(indicator, assessment.version)
    baseline = charts.TrendPoint(
        indicator.baseline_year, indicator.baseline_value, str(indicator.baseline_year)
    )
    expected: list[charts.TrendPoint] = []
    final = None
    if target is not None:
        final = target.final_value
        expected = [
            charts.TrendPoint(indicator.baseline_year + p.t, p.value, _label(indicator, p.t))
            for p in _drawn_path(target)
        ]
    approved = latest_vintages(o for o in observations if o.in_force)
    shown = approved + [o for o in observations if o.state != Observation.State.APPROVED]
    before, after, pending = [], [], []
    for observation in shown:
        point = _trend_point(indicator, observation)
        if point is None:
            continue
        if observation.state != Observation.State.APPROVED:
            pending.append(point)
        elif point.x < indicator.baseline_year:
            before.append(point)  # history before the plan, for context
        elif point.x > indicator.baseline_year:
            after.append(point)
    actual = [*before, baseline, *after]
    xs = [p.x for p in actual + pending]
    option = charts.trend(
        expected=expected,
        actual=actual,
        pending=pending,
        target=final,
        target_label=_("Target %(year)s: %(value)s")
        % {"year": target.target_year if target else indicator.target_year, "value": format_number(final, 2)},
        color=charts.STATUS_COLORS[assessment.status],
        unit=indicator.unit,
        x_range=(math.floor(min(xs)), max(indicator.target_year, math.ceil(max(xs)))),
    )
    if assessment.projection is not None:
        option["series"].append(_projection_series(indicator, assessment))
    if original is not None:
        option["series"].append(original_path(indicator, original))
    return option


def _projection_series(indicator: Indicator, assessment: IndicatorStatus) -> dict:
    """Return the dotted trend line from the latest approved value to the target year."""
    projection = assessment.projection
    assert projection is not None
    color = charts.STATUS_COLORS[tj.Status.ON_TRACK if projection.likely_to_meet else tj.Status.OFF_TRACK]
    return {
        "name": _("Projection"),
        "type": "line",
        "data": [
            {"value": [indicator.baseline_year + p.t, round(p.value, 4)], "name": _label(indicator, p.t)}
            for p in projection.points
        ],
        "symbol": "emptyCircle",
        "symbolSize": 6,
        "itemStyle": {"color": color},
        "lineStyle": {"type": "dotted", "width": 2, "color": color},
        "z": 2,
    }


def page_trend(page: IndicatorPage) -> dict:
    """Return the trend option of an indicator page (selectors.IndicatorPage)."""
    original = page.versions[0].version if len(page.versions) > 1 else None
    return trend(page.indicator, page.observations, page.assessment, original)
