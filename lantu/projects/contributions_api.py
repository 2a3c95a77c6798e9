"""API: an indicator's project pipeline and the contributions it is built from."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from lantu.indicators.models import Indicator, Observation
from lantu.indicators.status import indicator_status
from lantu.lib.schemas import Citation, citation
from lantu.orgs.api import reader
from lantu.projects import contributions_selectors

router = Router(tags=["projects"])


class ContributionOut(Schema):
    id: int
    project_id: int
    project_code: str
    project_name: str
    project_stage: str
    amount: Decimal
    stage: str
    expected_year: int
    realised: bool
    overdue: bool
    after_target: bool
    note: str
    is_sample: bool
    sample_fields: list[str]
    source: Citation | None


class PipelineYearOut(Schema):
    year: int
    amount: float
    count: int
    overdue: int


class PipelineOut(Schema):
    indicator_id: int
    unit: str
    basis: str
    latest: float
    realised: float
    expected: float
    expected_by_year: list[PipelineYearOut]
    overdue: float
    after_target_year: float
    after_pipeline: float
    target: float | None
    target_year: int | None
    gap: float | None
    shortfall: float | None
    suffices: bool | None
    lower_is_better: bool
    contributions: list[ContributionOut]


def _contribution_out(row) -> ContributionOut:
    c = row.contribution
    return ContributionOut(
        id=c.pk,
        project_id=c.project_id,
        project_code=c.project.code,
        project_name=c.project.name,
        project_stage=c.project.stage,
        amount=c.amount,
        stage=c.stage,
        expected_year=c.expected_year,
        realised=row.realised,
        overdue=row.overdue,
        after_target=row.after_target,
        note=c.note,
        is_sample=c.is_sample,
        sample_fields=c.sample_fields or [],
        source=citation(c),
    )


@router.get(
    "/indicators/{indicator_id}/pipeline",
    response=PipelineOut,
    summary="Project pipeline of an indicator: realised, expected by year, gap to target",
)
def indicator_pipeline(request, indicator_id: int):
    """Return what projects add to an indicator and the gap left to its target after them."""
    actor = reader(request)
    approved = Observation.objects.in_force()
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=indicator_id)
    now = timezone.now()
    latest = indicator_status(indicator, approved.filter(indicator=indicator), now).latest
    view = contributions_selectors.indicator_pipeline(
        actor=actor, indicator=indicator, latest=latest, now=now
    )
    p = view.result
    return PipelineOut(
        indicator_id=indicator.pk,
        unit=indicator.unit,
        basis=view.basis,
        latest=p.latest,
        realised=p.realised,
        expected=p.expected,
        expected_by_year=[
            PipelineYearOut(year=y.year, amount=y.amount, count=y.count, overdue=y.overdue) for y in p.by_year
        ],
        overdue=p.overdue,
        after_target_year=p.after_target,
        after_pipeline=p.after_pipeline,
        target=p.target,
        target_year=p.target_year,
        gap=p.gap,
        shortfall=p.shortfall,
        suffices=p.suffices,
        lower_is_better=p.lower_is_better,
        contributions=[_contribution_out(row) for row in view.rows],
    )
