"""Reads for a project's factor profile page: its demands, value score, flags and scenario results."""

from dataclasses import dataclass

from lantu.factors.models import Demand, Factor, FactorProfile, Scenario
from lantu.factors.scenario_selectors import scenario_report, visible_codes
from lantu.factors.selectors import project_value
from lantu.orgs.access import Actor, require_reader
from lantu.projects.models import Project


@dataclass(frozen=True)
class ScenarioOutcome:
    """How one scenario treated the project."""

    scenario: Scenario
    share: float
    reason: str
    lines: tuple[dict, ...]
    included: bool


@dataclass(frozen=True)
class ProfileView:
    """Everything the profile page shows."""

    project: Project
    profile: FactorProfile | None
    demands: list[Demand]
    factors: list[Factor]
    value: float
    default_value: float
    outcomes: list[ScenarioOutcome]
    results_hidden: bool
    demand_history: list


def profile_view(*, actor: Actor, project: Project) -> ProfileView:
    """Return a project's factor demands, value and flags, and its results in the saved scenarios."""
    require_reader(actor)
    profile = FactorProfile.objects.filter(project=project).prefetch_related("requires").first()
    demands = list(Demand.objects.filter(project=project).select_related("factor"))
    outcomes, hidden = [], False
    for scenario in Scenario.objects.select_related("created_by", "accepted_by")[:20]:
        if project.code not in scenario.inputs.get("meta", {}):
            continue
        visible = visible_codes(actor=actor, scenario=scenario)
        if visible is not None and project.code not in visible:
            hidden = True
            continue
        row = scenario_report(actor=actor, scenario=scenario).row(project.code)
        if row is not None:
            outcomes.append(ScenarioOutcome(scenario, row.share, row.reason, row.lines, row.share > 0))
    history = list(
        Demand.history.filter(project_id=project.pk)
        .select_related("history_user", "factor")
        .order_by("-history_date", "-history_id")[:20]
    )
    return ProfileView(
        project=project,
        profile=profile,
        demands=demands,
        factors=list(Factor.objects.all()),
        value=project_value(project, profile),
        default_value=project_value(project, None),
        outcomes=outcomes,
        results_hidden=hidden,
        demand_history=history,
    )


@dataclass(frozen=True)
class DemandProject:
    """A project with factor demands, for the gap page's list."""

    project: Project
    value: float
    totals: list[float | None]  # per factor, in the order of the factors
    must: bool
    divisible: bool


def demand_projects(*, actor: Actor, factors: list[Factor], year: int | None = None) -> list[DemandProject]:
    """Return the projects with demands (a reporter's own ones only), with their totals per factor."""
    require_reader(actor)
    demands = Demand.objects.all() if year is None else Demand.objects.filter(year=year)
    totals: dict[int, dict[int, float]] = {}
    for project_id, factor_id, amount in demands.values_list("project_id", "factor_id", "amount"):
        per = totals.setdefault(project_id, {})
        per[factor_id] = per.get(factor_id, 0.0) + float(amount)
    projects = (
        Project.objects.filter(pk__in=totals)
        .select_related("county", "cluster", "factor_profile")
        .order_by("code")
    )
    rows = []
    for project in projects:
        if actor.is_reporter and not any(
            actor.covers(u) for u in (project.county_id, project.lead_unit_id, project.park_id)
        ):
            continue
        profile = getattr(project, "factor_profile", None)
        rows.append(
            DemandProject(
                project,
                project_value(project, profile),
                [totals[project.pk].get(f.pk) for f in factors],
                bool(profile and profile.must),
                bool(profile and profile.divisible),
            )
        )
    return rows
