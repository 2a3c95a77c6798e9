"""API: an indicator's target versions (中期调整): list them with the status against each, adopt one."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from lantu.indicators import services
from lantu.indicators.api import KINDS, TargetVersionRef, version_ref
from lantu.indicators.models import Indicator, TargetVersion
from lantu.indicators.selectors import indicator_get
from lantu.indicators.status import IndicatorStatus, indicator_status
from lantu.indicators.versions import versions_of
from lantu.lib.schemas import Text, limits_of
from lantu.orgs.api import reader

router = Router(tags=["indicators"])


class TargetVersionOut(TargetVersionRef):
    kind: str
    year: int
    value: Decimal | None
    rate_percent: Decimal | None
    reason: str
    in_force: bool
    status: str = Field(description="the indicator's status today measured against this version")
    achievement: float | None
    is_sample: bool


def _limits(name: str, **extra):
    return limits_of(TargetVersion, name, **extra)


class TargetVersionIn(Schema):
    kind: Annotated[Text, _limits("target_kind", description=KINDS)]
    year: Annotated[int, Field(ge=1900, le=2100)]
    value: Annotated[Decimal, _limits("target_value")] | None = None
    rate_percent: Annotated[Decimal, _limits("target_rate", description="percent, e.g. 5.5")] | None = None
    label: Annotated[Text, _limits("label", description="e.g. 中期调整, 年度调整")] = "中期调整"
    reason: Text
    adopted_on: date | None = Field(None, description="default: today")


def _version_out(version: TargetVersion, assessment: IndicatorStatus, in_force: bool) -> TargetVersionOut:
    return TargetVersionOut(
        **version_ref(version).dict(),
        kind=version.target_kind,
        year=version.target_year,
        value=version.target_value,
        rate_percent=version.target_rate,
        reason=version.reason,
        in_force=in_force,
        status=assessment.status.value,
        achievement=assessment.achievement,
        is_sample=version.is_sample,
    )


def _version_list(indicator: Indicator, now) -> list[TargetVersionOut]:
    current = indicator_status(indicator, indicator.approved_observations, now).version
    return [
        _version_out(
            v, indicator_status(indicator, indicator.approved_observations, now, v), v.pk == current.pk
        )
        for v in versions_of(indicator)
    ]


@router.get(
    "/indicators/{indicator_id}/target-versions",
    response=list[TargetVersionOut],
    summary="List an indicator's target versions with the status against each",
)
def list_target_versions(request, indicator_id: int):
    """Return the original target and every adjustment, oldest first; one without adjustments lists one."""
    return _version_list(indicator_get(reader(request), indicator_id), timezone.now())


@router.post(
    "/indicators/{indicator_id}/target-versions",
    response={201: list[TargetVersionOut]},
    summary="Adopt an adjusted target (中期调整, planners)",
)
def create_target_version(request, indicator_id: int, payload: TargetVersionIn):
    """Adopt a new target version; the original and earlier versions stay; return all versions."""
    actor = reader(request)
    indicator = indicator_get(actor, indicator_id)
    now = timezone.now()
    services.target_revise(
        actor=actor,
        indicator=indicator,
        kind=payload.kind,
        year=payload.year,
        value=payload.value,
        rate=payload.rate_percent,
        label=payload.label,
        reason=payload.reason,
        adopted_on=payload.adopted_on or timezone.localdate(),
        now=now,
    )
    return Status(201, _version_list(indicator_get(actor, indicator_id), now))
