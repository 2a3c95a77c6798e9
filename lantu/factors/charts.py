"""ECharts options of the factor pages."""

from collections import defaultdict

from django.utils.translation import gettext as _

from lantu.lib.charts import STATUS_COLORS, BarSeries, bars

QUOTA_COLOR = "#98a2ad"
DEMAND_COLOR = "#2f6db5"


def _category(region: str, year: int | None) -> str:
    return f"{region} {year}" if year is not None else f"{region} {_('whole period')}"


def gap_charts(rows) -> list[dict]:
    """Return one chart per factor: demand against quota for each of its quotas."""
    by_factor = defaultdict(list)
    for row in rows:
        by_factor[row.factor].append(row)
    charts = []
    for factor, items in by_factor.items():
        demand = [
            {
                "value": float(r.demand),
                "itemStyle": {"color": STATUS_COLORS["off_track"] if r.gap > 0 else DEMAND_COLOR},
            }
            for r in items
        ]
        option = bars(
            [_category(r.region, r.year) for r in items],
            [
                BarSeries(_("Quota"), [float(r.quota) for r in items], color=QUOTA_COLOR),
                BarSeries(_("Demand"), [0.0] * len(items), color=DEMAND_COLOR),
            ],
            axis_names=(factor.unit,),
        )
        option["series"][1]["data"] = demand
        charts.append(
            {
                "factor": factor,
                "id": f"gap-{factor.code}",
                "option": option,
                "short": sum(1 for r in items if r.gap > 0),
            }
        )
    return charts


def gap_overview(rows) -> dict | None:
    """Return demand as a percentage of each quota, the overrun ones in red."""
    if not rows:
        return None
    items = [r for r in rows if r.ratio is not None]
    data = [
        {
            "value": round(r.ratio, 1),
            "itemStyle": {"color": STATUS_COLORS["off_track"] if r.gap > 0 else STATUS_COLORS["on_track"]},
        }
        for r in items
    ]
    option = bars(
        [f"{r.factor.name} · {_category(r.region, r.year)}" for r in items],
        [BarSeries(_("Demand / quota (%)"), [0.0] * len(items))],
        axis_names=("%",),
        horizontal=True,
    )
    option["series"][0]["data"] = data
    option["series"][0]["markLine"] = {
        "symbol": "none",
        "data": [{"xAxis": 100}],
        "label": {"formatter": "100%"},
    }
    return {"option": option, "height": f"{max(220, 26 * len(items) + 60)}px"}


def use_chart(quotas) -> dict | None:
    """Return each quota's used share in a scenario; binding quotas in amber."""
    if not quotas:
        return None
    data = [
        {
            "value": round(q.ratio or 0, 1),
            "itemStyle": {"color": STATUS_COLORS["lagging"] if q.binding else STATUS_COLORS["on_track"]},
        }
        for q in quotas
    ]
    option = bars(
        [f"{q.factor} · {_category(q.region, q.year)}" for q in quotas],
        [BarSeries(_("Used (%)"), [0.0] * len(quotas))],
        axis_names=("%",),
        horizontal=True,
    )
    option["series"][0]["data"] = data
    return {"option": option, "height": f"{max(200, 26 * len(quotas) + 60)}px"}


def compare_chart(quota_changes) -> dict | None:
    """Return each quota's use in scenario A beside scenario B, in percent of the quota."""
    if not quota_changes:
        return None

    def ratio(q) -> float:
        return round(q.ratio or 0, 1) if q is not None else 0.0

    option = bars(
        [f"{b.factor} · {_category(b.region, b.year)}" for b, _a in quota_changes],
        [
            BarSeries(_("Scenario A (%)"), [ratio(a) for _b, a in quota_changes], color=QUOTA_COLOR),
            BarSeries(_("Scenario B (%)"), [ratio(b) for b, _a in quota_changes], color=DEMAND_COLOR),
        ],
        axis_names=("%",),
        horizontal=True,
    )
    return {"option": option, "height": f"{max(220, 40 * len(quota_changes) + 80)}px"}
