"""Reads for the factor pages: the allocation input built from the database, gaps, scenarios."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from lantu.core import allocation as core
from lantu.core.allocation_score import Score, score_all
from lantu.core.allocation_value import default_value
from lantu.factors import scoring
from lantu.factors.models import Demand, Factor, FactorProfile, Quota
from lantu.orgs.access import Actor, require_reader
from lantu.projects.models import Project

PREFECTURE = "全州"


def can_allocate(actor: Actor) -> bool:
    """Return whether the actor may run and accept allocations: planners and administrators."""
    return actor.is_admin or actor.is_planner


def require_allocator(actor: Actor) -> None:
    """Refuse anyone but planners and administrators."""
    if not can_allocate(actor):
        raise PermissionDenied(_("Only planners may run or accept factor allocations."))


def region_label(unit) -> str:
    """Return the name a region goes by in the allocation model."""
    return unit.label if unit is not None else PREFECTURE


def project_value(project: Project, profile: FactorProfile | None) -> float:
    """Return the office's value score, or the default from investment, readiness and cluster."""
    if profile is not None and profile.value is not None:
        return float(profile.value)
    investment = float(project.total_investment) / 10000 if project.total_investment is not None else None
    tier = project.cluster.tier if project.cluster_id else None
    return default_value(investment_yi=investment, stage=project.stage, cluster_tier=tier)


def candidates(*, year: int | None = None) -> tuple[list[Project], dict[int, list[Demand]]]:
    """Return the projects the allocation weighs (with demands, or must-fund) and their demands."""
    demands = Demand.objects.select_related("factor")
    if year is not None:
        demands = demands.filter(year=year)
    by_project: dict[int, list[Demand]] = defaultdict(list)
    for demand in demands:
        by_project[demand.project_id].append(demand)
    projects = (
        Project.objects.filter(Q(pk__in=by_project) | Q(factor_profile__must=True))
        .select_related("county", "park", "cluster", "factor_profile", "factor_efficiency")
        .prefetch_related("factor_profile__requires")
        .order_by("code")
        .distinct()
    )
    return list(projects), by_project


def project_scores(
    *, actor: Actor, projects: list[Project], weights: dict[str, float], now: datetime
) -> dict[str, Score]:
    """Return each project's score under the weights, explained criterion by criterion."""
    facts, gaps = scoring.project_facts(actor=actor, projects=projects, now=now)
    return score_all(facts, weights, gaps)


@dataclass(frozen=True)
class ScorePreview:
    """The projects ranked by the weights being set, with how far each moves from the default ranking."""

    rows: list[scoring.PreviewRow]
    missing: list[tuple[str, int]]
    total: int


def score_preview(*, actor: Actor, weights: dict[str, float], now: datetime, limit: int = 15) -> ScorePreview:
    """Return the top projects under the weights, their explanations and the data each criterion lacks."""
    require_reader(actor)
    projects, _demands = candidates()
    scores = project_scores(actor=actor, projects=projects, weights=weights, now=now)
    by_default = sorted(projects, key=lambda p: -project_value(p, getattr(p, "factor_profile", None)))
    default_rank = {p.code: n for n, p in enumerate(by_default, 1)}
    ranked = sorted(projects, key=lambda p: (-scores[p.code].total, p.code))
    rows = [
        scoring.PreviewRow(p, scores[p.code], n, default_rank[p.code])
        for n, p in enumerate(ranked[:limit], 1)
    ]
    return ScorePreview(rows, scoring.missing_counts(scores.values()), len(projects))


