"""API: an indicator's target split (指标分解): its shares, whether they add up, and the roll-up."""

from decimal import Decimal

from django.utils import timezone
from ninja import Field, Router, Schema

from lantu.indicators.selectors import indicator_get
from lantu.indicators.splits import ShareRow, split_panel
from lantu.lib.schemas import UnitRef, unit_ref
from lantu.orgs.api import reader

router = Router(tags=["indicators"])


class SumCheckOut(Schema):
    measure: str = Field(description="target | rate | baseline")
    aggregation: str = Field(description="sum | weighted (rates and ratios, by weight or baseline)")
    total: float
    expected: float
    difference: float = Field(description="total − expected")
    tolerance: float
    ok: bool


class ShareOut(Schema):
    id: int
    code: str
    name: str
    unit: UnitRef | None
    baseline: Decimal
    target: Decimal | None = Field(description="a value, or a rate in percent for rate targets")
    weight: Decimal | None = Field(description="weight in the parent's rate; empty: the baseline")
    latest_period: str | None
    latest_value: Decimal | None
    status: str
    achievement: float | None
    dragging: bool = Field(description="worse than on track: drags the parent down")
    is_sample: bool


class RollUpOut(Schema):
    status: str
    actual: float | None = Field(description="sum (or weighted mean) of the shares' values for `period`")
    period: str
    reported: int
    missing: list[str] = Field(description="codes of shares without a value for `period`")
    achievement: float | None


class SplitOut(Schema):
    indicator_id: int
    parent_id: int | None = Field(description="set when this indicator is itself a share")
    shares: list[ShareOut]
    checks: list[SumCheckOut]
    warnings: list[str]
    rollup: RollUpOut | None


def _share(row: ShareRow) -> ShareOut:
    share, latest = row.indicator, row.assessment.latest
    return ShareOut(
        id=share.pk,
        code=share.code,
        name=share.name,
        unit=unit_ref(share.responsible_unit),
        baseline=share.baseline_value,
        target=row.target,
        weight=share.split_weight,
        latest_period=latest.period if latest else None,
        latest_value=latest.value if latest else None,
        status=row.assessment.status,
        achievement=row.assessment.achievement,
        dragging=row.dragging,
        is_sample=share.is_sample,
    )


@router.get("/indicators/{indicator_id}/shares", response=SplitOut)
def indicator_shares(request, indicator_id: int):
    """Return an indicator's shares with their status, the sum checks and the parent's roll-up."""
    actor = reader(request)
    indicator = indicator_get(actor, indicator_id)
    panel = split_panel(actor, indicator, now=timezone.now())
    rollup = panel.rollup
    return SplitOut(
        indicator_id=indicator.pk,
        parent_id=indicator.split_of_id,
        shares=[_share(row) for row in panel.rows],
        checks=[
            SumCheckOut(
                measure=c.measure,
                aggregation=c.aggregation,
                total=c.total,
                expected=c.expected,
                difference=c.difference,
                tolerance=c.tolerance,
                ok=c.ok,
            )
            for c in panel.checks
        ],
        warnings=panel.warnings,
        rollup=None
        if rollup is None
        else RollUpOut(
            status=rollup.status,
            actual=rollup.actual,
            period=panel.period,
            reported=len(rollup.reported),
            missing=[share.code for share in panel.missing],
            achievement=rollup.achievement,
        ),
    )
