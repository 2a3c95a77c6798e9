"""API: indicators with baseline, target, latest approved value and status; their observations."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from lantu.indicators import services
from lantu.indicators.checks import observation_flags
from lantu.indicators.models import Indicator, Observation, TargetVersion
from lantu.indicators.selectors import indicator_get, indicators_listed, observation_get, observations_for
from lantu.indicators.status import IndicatorStatus, indicator_status, thresholds_for
from lantu.indicators.versions import is_revised, version_text
from lantu.lib.schemas import Citation, Id, Text, UnitRef, citation, limits_of, unit_ref
from lantu.orgs.api import reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem

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
    id: int
    period: str
    period_end: date
    vintage: str = Field(description="preliminary (初步核算) | revised (初步核实) | final (最终核实)")
    release_date: date | None
    value: Decimal
    state: str
    revision: int = Field(description="1, then one more for each correction of an approved value")
    is_sample: bool
    source: Citation | None


class ThresholdsOut(Schema):
    on_track: float = Field(description="share of the expected progress from which the status is on track")
    lagging: float = Field(description="share from which it is lagging (below: off track)")
    own: bool = Field(description="the indicator's own thresholds, not only the office's defaults")


class Judgement(Schema):
    """What a status rests on (fields shared by the indicator and its status answer)."""

    measure: str = Field(description="growth_rate (realised average annual growth / target rate) | progress")
    realised_rate_percent: float | None = Field(description="realised average annual growth, growth targets")
    target_rate_percent: float | None = Field(
        description="the target's average annual growth, growth targets"
    )
    thresholds: "ThresholdsOut"
    status_basis: str = Field(description="own | shares: which figure governs a split parent's status")
    own_status: str | None = Field(description="a split parent's status from its own value")
    shares_status: str | None = Field(description="a split parent's status from its shares' roll-up")


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 4)


def judgement(indicator: Indicator, assessment: IndicatorStatus) -> dict:
    """Return the Judgement fields of an indicator's status."""
    limits = thresholds_for(indicator)
    own = indicator.threshold_on_track is not None or indicator.threshold_lagging is not None
    return {
        "measure": "growth_rate" if assessment.is_growth else "progress",
        "realised_rate_percent": _percent(assessment.realised_rate),
        "target_rate_percent": _percent(assessment.target_rate),
        "thresholds": ThresholdsOut(on_track=limits.on_track, lagging=limits.lagging, own=own),
        "status_basis": assessment.basis.value,
        "own_status": assessment.own_status.value if assessment.own_status else None,
        "shares_status": assessment.rollup.status.value if assessment.rollup else None,
    }


class TargetVersionRef(Schema):
    number: int = Field(description="1 is the plan's original target")
    label: str
    original: bool
    adopted_on: date | None
    text: str = Field(description="what the status is measured against, in words")


class IndicatorOut(Judgement):
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
    achievement: float | None = Field(
        description="the classified ratio: realised / target growth rate, or progress realised / expected"
    )
    target_version: TargetVersionRef
    item_ids: list[int]
    is_headline: bool
    is_sample: bool
    sample_fields: list[str]
    source: Citation | None


def _observation_out(observation: Observation) -> ObservationOut:
    return ObservationOut(
        id=observation.pk,
        period=observation.period,
        period_end=observation.period_end,
        vintage=observation.vintage,
        release_date=observation.release_date,
        value=observation.value,
        state=observation.state,
        revision=observation.revision,
        is_sample=observation.is_sample,
        source=citation(observation),
    )


def version_ref(version: TargetVersion) -> TargetVersionRef:
    return TargetVersionRef(
        number=version.number,
        label=version.label,
        original=not is_revised(version),
        adopted_on=version.adopted_on,
        text=version_text(version),
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
        target_version=version_ref(assessment.version),
        item_ids=[item.pk for item in indicator.items.all()],
        is_headline=indicator.is_headline,
        is_sample=indicator.is_sample,
        sample_fields=indicator.sample_fields or [],
        source=citation(indicator),
        **judgement(indicator, assessment),
    )


@router.get("/indicators", response=list[IndicatorOut], summary="List indicators")
def list_indicators(request, plan: Text | None = None, headline: bool | None = None):
    indicators = indicators_listed(reader(request), plan=plan or "", headline=headline)
    now = timezone.now()
    return [_indicator_out(indicator, now) for indicator in indicators]


@router.get("/indicators/{indicator_id}", response=IndicatorOut, summary="Get an indicator")
def get_indicator(request, indicator_id: int):
    return _indicator_out(indicator_get(reader(request), indicator_id), timezone.now())


@router.get(
    "/indicators/{indicator_id}/observations",
    response=list[ObservationOut],
    summary="List an indicator's values",
)
def list_observations(request, indicator_id: int):
    actor = reader(request)
    indicator = indicator_get(actor, indicator_id)
    return [_observation_out(observation) for observation in observations_for(actor, indicator)]


Year = Annotated[int, Field(ge=1900, le=2100)]
ON_TRACK = "own on-track threshold, e.g. 1.0"
LAGGING = "own lagging threshold, e.g. 0.9"
KINDS = "level | annual_growth | cumulative_change | ceiling | floor"


def _limits(name: str, **extra):
    return limits_of(Indicator, name, **extra)


