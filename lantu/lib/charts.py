"""ECharts options as plain dicts, rendered by `{% chart %}` and static/lantu/charts.js.

Strings like "fn:year" in a `formatter` name a JavaScript formatter that charts.js supplies
(JSON cannot carry functions).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STATUS_LABELS = {
    "ahead": gettext_lazy("ahead"),
    "on_track": gettext_lazy("on track"),
    "lagging": gettext_lazy("lagging"),
    "off_track": gettext_lazy("off track"),
    "no_data": gettext_lazy("no data"),
}
# Keep in step with the status colours in static/lantu/lantu.css.
STATUS_COLORS = {
    "ahead": "#2f6db5",
    "on_track": "#2e8540",
    "lagging": "#d98a00",
    "off_track": "#c62f2f",
    "no_data": "#98a2ad",
}
PALETTE = ["#2f6db5", "#3a9a8f", "#7b61a8", "#5b8c3a", "#c25e8a", "#98a2ad"]
LEVEL_COLORS = ["#1c3d63", "#2f6db5", "#7fb0e0", "#c3daf0"]  # goal, measure, action, task
EXPECTED_COLOR = "#7d8a97"
TARGET_COLOR = "#c62f2f"


def jsonable(value):
    """Return the value with Decimals as floats, lazy strings as str and tuples as lists."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _grid(**extra) -> dict:
    return {"left": 8, "right": 16, "top": 36, "bottom": 8, "containLabel": True, **extra}


@dataclass(frozen=True)
class Slice:
    """One slice of a donut."""

    name: str
    value: float | Decimal | int
    color: str | None = None
    key: str = ""


def donut(slices: Sequence[Slice], *, total_label: str = "") -> dict:
    """Return a donut chart with the total in its centre."""
    total = sum(float(s.value) for s in slices)
    data = []
    for s in slices:
        item: dict[str, object] = {"name": s.name, "value": s.value, "key": s.key}
        if s.color:
            item["itemStyle"] = {"color": s.color}
        data.append(item)
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}: {c} ({d}%)"},
        "legend": {"bottom": 0, "icon": "circle", "itemWidth": 10, "itemHeight": 10},
        "title": {
            "text": f"{total:g}",
            "subtext": total_label,
            "left": "center",
            "top": "33%",
            "textStyle": {"fontSize": 22, "fontWeight": 600},
            "subtextStyle": {"fontSize": 12},
        },
        "series": [
            {
                "type": "pie",
                "radius": ["46%", "68%"],
                "center": ["50%", "44%"],
                "label": {"show": False},
                "labelLine": {"show": False},
                "data": data,
            }
        ],
    }


@dataclass(frozen=True)
class BarSeries:
    """A named series of values, one per category."""

    name: str
    data: Sequence[float | Decimal | int | None]
    color: str | None = None
    stack: str | None = None
    kind: str = "bar"  # or "line"
    axis: int = 0
    labels: Sequence[str] | None = None  # a text shown at the end of each bar


def bars(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    axis_names: Sequence[str] = ("",),
    horizontal: bool = False,
    counts: bool = False,
) -> dict:
    """Return a bar chart (horizontal or vertical), optionally with a second value axis.

    `counts`: the first value axis counts things, so its ticks are whole numbers.
    """
    category_axis: dict[str, object] = {
        "type": "category",
        "data": list(categories),
        "axisTick": {"show": False},
    }
    if horizontal:
        category_axis["inverse"] = True
    else:
        category_axis["axisLabel"] = {"interval": 0, "rotate": 30 if len(categories) > 6 else 0}
    value_axes = [
        {
            "type": "value",
            "name": name,
            "nameTextStyle": {"align": "left" if not horizontal else "right"},
            "splitLine": {"show": index == 0},
            "minInterval": 1 if index or counts else 0,
        }
        for index, name in enumerate(axis_names)
    ]
    out_series = []
    for s in series:
        data: list = list(s.data)
        if s.labels is not None:
            position = "right" if horizontal else "top"
            data = [
                {"value": value, "label": {"show": True, "position": position, "formatter": label}}
                for value, label in zip(data, s.labels, strict=True)
            ]
        item: dict = {"type": s.kind, "name": s.name, "data": data, "barMaxWidth": 26}
        if s.color:
            item["itemStyle"] = {"color": s.color}
        if s.stack:
            item["stack"] = s.stack
        if s.axis:
            item["xAxisIndex" if horizontal else "yAxisIndex"] = s.axis
        if s.kind == "line":
            item.update({"symbolSize": 7, "lineStyle": {"width": 0}})  # points only
        out_series.append(item)
    option = {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": _grid(
            top=40 if len(series) > 1 else 28,
            right=80 if horizontal and any(s.labels for s in series) else 16,
        ),
        "xAxis": value_axes if horizontal else category_axis,
        "yAxis": category_axis if horizontal else value_axes,
        "series": out_series,
    }
    if len(series) > 1:
        option["legend"] = {"top": 0, "itemWidth": 12, "itemHeight": 10}
    return option


@dataclass(frozen=True)
class TrendPoint:
    """A value at `x` (a year, fractional for sub-annual periods) with its period label."""

    x: float
    value: float | Decimal
    label: str


def _points(points: Iterable[TrendPoint]) -> list[dict]:
    return [{"value": [p.x, p.value], "name": p.label} for p in points]


def trend(
    *,
    expected: Sequence[TrendPoint],
    actual: Sequence[TrendPoint],
    pending: Sequence[TrendPoint] = (),
    target: float | Decimal | None,
    target_label: str,
    color: str,
    unit: str,
    x_range: tuple[int, int],
) -> dict:
    """Return a line chart of the expected path, the approved values and the target line."""
    series: list[dict] = []
    if expected:
        series.append(
            {
                "name": _("Expected path"),
                "type": "line",
                "data": _points(expected),
                "symbol": "circle",
                "symbolSize": 4,
                "itemStyle": {"color": EXPECTED_COLOR},
                "lineStyle": {"type": "dashed", "width": 1.5, "color": EXPECTED_COLOR},
                "z": 1,
            }
        )
    approved = {
        "name": _("Approved values"),
        "type": "line",
        "data": _points(actual),
        "symbolSize": 9,
        "itemStyle": {"color": color},
        "lineStyle": {"width": 3, "color": color},
        "z": 3,
    }
    series.append(approved)
    if target is not None:
        # A series rather than a markLine, so that the value axis always reaches the target.
        series.append(
            {
                "name": target_label,
                "type": "line",
                "data": [{"value": [x, target], "name": target_label} for x in x_range],
                "symbol": "none",
                "silent": True,
                "itemStyle": {"color": TARGET_COLOR},
                "lineStyle": {"width": 1, "color": TARGET_COLOR},
                "z": 0,
            }
        )
    if pending:
        series.append(
            {
                "name": _("Not yet approved"),
                "type": "scatter",
                "data": _points(pending),
                "symbolSize": 9,
                "itemStyle": {"color": "#ffffff", "borderColor": EXPECTED_COLOR, "borderWidth": 2},
                "z": 2,
            }
        )
    return {
        "tooltip": {"trigger": "item", "formatter": "fn:point"},
        "legend": {"top": 0, "itemWidth": 14, "itemHeight": 10},
        "grid": _grid(top=44, right=24),
        "xAxis": {
            "type": "value",
            "min": x_range[0],
            "max": x_range[1],
            "interval": 1,
            "axisLabel": {"formatter": "fn:year"},
            "splitLine": {"show": False},
        },
        "yAxis": {"type": "value", "scale": True, "name": unit, "axisLabel": {"formatter": "fn:number"}},
        "series": series,
    }