def core_scenario(
    *,
    name: str,
    year: int | None = None,
    weights: dict[str, float] | None = None,
    actor: Actor | None = None,
    now: datetime | None = None,
    previous: dict[str, core.Held] | None = None,
    churn: float = 0.0,
) -> tuple[core.Scenario, dict]:
    """Return the allocation model of the projects with demands, and per project code its pk and units.

    With weights, a project's value is its score under them (an office's own value score still wins)
    and `meta` keeps each score's explanation; without, the default value as before.
    """
    factors = list(Factor.objects.order_by("order", "code"))
    quotas = Quota.objects.select_related("factor", "region")
    if year is not None:
        quotas = quotas.filter(Q(year=year) | Q(year__isnull=True))
    projects, by_project = candidates(year=year)
    scores: dict[str, Score] = {}
    if weights and actor is not None and now is not None:
        scores = project_scores(actor=actor, projects=projects, weights=weights, now=now)
    core_projects, meta = [], {}
    for project in projects:
        profile = getattr(project, "factor_profile", None)
        requires = tuple(sorted(p.code for p in profile.requires.all())) if profile else ()
        score = scores.get(project.code)
        own_value = profile is not None and profile.value is not None
        core_projects.append(
            core.Project(
                id=project.code,
                name=project.name,
                region=region_label(project.county),
                value=score.total if score is not None and not own_value else project_value(project, profile),
                must=bool(profile and profile.must),
                divisible=bool(profile and profile.divisible),
                requires=requires,
                demands=tuple(
                    core.Demand(d.factor.code, d.year, float(d.amount))
                    for d in by_project.get(project.pk, [])
                ),
                areas=(region_label(project.park),) if project.park_id else (),
                window=start_window(profile),
            )
        )
        meta[project.code] = {
            "pk": project.pk,
            "units": [u for u in (project.county_id, project.lead_unit_id, project.park_id) if u],
        }
        if score is not None:
            meta[project.code]["score"] = {
                "total": score.total,
                "text": score.explain(),
                "missing": list(score.missing),
                "own_value": own_value,
            }
    # A prerequisite outside the scenario (no demands in the year) is not there to be chosen.
    known = {p.id for p in core_projects}
    missing = {r for p in core_projects for r in p.requires if r not in known}
    if missing:
        for project in Project.objects.filter(code__in=missing).select_related("county"):
            core_projects.append(core.Project(project.code, project.name, region_label(project.county), 0.0))
            meta[project.code] = {"pk": project.pk, "units": [project.county_id, project.lead_unit_id]}
    scenario = core.Scenario(
        name,
        tuple(core.Factor(f.code, f.name, f.unit, f.carry_over) for f in factors),
        tuple(
            core.Quota(q.factor.code, q.region.label if q.region else None, q.year, float(q.amount))
            for q in quotas
        ),
        tuple(core_projects),
        scope=PREFECTURE,
        previous={code: held for code, held in (previous or {}).items() if code in meta},
        churn=churn,
    )
    return scenario, meta


def start_window(profile: FactorProfile | None) -> tuple[int, int] | None:
    """Return the years a project may start in, from its profile (None: as its demands say)."""
    if profile is None or profile.earliest_start is None:
        return None
    return (
        profile.earliest_start,
        max(profile.latest_start or profile.earliest_start, profile.earliest_start),
    )


@dataclass(frozen=True)
class GapRow:
    """Demand against one quota."""

    factor: Factor
    region: str
    year: int | None
    quota: Decimal
    demand: Decimal
    projects: int
    sample: bool = False

    @property
    def gap(self) -> Decimal:
        """Return how far demand exceeds the quota (negative: room left)."""
        return self.demand - self.quota

    @property
    def ratio(self) -> float | None:
        """Return demand as a percentage of the quota."""
        return float(self.demand / self.quota * 100) if self.quota else None


def gap_rows(*, actor: Actor, year: int | None = None) -> list[GapRow]:
    """Return demand against every quota, by factor, region and year."""
    require_reader(actor)
    demands = list(
        Demand.objects.select_related("project__county", "project__park").values_list(
            "factor_id", "year", "amount", "project_id", "project__county_id", "project__park_id"
        )
    )
    quotas = Quota.objects.select_related("factor", "region").order_by(
        "factor__order", "factor__code", "year"
    )
    if year is not None:
        quotas = quotas.filter(Q(year=year) | Q(year__isnull=True))
    if year is not None:
        demands = [d for d in demands if d[1] == year]
    rows = []
    for quota in quotas:
        total, projects = covered_by(quota, demands)
        rows.append(
            GapRow(
                quota.factor,
                region_label(quota.region),
                quota.year,
                quota.amount,
                total,
                projects,
                quota.is_sample,
            )
        )
    rows.sort(key=lambda r: (r.factor.order, r.factor.code, r.region != PREFECTURE, r.region, r.year or 0))
    return rows


def covered_by(quota: Quota, amounts: list[tuple]) -> tuple[Decimal, int]:
    """Return the total and the number of projects of the amounts a quota covers.

    Each amount is (factor pk, year, amount, project pk, county pk, park pk).
    """
    total, projects = Decimal(0), set()
    for factor_id, year, amount, project_id, county_id, park_id in amounts:
        if factor_id != quota.factor_id or (quota.year is not None and year != quota.year):
            continue
        if quota.region_id is not None and quota.region_id not in (county_id, park_id):
            continue
        total += amount
        projects.add(project_id)
    return total, len(projects)


def demand_years() -> list[int]:
    """Return the years that have demands or quotas."""
    years = set(Demand.objects.values_list("year", flat=True))
    years |= set(Quota.objects.exclude(year=None).values_list("year", flat=True))
    return sorted(years)
