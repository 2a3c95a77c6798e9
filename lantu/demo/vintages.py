"""Demo data vintages and a target adjustment, all sample data (示例数据).

- 地区生产总值 2024: the preliminary value (初步核算, the sample history) and a revised one (初步核实).
  2024 lies before the baseline, so the revision changes no status: it shows that both stay visible.
- 数字农田面积 2026Q2: a revised value that moves the quarter from 滞后 to 正常, so the planner's list
  "数据修订改变了状态" has a case.
- 外贸进出口总额: the target was adjusted from 12% to 7.5% average annual growth (年度调整, adopted
  2026-06-30): off track against the original target, lagging against the adjusted one.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from lantu.demo.indicators import INDICATORS
from lantu.demo.sync import prune, sync_rows
from lantu.indicators.models import Indicator, Observation, TargetVersion

PLAN = "fyp15"
_SAMPLE = {"source_id": None, "source_quote": "", "is_sample": True, "sample_fields": []}

# (indicator code, period, preliminary release date, revised value, revised release date, note)
REVISIONS: tuple[tuple[str, str, date, Decimal, date, str], ...] = (
    (
        "gdp",
        "2024",
        date(2025, 1, 20),
        Decimal("2262.18"),
        date(2025, 12, 26),
        "示例：2024年地区生产总值初步核实数（经济普查后修订）",
    ),
    (
        "digital-farmland",
        "2026Q2",
        date(2026, 7, 15),
        Decimal("121.2"),
        date(2026, 10, 20),
        "示例：二季度数字农田面积核实数（补录验收项目）",
    ),
)

ADJUSTED = "trade"
ORIGINAL_LABEL = "规划原目标"
ADJUSTMENT: dict[str, Any] = {
    "label": "年度调整（示例）",
    "target_kind": "annual_growth",
    "target_year": 2030,
    "target_value": None,
    "target_rate": Decimal("7.5"),
    "adopted_on": date(2026, 6, 30),
    "reason": "示例：受外部需求变化影响，经州人民政府常务会议研究，年均增速目标由12%调整为7.5%。",
}
_CREATED = datetime(2026, 6, 30, 10, 0, tzinfo=UTC)


def adjust_targets(rows: list[dict[str, Any]]) -> None:
    """Give the adjusted indicator's demo row its adopted target (the indicator holds the newest one)."""
    for row in rows:
        if row["code"] == ADJUSTED:
            row.update(
                {k: ADJUSTMENT[k] for k in ("target_kind", "target_year", "target_value", "target_rate")}
            )


def _load_vintages(indicators: dict[str, Indicator], now: datetime) -> None:
    codes = {code for code, *_ in REVISIONS}
    periods = {period for _, period, *_ in REVISIONS}
    rows = []
    for code, period, first_release, value, release, note in REVISIONS:
        indicator = indicators[code]
        preliminary = indicator.observations.get(period=period, vintage=Observation.Vintage.PRELIMINARY)
        key = {"indicator_id": indicator.pk, "period": period}
        rows.append({**key, "vintage": Observation.Vintage.PRELIMINARY, "release_date": first_release})
        rows.append(
            {
                **key,
                "vintage": Observation.Vintage.REVISED,
                "release_date": release,
                "period_end": preliminary.period_end,
                "value": value,
                "state": Observation.State.APPROVED,
                "data_source": indicator.data_source,
                "note": note,
                "entered_by_id": None,
                "reviewed_by_id": None,
                "return_reason": "",
                **_SAMPLE,
            }
        )
    scope = Observation.objects.filter(
        indicator__code__in=codes, indicator__plan__code=PLAN, period__in=periods
    )
    kept = sync_rows(Observation, rows, key=("indicator_id", "period", "vintage"), scope=scope, now=now)
    demo = [indicators[f.code] for f in INDICATORS]
    later = Observation.objects.filter(indicator__in=demo).exclude(vintage=Observation.Vintage.PRELIMINARY)
    prune(later, kept.values())


def _load_target_versions(indicators: dict[str, Indicator], now: datetime) -> None:
    indicator = indicators[ADJUSTED]
    fact = next(f for f in INDICATORS if f.code == ADJUSTED)
    original = {
        name: getattr(fact, name) for name in ("target_kind", "target_year", "target_value", "target_rate")
    }
    common = {"indicator_id": indicator.pk, "created_by_id": None, "created_at": _CREATED, **_SAMPLE}
    rows = [
        {
            **common,
            **original,
            "number": 1,
            "label": ORIGINAL_LABEL,
            "adopted_on": date(indicator.plan.start_year, 1, 1),
            "reason": "",
        },
        {**common, **ADJUSTMENT, "number": 2},
    ]
    # Reloading resets the demo indicators' targets, so it resets their versions too.
    scope = TargetVersion.objects.filter(indicator__in=[indicators[f.code] for f in INDICATORS])
    prune(
        scope, sync_rows(TargetVersion, rows, key=("indicator_id", "number"), scope=scope, now=now).values()
    )


def vintages_load(*, now: datetime) -> None:
    """Load the demo's data vintages and target adjustment; running it again changes nothing."""
    indicators = {i.code: i for i in Indicator.objects.filter(plan__code=PLAN).select_related("plan")}
    _load_vintages(indicators, now)
    _load_target_versions(indicators, now)
