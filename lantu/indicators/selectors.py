"""Reads of indicators and observations, with the access rules applied."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lantu.core import trajectory as tj
from lantu.indicators.models import Indicator, Observation, TargetVersion
from lantu.indicators.status import (
    IndicatorStatus,
    indicator_status,
    latest_vintages,
    same_status_basis,
    with_approved,
)
from lantu.indicators.versions import versions_of
from lantu.orgs.access import Actor, plan_in_realm, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem

STATUS_ORDER = [
    tj.Status.OFF_TRACK,
    tj.Status.LAGGING,
    tj.Status.ON_TRACK,
    tj.Status.AHEAD,
    tj.Status.NO_DATA,
]


VINTAGE_ORDER = Case(
    *(When(vintage=v, then=Value(rank)) for v, rank in Observation.VINTAGE_RANK.items()),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its computed status and the latest approved value."""

    indicator: Indicator
    assessment: IndicatorStatus

    @property
    def status(self) -> tj.Status:
        return self.assessment.status

    @property
    def latest(self) -> Observation | None:
        return self.assessment.latest


def _with_approved() -> QuerySet[Indicator]:
    return with_approved(Indicator.objects.select_related("plan", "responsible_unit"))


def _row(indicator: Indicator, now: datetime) -> IndicatorRow:
    return IndicatorRow(indicator, status_as_of(indicator, now))


def status_as_of(indicator: Indicator, now: datetime) -> IndicatorStatus:
    """Return the status, as it stood at `now`, of an indicator fetched with its approved values."""
    return indicator_status(indicator, getattr(indicator, "approved_observations"), now)  # noqa: B009


def status_before(row: IndicatorRow, earlier: datetime, now: datetime) -> tj.Status:
    """Return the status a row's indicator had at `earlier`, the row's being its status at `now`.

    When nothing it rests on moved between the two (`status.same_status_basis`), it is the row's own.
    """
    indicator = row.indicator
    if same_status_basis(indicator, getattr(indicator, "approved_observations"), earlier, now):  # noqa: B009
        return row.status
    return status_as_of(indicator, earlier).status


def indicator_rows(
    actor: Actor,
    *,
    now: datetime,
    plan: str = "",
    status: str = "",
    unit: str = "",
    headline: bool | None = None,
    q: str = "",
) -> list[IndicatorRow]:
    """Return indicators with their status, filtered by plan code, status, responsible unit code and text."""
    require_reader(actor)
    indicators = (
        _with_approved()
        .filter(plan_in_realm(actor, "plan__"))
        .order_by("plan__order", "plan__start_year", "plan__code", "order", "code")
    )
    if plan:
        indicators = indicators.filter(plan__code=plan)
    if unit:
        indicators = indicators.filter(responsible_unit__code=unit)
    if headline is not None:
        indicators = indicators.filter(is_headline=headline)
    if q:
        indicators = indicators.filter(Q(name__icontains=q) | Q(code__icontains=q))
    rows = [_row(indicator, now) for indicator in indicators]
    if status in tj.Status.__members__.values():
        rows = [row for row in rows if row.status == status]
    return rows


@dataclass(frozen=True)
class FilterChoices:
    """The options of the indicator list filters."""

    plans: list[Plan]
    units: list[OrgUnit]
    statuses: list[tj.Status] = field(default_factory=lambda: list(STATUS_ORDER))


def indicator_filter_choices(actor: Actor) -> FilterChoices:
    """Return the plans and responsible units that have indicators (EXISTS per option, no DISTINCT)."""
    require_reader(actor)
    plans = Plan.objects.filter(Exists(Indicator.objects.filter(plan=OuterRef("pk"))))
    plans = plans.order_by("order", "code")
    units = OrgUnit.objects.filter(Exists(Indicator.objects.filter(responsible_unit=OuterRef("pk"))))
    units = units.order_by("order", "code")
    return FilterChoices(plans=list(plans), units=list(units))


def observations_for(actor: Actor, indicator: Indicator) -> QuerySet[Observation]:
    """Return the observations an actor may read: those in force, plus its units' and its own entries.

    Values superseded by an approved correction are left out (the change history keeps them).
    """
    require_reader(actor)
    observations = (
        Observation.objects.current()
        .filter(indicator=indicator)
        .select_related("source", "entered_by")
        .order_by("period_end", VINTAGE_ORDER, "revision")
    )
    if actor.sees_all_drafts:
        return observations
    if actor.covers(indicator.responsible_unit_id):
        return observations
    return observations.filter(Q(state=Observation.State.APPROVED) | Q(entered_by_id=actor.user_id))