class IndicatorIn(Schema):
    plan: Annotated[Text, limits_of(Plan, "code", description="plan code")]
    code: Annotated[Text, _limits("code")]
    name: Annotated[Text, _limits("name")]
    unit: Annotated[Text, _limits("unit")]
    attribute: Annotated[Text, _limits("attribute", description="expected | binding")] = "expected"
    direction: Annotated[Text, _limits("direction", description="higher | lower")] = "higher"
    responsible_unit: Annotated[Text, limits_of(OrgUnit, "code", description="unit code")]
    frequency: Annotated[Text, _limits("frequency", description="annual | quarterly | monthly")] = "annual"
    data_source: Annotated[Text, _limits("data_source")] = ""
    baseline_year: Year
    baseline_value: Annotated[Decimal, _limits("baseline_value")]
    target_kind: Annotated[Text, _limits("target_kind", description=KINDS)]
    target_year: Year
    target_value: Annotated[Decimal, _limits("target_value")] | None = None
    target_rate: Annotated[Decimal, _limits("target_rate", description="percent, e.g. -13.5")] | None = None
    item_ids: list[Id] = Field([], max_length=1000)
    is_headline: bool = False
    threshold_on_track: Annotated[Decimal, _limits("threshold_on_track", description=ON_TRACK)] | None = None
    threshold_lagging: Annotated[Decimal, _limits("threshold_lagging", description=LAGGING)] | None = None


class ObservationIn(Schema):
    period: Annotated[Text, limits_of(Observation, "period", description='"2027", "2027Q2" or "2027-06"')]
    value: Annotated[Decimal, limits_of(Observation, "value")]
    note: Text = ""
    vintage: str = Field("preliminary", description="preliminary | revised | final; the latest counts")
    release_date: date | None = Field(None, description="when the statistics office released this vintage")
    submit: bool = Field(True, description="submit for review (false keeps a draft)")


class ObservationWritten(ObservationOut):
    flags: list[str]
    return_reason: str


class ReturnIn(Schema):
    reason: Text


class StatusOut(Judgement):
    at: date
    expected_value: float | None
    actual_value: Decimal | None
    actual_period: str | None
    achievement: float | None
    status: str
    projected_final: float | None
    likely_to_meet: bool | None
    target_version: TargetVersionRef


def _written(observation: Observation) -> ObservationWritten:
    return ObservationWritten(
        **_observation_out(observation).dict(),
        flags=observation_flags(observation),
        return_reason=observation.return_reason,
    )


@router.post("/indicators", response={201: IndicatorOut}, summary="Create an indicator (planners)")
def create_indicator(request, payload: IndicatorIn):
    actor = reader(request)
    plan = Plan.objects.filter(code=payload.plan).first()
    unit = OrgUnit.objects.filter(code=payload.responsible_unit).first()
    if plan is None or unit is None:
        raise HttpError(400, _("Unknown plan or responsible unit."))
    fields = payload.dict(exclude={"plan", "responsible_unit", "item_ids"})
    items = list(PlanItem.objects.filter(pk__in=payload.item_ids))
    if len(items) != len(set(payload.item_ids)):
        raise HttpError(400, _("Unknown plan item."))
    indicator = services.indicator_create(
        actor=actor, plan=plan, responsible_unit=unit, items=items, **fields
    )
    return Status(201, _indicator_out(indicator_get(actor, indicator.pk), timezone.now()))


@router.post(
    "/indicators/{indicator_id}/observations",
    response={201: ObservationWritten},
    summary="Enter a value for a period",
)
def create_observation(request, indicator_id: int, payload: ObservationIn):
    actor = reader(request)
    indicator = indicator_get(actor, indicator_id)
    observation = services.observation_save(
        actor=actor,
        indicator=indicator,
        period=payload.period,
        value=str(payload.value),
        note=payload.note,
        vintage=payload.vintage,
        release_date=payload.release_date,
        submit=payload.submit,
        now=timezone.now(),
    )
    return Status(201, _written(observation))


def _reviewed(request, observation_id: int, decide) -> ObservationWritten:
    actor = reader(request)
    observation = observation_get(actor, observation_id)
    return _written(decide(actor, observation))


@router.post("/observations/{observation_id}/approve", response=ObservationWritten, summary="Approve a value")
def approve_observation(request, observation_id: int):
    return _reviewed(
        request,
        observation_id,
        lambda actor, obs: services.observation_approve(actor=actor, observation=obs, now=timezone.now()),
    )


@router.post("/observations/{observation_id}/return", response=ObservationWritten, summary="Return a value")
def return_observation(request, observation_id: int, payload: ReturnIn):
    return _reviewed(
        request,
        observation_id,
        lambda actor, obs: services.observation_return(
            actor=actor, observation=obs, reason=payload.reason, now=timezone.now()
        ),
    )


@router.get("/indicators/{indicator_id}/status", response=StatusOut, summary="Status as of a date")
def indicator_status_at(request, indicator_id: int, at: date | None = None):
    """Return expected and actual value, achievement, status and projection as of `at` (default today)."""
    indicator = indicator_get(reader(request), indicator_id)
    day = at or timezone.localdate()
    moment = timezone.make_aware(datetime.combine(day, time(23, 59)))
    result = indicator_status(indicator, indicator.approved_observations, moment)
    projection = result.projection
    return StatusOut(
        at=day,
        expected_value=result.expected,
        actual_value=result.latest.value if result.latest else None,
        actual_period=result.latest.period if result.latest else None,
        achievement=result.achievement,
        status=result.status.value,
        projected_final=projection.final if projection else None,
        likely_to_meet=projection.likely_to_meet if projection else None,
        target_version=version_ref(result.version),
        **judgement(indicator, result),
    )
