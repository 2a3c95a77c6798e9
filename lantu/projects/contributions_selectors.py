"""Reads of project contributions: a project's list and an indicator's pipeline with its chart."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from lantu.core import pipeline as core
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.selectors import IndicatorPage
from lantu.indicators.status import period_t, target_of
from lantu.lib.history import ACTIONS
from lantu.lib.people import display_name
from lantu.orgs.access import Actor, require_reader
from lantu.projects.contributions import contribution_edit_denial
from lantu.projects.contributions_charts import pipeline_chart
from lantu.projects.models import Contribution, Project, Stage

_ORDER = {stage: rank for rank, stage in enumerate(Stage.values)}


def stage_reached(current: str, needed: str) -> bool:
    """Return whether a project at stage `current` has reached stage `needed` (投产 is last)."""
    return _ORDER.get(current, -1) >= _ORDER.get(needed, len(_ORDER))


@dataclass(frozen=True)
class ContributionRow:
    """A contribution with where it stands: realised, overdue or expected after the target year."""

    contribution: Contribution
    realised: bool
    overdue: bool = False
    after_target: bool = False


def _row(contribution: Contribution, current_year: int) -> ContributionRow:
    realised = stage_reached(contribution.project.stage, contribution.stage)
    target_year = contribution.indicator.target_year
    return ContributionRow(
        contribution,
        realised,
        overdue=not realised and contribution.expected_year < current_year,
        after_target=not realised and contribution.expected_year > target_year,
    )


def project_contributions(*, actor: Actor, project: Project, now: datetime) -> list[ContributionRow]:
    """Return what a project contributes to indicators, in the order of the plans' indicators."""
    require_reader(actor)
    contributions = (
        Contribution.objects.filter(project=project)
        .select_related("indicator__plan", "source", "project")
        .order_by("indicator__plan__order", "indicator__order", "indicator__code")
    )
    return [_row(c, now.year) for c in contributions]


def contribution_can_edit(*, actor: Actor, project: Project) -> bool:
    """Return whether the actor may declare the project's contributions."""
    return contribution_edit_denial(actor=actor, project=project) is None


@dataclass(frozen=True)
class IndicatorPipeline:
    """An indicator's project pipeline: the figures, the contributing projects and the chart."""

    indicator: Indicator
    result: core.Pipeline
    rows: list[ContributionRow]
    basis: str
    chart: dict | None

    @property
    def realised_rows(self) -> list[ContributionRow]:
        return [row for row in self.rows if row.realised]

    @property
    def expected_rows(self) -> list[ContributionRow]:
        return [row for row in self.rows if not row.realised]


def _basis(indicator: Indicator, latest: Observation | None) -> tuple[float, str]:
    """Return the latest approved value after the baseline, else the baseline, with its label."""
    if latest is not None:
        t = period_t(indicator, latest.period)
        if t is not None and t > 0:
            return float(latest.value), latest.period
    return float(indicator.baseline_value), _("baseline %(year)s") % {"year": indicator.baseline_year}


def indicator_pipeline(
    *, actor: Actor, indicator: Indicator, latest: Observation | None, now: datetime
) -> IndicatorPipeline:
    """Return the project pipeline of an indicator measured from its latest approved value.

    Realised contributions are contained in the latest value (statistics count plants in
    operation) and are not added again; see lantu.core.pipeline.
    """
    require_reader(actor)
    contributions = (
        Contribution.objects.filter(indicator=indicator)
        .select_related("project__county", "indicator", "source")
        .order_by("expected_year", "project__code")
    )
    rows = [_row(c, now.year) for c in contributions]
    value, basis = _basis(indicator, latest)
    result = core.pipeline(
        [
            core.Contribution(float(r.contribution.amount), r.realised, r.contribution.expected_year)
            for r in rows
        ],
        latest=value,
        target=target_of(indicator),
        current_year=now.year,
        lower_is_better_default=indicator.direction == Indicator.Direction.LOWER,
    )
    chart = pipeline_chart(indicator, result, basis) if rows else None
    return IndicatorPipeline(indicator, result, rows, basis, chart)


def page_pipeline(*, actor: Actor, page: IndicatorPage, now: datetime) -> IndicatorPipeline:
    """Return the pipeline of the indicator on an indicator page, from the value the page assesses."""
    return indicator_pipeline(actor=actor, indicator=page.indicator, latest=page.assessment.latest, now=now)


@dataclass(frozen=True)
class ContributionChange:
    """One recorded change of a project's contribution: who, when, what it then said."""

    when: datetime
    who: str
    action: str
    indicator: str
    amount: Decimal
    unit: str
    stage: str
    expected_year: int


def project_contribution_changes(
    *, actor: Actor, project: Project, limit: int = 10
) -> list[ContributionChange]:
    """Return the latest recorded changes of the project's contributions, removals included."""
    require_reader(actor)
    records = list(
        Contribution.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={r.indicator_id for r in records})}
    stages = dict(Stage.choices)
    changes = []
    for record in records:
        indicator = indicators.get(record.indicator_id)
        user = record.history_user
        changes.append(
            ContributionChange(
                when=record.history_date,
                who=display_name(user, _("system")),
                action=_(ACTIONS.get(record.history_type, "changed")),
                indicator=indicator.name if indicator else f"#{record.indicator_id}",
                amount=record.amount,
                unit=indicator.unit if indicator else "",
                stage=str(stages.get(record.stage, record.stage)),
                expected_year=record.expected_year,
            )
        )
    return changes
