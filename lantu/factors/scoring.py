"""Reads for the scoring model: each project's facts (efficiency, cluster, stage, plan contribution)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from lantu.core import allocation_score as core
from lantu.indicators.models import Indicator
from lantu.indicators.status import own_status, with_approved
from lantu.orgs.access import Actor, require_reader
from lantu.projects.contributions_selectors import indicator_pipeline, stage_reached
from lantu.projects.models import Contribution, Project

# The weights a new scenario starts from: efficiency and plan contribution first.
DEFAULT_WEIGHTS = {
    "land_tax": 2.0,
    "land_output": 1.0,
    "energy": 2.0,
    "jobs": 1.0,
    "tax": 1.0,
    "cluster": 1.0,
    "readiness": 1.0,
    "contribution": 3.0,
}

CRITERION_LABELS = {
    "land_tax": _("tax per mu (亩均税收)"),
    "land_output": _("output per mu (亩均产值)"),
    "energy": _("value added per tonne of standard coal"),
    "jobs": _("new jobs"),
    "tax": _("annual tax"),
    "cluster": _("strategic cluster"),
    "readiness": _("readiness"),
    "contribution": _("plan contribution"),
}


def indicator_gaps(
    *, actor: Actor, indicators: Iterable[Indicator], now: datetime
) -> dict[str, core.IndicatorGap]:
    """Return what each indicator still needs to reach its target, from its latest approved value."""
    gaps = {}
    for indicator in with_approved(Indicator.objects.filter(pk__in=[i.pk for i in indicators])):
        latest = own_status(indicator, getattr(indicator, "approved_observations", []), now).latest
        result = indicator_pipeline(actor=actor, indicator=indicator, latest=latest, now=now).result
        needed = result.needed
        if needed is None:
            continue
        gaps[str(indicator.pk)] = core.IndicatorGap(
            str(indicator.pk), indicator.name, needed, indicator.attribute == Indicator.Attribute.BINDING
        )
    return gaps


def project_facts(
    *, actor: Actor, projects: list[Project], now: datetime
) -> tuple[list[core.Facts], dict[str, core.IndicatorGap]]:
    """Return the scoring facts of the projects and the gaps of the indicators they contribute to."""
    require_reader(actor)
    contributions = Contribution.objects.filter(project__in=projects).select_related("indicator")
    by_project: dict[int, list[tuple[str, float]]] = defaultdict(list)
    indicators = {}
    stages = {p.pk: p.stage for p in projects}
    for c in contributions:
        if stage_reached(stages[c.project_id], c.stage):
            continue  # realised: already in the latest value
        indicators[c.indicator_id] = c.indicator
        toward = -float(c.amount) if c.indicator.direction == Indicator.Direction.LOWER else float(c.amount)
        by_project[c.project_id].append((str(c.indicator_id), toward))
    gaps = indicator_gaps(actor=actor, indicators=indicators.values(), now=now)
    facts = []
    for project in projects:
        data = getattr(project, "factor_efficiency", None)

        def number(field: str, data=data) -> float | None:
            value = getattr(data, field, None) if data is not None else None
            return None if value is None else float(value)

        facts.append(
            core.Facts(
                code=project.code,
                land_tax=number("tax_per_mu"),
                land_output=number("output_per_mu"),
                energy=number("value_added_per_tce"),
                jobs=number("jobs"),
                tax=number("annual_tax"),
                cluster_tier=project.cluster.tier if project.cluster is not None else None,
                stage=project.stage,
                contributions=tuple(by_project.get(project.pk, ())),
            )
        )
    return facts, gaps


@dataclass(frozen=True)
class PreviewRow:
    """A project's place under the weights being set, against its place by the default value."""

    project: Project
    score: core.Score
    rank: int
    default_rank: int

    @property
    def moved(self) -> int:
        """Return how many places the weights move the project up (negative: down)."""
        return self.default_rank - self.rank


def missing_counts(scores: Iterable[core.Score]) -> list[tuple[str, int]]:
    """Return, per weighted criterion, how many projects lack its data."""
    counts: dict[str, int] = defaultdict(int)
    for score in scores:
        for criterion in score.missing:
            counts[criterion] += 1
    return [(core.name_of(code), counts[code]) for code in core.CODES if counts.get(code)]
