"""The ECharts option of an indicator's contribution pipeline (a waterfall): the only place it is built."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lantu.core import pipeline as core
from lantu.indicators.models import Indicator
from lantu.lib import charts
from lantu.lib.templatetags.lantu import format_number

REALISED_COLOR = "#3a9a8f"
EXPECTED_COLOR = "#2f6db5"
LATEST_COLOR = "#98a2ad"
SURPLUS_COLOR = "#2e8540"
TARGET_BAR_COLOR = "#1c3d63"


def _axis_min(values: list[float]) -> float | None:
    """Return a round lower bound for the value axis when the figures sit far above zero."""
    low, high = min(values), max(values)
    if low <= 0 or high - low > 0.5 * high:
        return None
    step = 10 ** math.floor(math.log10(max(high - low, high * 0.01)))
    return max(0.0, math.floor((low - 0.2 * (high - low)) / step) * step)


@dataclass
class _Column:
    """One bar of the waterfall: an invisible base and the visible pieces stacked on it."""

    category: str
    base: float = 0.0
    pieces: dict[str, tuple[float, str]] | None = None


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + format_number(value, 2)


def pipeline_chart(indicator: Indicator, result: core.Pipeline, basis: str) -> dict:
    """Return a waterfall: the latest value, the additions expected by year, the gap and the target."""
    realised = result.realised if 0 < result.realised <= result.latest else 0.0
    latest = {"rest": (result.latest - realised, "")}
    if realised:
        latest["inside"] = (realised, "")
    columns = [_Column(_("Latest %(period)s") % {"period": basis}, 0.0, latest)]
    level = result.latest
    for year in result.by_year:
        after = level + year.amount
        columns.append(
            _Column(str(year.year), min(level, after), {"added": (abs(year.amount), _signed(year.amount))})
        )
        level = after
    if result.target is not None:
        short = result.gap is not None and result.gap > 0
        label = _("Gap to target") if short else _("Surplus over target")
        gap = abs(result.target - level)
        piece = "gap" if short else "surplus"
        columns.append(_Column(label, min(level, result.target), {piece: (gap, format_number(gap, 2))}))
        columns.append(
            _Column(
                _("Target %(year)s") % {"year": result.target_year},
                0.0,
                {"target": (result.target, format_number(result.target, 2))},
            )
        )
    names = {
        "rest": (_("Latest value without project contributions"), LATEST_COLOR),
        "inside": (_("Realised by projects (in the latest value)"), REALISED_COLOR),
        "added": (_("Expected from projects"), EXPECTED_COLOR),
        "gap": (_("Gap to target"), charts.TARGET_COLOR),
        "surplus": (_("Surplus over target"), SURPLUS_COLOR),
        "target": (_("Target"), TARGET_BAR_COLOR),
    }
    used = [key for key in names if any(key in (c.pieces or {}) for c in columns)]
    series = [_base_series([c.base for c in columns])]
    for key in used:
        name, color = names[key]
        data = []
        for column in columns:
            value, text = (column.pieces or {}).get(key, (None, ""))
            if value is None:
                data.append(None)
            elif text:
                data.append(
                    {"value": round(value, 4), "label": {"show": True, "position": "top", "formatter": text}}
                )
            else:
                data.append(round(value, 4))
        series.append(
            {
                "name": name,
                "type": "bar",
                "stack": "pipeline",
                "data": data,
                "barMaxWidth": 48,
                "itemStyle": {"color": color},
            }
        )
    values = [result.latest, result.latest - realised, level]
    if result.target is not None:
        values.append(result.target)
    y_axis: dict = {"type": "value", "name": indicator.unit, "axisLabel": {"formatter": "fn:number"}}
    low = _axis_min(values)
    if low is not None:
        y_axis["min"] = low
    return {
        "tooltip": {"trigger": "item", "formatter": "fn:point"},
        "legend": {"top": 0, "itemWidth": 12, "itemHeight": 10, "data": [names[key][0] for key in used]},
        "grid": {"left": 8, "right": 16, "top": 56, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "category", "data": [c.category for c in columns], "axisTick": {"show": False}},
        "yAxis": y_axis,
        "series": series,
    }


def _base_series(bases: list[float]) -> dict:
    """Return the invisible bars the visible pieces float on."""
    return {
        "name": "base",
        "type": "bar",
        "stack": "pipeline",
        "data": [round(b, 4) for b in bases],
        "itemStyle": {"color": "transparent"},
        "silent": True,
        "tooltip": {"show": False},
        "emphasis": {"disabled": True},
    }
