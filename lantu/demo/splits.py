"""Demo target split: the high-standard farmland target (高标准农田面积) shared among the seven counties.

The shares are sample data (示例数据): the source texts give only the prefecture's 530.76 万亩. They add
up to the parent's baseline and 2030 target; 木垒县 and 玛纳斯县 lag in 2026 and drag the parent down.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lantu.core.periods import parse_period
from lantu.demo.sync import prune, sync_m2m, sync_rows
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.models import OrgUnit

PARENT = "hs-farmland"
HISTORY = (2022, 2023, 2024)
DEMO_YEAR = 2026
# county: baseline 2025, target 2030 (万亩), achievement of the 2026 expected progress.
SHARES: tuple[tuple[str, Decimal, Decimal, float], ...] = (
    ("changji-city", Decimal("82.40"), Decimal("92.00"), 1.10),
    ("fukang", Decimal("45.30"), Decimal("51.00"), 1.05),
    ("hutubi", Decimal("78.60"), Decimal("88.50"), 1.02),
    ("manas", Decimal("86.50"), Decimal("97.00"), 0.95),
    ("qitai", Decimal("120.80"), Decimal("137.00"), 1.08),
    ("jimsar", Decimal("62.16"), Decimal("70.50"), 1.04),
    ("mulei", Decimal("55.00"), Decimal("64.00"), 0.62),
)
_SAMPLE = {"source_id": None, "source_quote": "", "is_sample": True, "sample_fields": []}


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share_values(baseline: Decimal, target: Decimal, ratio: float, span: int) -> dict[str, Decimal]:
    """Return a share's sample values: a slower history up to the baseline and the 2026 estimate."""
    step = (target - baseline) / span
    values = {str(year): _round(baseline - step * Decimal("0.9") * (2025 - year)) for year in HISTORY}
    values[str(DEMO_YEAR)] = _round(baseline + step * Decimal(str(ratio)))
    return values


def _share_row(parent: Indicator, unit: OrgUnit, baseline: Decimal, target: Decimal) -> dict[str, Any]:
    return {
        "plan_id": parent.plan_id,
        "code": f"{parent.code}-{unit.code}",
        "name": f"{parent.name}（{unit.label}）",
        "unit": parent.unit,
        "attribute": parent.attribute,
        "direction": parent.direction,
        "responsible_unit_id": unit.pk,
        "data_source": f"{unit.label}农业农村局",
        "frequency": parent.frequency,
        "baseline_year": parent.baseline_year,
        "baseline_value": baseline,
        "target_kind": parent.target_kind,
        "target_year": parent.target_year,
        "target_value": target,
        "target_rate": None,
        "split_of_id": parent.pk,
        "split_weight": None,
        "weight": parent.weight,
        "is_headline": False,
        "note": "",
        "order": parent.order,
        **_SAMPLE,
    }


def splits_load(*, now: datetime, units: dict[str, OrgUnit]) -> None:
    """Split the farmland target among the counties with sample shares and values; idempotent."""
    parent = Indicator.objects.filter(plan__code="fyp15", code=PARENT, split_of__isnull=True).first()
    if parent is None:
        return
    scope = Indicator.objects.filter(split_of=parent)
    rows = [_share_row(parent, units[code], b, t) for code, b, t, _ in SHARES]
    shares = sync_rows(Indicator, rows, key=("plan_id", "code"), scope=scope, now=now)
    prune(scope, shares.values())
    items = set(parent.items.values_list("pk", flat=True))
    sync_m2m(shares.values(), "items", {share.pk: items for share in shares.values()})
    span = parent.target_year - parent.baseline_year
    observations = []
    for code, baseline, target, ratio in SHARES:
        share = shares[(parent.plan_id, f"{parent.code}-{code}")]
        for period, value in share_values(baseline, target, ratio, span).items():
            observations.append(
                {
                    "indicator_id": share.pk,
                    "period": period,
                    "period_end": parse_period(period).end,
                    "value": value,
                    "state": Observation.State.APPROVED,
                    "data_source": share.data_source,
                    "note": "历史数据（示例）" if int(period) < DEMO_YEAR else "年度预计值（示例）",
                    "entered_by_id": None,
                    "reviewed_by_id": None,
                    "return_reason": "",
                    **_SAMPLE,
                }
            )
    obs_scope = Observation.objects.filter(indicator__in=shares.values())
    kept = sync_rows(Observation, observations, key=("indicator_id", "period"), scope=obs_scope, now=now)
    prune(obs_scope, kept.values())
