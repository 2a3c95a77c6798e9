"""API: indicators with baseline, target, latest approved value and status; their observations."""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from lantu.api.access import reader
from lantu.api.schemas import Citation, UnitRef, citation, unit_ref
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.selectors import observations_for
from lantu.indicators.status import indicator_status

router = Router(tags=["indicators"])


class Baseline(Schema):
    year: int
    value: Decimal


class Target(Schema):
    kind: str
    year: int
    value: Decimal | None
    rate_percent: Decimal | None


class ObservationOut(Schema):
    period: str
    period_end: date
    value: Decimal
    state: str
    is_sample: bool
    source: Citation | None


class IndicatorOut(Schema):
    id: int
    plan: str
    code: str
    name: str
    unit: str
    attribute: str
    direction: str
    frequency: str
    responsible_unit: UnitRef | None
    baseline: Baseline
    target: Target
    latest: ObservationOut | None
    status: str
    achievement: float | None
    item_ids: list[int]
    is_headline: bool
    is_sample: bool
    sample_fields: list[str]
    source: Citation | None


def _observation_out(observation: Observation) -> ObservationOut:
    return ObservationOut(
        period=observation.period,
        period_end=observation.period_end,
        value=observation.value,
        state=observation.state,
        is_sample=observation.is_sample,
        source=citation(observation),
    )


def _indicator_out(indicator: Indicator, now) -> IndicatorOut:
    approved = indicator.approved_observations
    assessment = indicator_status(indicator, approved, now)
    return IndicatorOut(
        id=indicator.pk,
        plan=indicator.plan.code,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        attribute=indicator.attribute,
        direction=indicator.direction,
        frequency=indicator.frequency,
        responsible_unit=unit_ref(indicator.responsible_unit),
        baseline=Baseline(year=indicator.baseline_year, value=indicator.baseline_value),
        target=Target(
            kind=indicator.target_kind,
            year=indicator.target_year,
            value=indicator.target_value,
            rate_percent=indicator.target_rate,
        ),
        latest=_observation_out(assessment.latest) if assessment.latest else None,
        status=assessment.status.value,
        achievement=assessment.achievement,
        item_ids=[item.pk for item in indicator.items.all()],
        is_headline=indicator.is_headline,
        is_sample=indicator.is_sample,
        sample_fields=indicator.sample_fields or [],
        source=citation(indicator),
    )


def _indicators():
    approved = Observation.objects.filter(state=Observation.State.APPROVED).select_related("source")
    return (
        Indicator.objects.select_related("plan", "responsible_unit", "source")
        .prefetch_related(
            "items",
            Prefetch(
                "observations", queryset=approved.order_by("period_end"), to_attr="approved_observations"
            ),
        )
        .order_by("plan__order", "order", "code")
    )


@router.get("/indicators", response=list[IndicatorOut], summary="List indicators")
def list_indicators(request, plan: str | None = None, headline: bool | None = None):
    reader(request)
    indicators = _indicators()
    if plan:
        indicators = indicators.filter(plan__code=plan)
    if headline is not None:
        indicators = indicators.filter(is_headline=headline)
    now = timezone.now()
    return [_indicator_out(indicator, now) for indicator in indicators]


@router.get("/indicators/{indicator_id}", response=IndicatorOut, summary="Get an indicator")
def get_indicator(request, indicator_id: int):
    reader(request)
    return _indicator_out(get_object_or_404(_indicators(), pk=indicator_id), timezone.now())


@router.get(
    "/indicators/{indicator_id}/observations",
    response=list[ObservationOut],
    summary="List an indicator's values",
)
def list_observations(request, indicator_id: int):
    actor = reader(request)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    return [_observation_out(observation) for observation in observations_for(actor, indicator)]