def indicators_readable(actor: Actor) -> QuerySet[Indicator]:
    """Return the indicators the actor may read (every reader reads every published indicator)."""
    require_reader(actor)
    return Indicator.objects.select_related("plan", "responsible_unit", "source")


def indicators_listed(actor: Actor, *, plan: str = "", headline: bool | None = None) -> QuerySet[Indicator]:
    """Return the indicators the actor reads, with their approved values in force, in plan order."""
    indicators = with_approved(indicators_readable(actor)).prefetch_related("items")
    if plan:
        indicators = indicators.filter(plan__code=plan)
    if headline is not None:
        indicators = indicators.filter(is_headline=headline)
    return indicators.order_by("plan__order", "order", "code")


def indicator_get(actor: Actor, pk: int) -> Indicator:
    """Return one indicator the actor may read, with its approved values in force, or raise Http404."""
    return get_object_or_404(with_approved(indicators_readable(actor)).prefetch_related("items"), pk=pk)


def observation_get(actor: Actor, pk: int) -> Observation:
    """Return one value the actor may read (a unit never sees another's draft), or raise Http404."""
    require_reader(actor)
    observation = get_object_or_404(
        Observation.objects.select_related("indicator__plan", "indicator__responsible_unit"), pk=pk
    )
    if not observations_for(actor, observation.indicator).filter(pk=pk).exists():
        raise Http404(_("No such value."))
    return observation


def observations_selected(actor: Actor, ids: list[int]) -> list[Observation]:
    """Return the values with these ids that the actor may read, oldest period first."""
    require_reader(actor)
    found = Observation.objects.filter(pk__in=ids).select_related(
        "indicator__plan", "indicator__responsible_unit"
    )
    return [
        o
        for o in found.order_by("period_end", "pk")
        if observations_for(actor, o.indicator).filter(pk=o.pk).exists()
    ]


@dataclass(frozen=True)
class VersionRow:
    """A target version with the indicator's status measured against it."""

    version: TargetVersion
    assessment: IndicatorStatus
    in_force: bool


@dataclass(frozen=True)
class IndicatorPage:
    """Everything the indicator detail page shows."""

    indicator: Indicator
    assessment: IndicatorStatus
    observations: list[Observation]
    items: list[PlanItem]
    versions: list[VersionRow] = field(default_factory=list)

    @property
    def revised(self) -> bool:
        """Return whether the target was ever adjusted."""
        return len(self.versions) > 1

    @property
    def superseded(self) -> set[int]:
        """Return the ids of approved values a later approved vintage of their period replaces."""
        approved = [o for o in self.observations if o.in_force]
        counted = {o.pk for o in latest_vintages(approved)}
        return {o.pk for o in approved} - counted

    @property
    def corrections(self) -> dict[int, Observation]:
        """Return the open corrections (待审更正) by the id of the approved value each would replace."""
        in_force = {(o.period, o.vintage): o for o in self.observations if o.in_force}
        found = {}
        for observation in self.observations:
            replaced = in_force.get((observation.period, observation.vintage))
            if observation.state != Observation.State.APPROVED and replaced is not None:
                found[replaced.pk] = observation
        return found

    @property
    def correction_ids(self) -> set[int]:
        """Return the ids of the open corrections of approved values."""
        return {o.pk for o in self.corrections.values()}


def indicator_page(actor: Actor, pk: int, *, now: datetime) -> IndicatorPage:
    """Return an indicator with its visible observations, linked items, status and target versions."""
    indicator = indicator_get(actor, pk)
    observations = list(observations_for(actor, indicator))
    assessment = indicator_status(indicator, observations, now)
    items = list(indicator.items.select_related("plan", "lead_unit").order_by("plan__order", "order", "id"))
    versions = [
        VersionRow(v, indicator_status(indicator, observations, now, v), v.pk == assessment.version.pk)
        for v in versions_of(indicator)
    ]
    return IndicatorPage(indicator, assessment, observations, items, versions)
