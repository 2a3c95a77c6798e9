"""Writes of the factor app: quotas, demands, profiles, and allocation scenarios run and accepted."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu import jobs
from lantu.core.allocation import CLOCKS
from lantu.core.allocation_io import result_to_json, scenario_to_json
from lantu.core.allocation_score import parse_weights
from lantu.core.allocation_solve import solve
from lantu.factors.guarantees import accepted_scenario, held_from, next_version, uses_of
from lantu.factors.models import Demand, Efficiency, Factor, FactorProfile, Guarantee, Quota, Scenario
from lantu.factors.selectors import core_scenario, require_allocator
from lantu.jobs.models import Job
from lantu.orgs.access import Actor, actor_for
from lantu.orgs.models import OrgUnit
from lantu.projects.models import Project

MAX_GAP = 0.2
MAX_SECONDS = 600
MAX_CHURN = 10
MIN_YEAR, MAX_YEAR = 2000, 2100


@transaction.atomic
def quota_set(
    *, actor: Actor, factor: Factor, region: OrgUnit | None, year: int | None, amount: Decimal
) -> Quota:
    """Set a quota's amount, creating it when it does not exist yet."""
    require_allocator(actor)
    if amount < 0:
        raise ValidationError(_("A quota cannot be negative."))
    quota = Quota.objects.filter(factor=factor, region=region, year=year).first()
    if quota is None:
        return Quota.objects.create(factor=factor, region=region, year=year, amount=amount)
    quota.amount = amount
    quota.is_sample = False
    quota.save()
    return quota


@transaction.atomic
def demand_set(*, actor: Actor, project: Project, factor: Factor, year: int, amount: Decimal) -> Demand:
    """Set a project's demand of a factor in a year."""
    require_allocator(actor)
    if amount < 0:
        raise ValidationError(_("A demand cannot be negative."))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(_("The year must lie between 2000 and 2100."))
    demand, _created = Demand.objects.update_or_create(
        project=project, factor=factor, year=year, defaults={"amount": amount, "is_sample": False}
    )
    return demand


@transaction.atomic
def demand_remove(*, actor: Actor, demand: Demand) -> None:
    """Remove a project's demand of a factor in a year."""
    require_allocator(actor)
    demand.delete()


@transaction.atomic
def profile_set(
    *,
    actor: Actor,
    project: Project,
    value: Decimal | None,
    must: bool,
    divisible: bool,
    requires: tuple[Project, ...] = (),
    window: tuple[int | None, int | None] = (None, None),
) -> FactorProfile:
    """Set a project's value score, allocation flags and the window of years it may start in."""
    require_allocator(actor)
    earliest, latest = window
    if latest is not None and (earliest is None or latest < earliest):
        raise ValidationError(_("The latest start needs an earliest start no later than it."))
    if any(r.pk == project.pk for r in requires):
        raise ValidationError(_("A project cannot require itself."))
    if value is not None and value < 0:
        raise ValidationError(_("A value score cannot be negative."))
    profile, _created = FactorProfile.objects.update_or_create(
        project=project,
        defaults={
            "value": value,
            "must": must,
            "divisible": divisible,
            "earliest_start": earliest,
            "latest_start": latest,
            "is_sample": False,
        },
    )
    profile.requires.set(requires)
    return profile


def _run_check(
    *,
    actor: Actor,
    name: str,
    gap: float,
    time_limit: float = 30.0,
    clock: str = "cpu",
    weights: dict[str, float] | None = None,
    churn: float = 0.0,
) -> dict[str, float] | None:
    """Refuse a run's bad parameters; return its weights, checked."""
    require_allocator(actor)
    if not name.strip():
        raise ValidationError(_("Give the scenario a name."))
    if not 0 <= gap <= MAX_GAP:
        raise ValidationError(_("The gap must lie between 0 and 0.2."))
    if not 0 < time_limit <= MAX_SECONDS or clock not in CLOCKS:
        raise ValidationError(_("The time limit must lie between 1 and 600 seconds."))
    if weights is not None:
        weights, errors = parse_weights(weights)
        if errors:
            raise ValidationError(errors)
    if not 0 <= churn <= MAX_CHURN:
        raise ValidationError(_("The churn weight must lie between 0 and 10."))
    return weights


@transaction.atomic
def scenario_run(
    *,
    actor: Actor,
    name: str,
    now: datetime,
    year: int | None = None,
    gap: float = 0.001,
    time_limit: float = 30.0,
    clock: str = "cpu",
    weights: dict[str, float] | None = None,
    keep: bool = True,
    unlocked: tuple[str, ...] = (),
    churn: float = 0.0,
    note: str = "",
) -> Scenario:
    """Solve the allocation on the current quotas and demands and save it as a scenario.

    With `keep`, the projects funded by the accepted scenario keep their allocation (locked) unless
    listed in `unlocked` or keeping them is infeasible; `churn` values keeping the unlocked ones.
    """
    weights = _run_check(
        actor=actor, name=name, gap=gap, time_limit=time_limit, clock=clock, weights=weights, churn=churn
    )
    previous = held_from(accepted_scenario(), unlocked=set(unlocked)) if keep else {}
    model, meta = core_scenario(
        name=name.strip(), year=year, weights=weights, actor=actor, now=now, previous=previous, churn=churn
    )
    if not model.projects:
        raise ValidationError(_("No project has a factor demand yet; there is nothing to allocate."))
    result = solve(model, gap=gap, time_limit=time_limit, clock=clock)
    sample = Quota.objects.filter(is_sample=True).exists() or Demand.objects.filter(is_sample=True).exists()
    inputs = scenario_to_json(model) | {"meta": meta, "year": year, "gap": gap, "sample": sample}
    if weights is not None:
        inputs["scoring"] = {"weights": weights}
    if model.previous:
        inputs["previous"] = [
            {"id": code, "share": h.share, "start": h.start, "locked": h.locked}
            for code, h in model.previous.items()
        ]
        inputs["churn"] = churn
    output = result_to_json(result)
    return Scenario.objects.create(
        name=name.strip(),
        inputs=inputs,
        result=output,
        status=result.status,
        objective=result.objective,
        note=note,
        created_by_id=actor.user_id,
        created_at=now,
    )


def scenario_request(
    *,
    actor: Actor,
    name: str,
    now: datetime,
    year: int | None = None,
    gap: float = 0.001,
    note: str = "",
    **options,
) -> Scenario | Job:
    """Run the allocation now, or queue it as a job above LANTU_ALLOCATION_JOB_PROJECTS projects.

    `options` are scenario_run's (time_limit, clock, weights, keep, unlocked, churn).
    """
    _run_check(actor=actor, name=name, gap=gap, **{k: options[k] for k in RUN_CHECKED if k in options})
    model, _meta = core_scenario(name=name.strip(), year=year)
    if len(model.projects) <= settings.LANTU_ALLOCATION_JOB_PROJECTS:
        return scenario_run(actor=actor, name=name, now=now, year=year, gap=gap, note=note, **options)
    options["unlocked"] = list(options.get("unlocked", ()))
    return jobs.enqueue(
        "lantu.factors.services.scenario_job",
        title=_("Allocate factors: %(name)s") % {"name": name.strip()},
        kwargs={"user_id": actor.user_id, "name": name, "year": year, "gap": gap, "note": note} | options,
        user_id=actor.user_id,
        now=now,
    )


RUN_CHECKED = ("time_limit", "clock", "weights", "churn")


def scenario_job(
    *, progress, user_id: int, name: str, year: int | None, gap: float, note: str, **options
) -> dict:
    """Run a large allocation in the worker, as the person who asked for it."""
    actor = actor_for(get_user_model().objects.get(pk=user_id))
    progress.step(_("solving the allocation"), 0, 1)
    options["unlocked"] = tuple(options.get("unlocked", ()))
    options.setdefault("time_limit", 600.0)
    scenario = scenario_run(
        actor=actor, name=name, year=year, gap=gap, note=note, now=timezone.now(), **options
    )
    progress.step(_("saved"), 1, 1)
    return {"url": reverse("factors:scenario", args=[scenario.pk]), "scenario": scenario.pk}


@transaction.atomic
def scenario_accept(*, actor: Actor, scenario: Scenario, now: datetime) -> Scenario:
    """Accept a scenario as the allocation in force; a previously accepted one is released."""
    require_allocator(actor)
    if scenario.status == "infeasible":
        raise ValidationError(_("An infeasible scenario cannot be accepted."))
    for other in Scenario.objects.exclude(pk=scenario.pk).exclude(accepted_at=None):
        other.accepted_at = None
        other.accepted_by = None
        other.save()
    scenario.accepted_by_id = actor.user_id
    scenario.accepted_at = now
    scenario.save()
    _guarantees_write(scenario, now)
    return scenario


def _guarantees_write(scenario: Scenario, now: datetime) -> None:
    """Supersede the factor guarantees in force and write the accepted scenario's as the next version."""
    version = next_version()
    for old in Guarantee.objects.filter(superseded_at=None):
        old.superseded_at = now
        old.save()
    factors = {f.code: f for f in Factor.objects.all()}
    pks = {code: item["pk"] for code, item in scenario.inputs.get("meta", {}).items()}
    for code, factor, year, amount, start, share in uses_of(scenario):
        if code not in pks or factor not in factors:
            continue
        Guarantee.objects.create(
            project_id=pks[code],
            factor=factors[factor],
            year=year,
            amount=Decimal(str(round(amount, 4))),
            start_year=start,
            share=share,
            scenario=scenario,
            version=version,
            created_at=now,
        )


EFFICIENCY_FIELDS = ("tax_per_mu", "output_per_mu", "value_added_per_tce", "jobs", "annual_tax")


@transaction.atomic
def efficiency_set(*, actor: Actor, project: Project, facts: dict) -> Efficiency:
    """Set what a project yields (亩均税收, 亩均产值, value added per tonne of coal, jobs, tax)."""
    require_allocator(actor)
    values = {key: facts.get(key) for key in EFFICIENCY_FIELDS}
    if any(value is not None and value < 0 for value in values.values()):
        raise ValidationError(_("Efficiency figures cannot be negative."))
    efficiency, _created = Efficiency.objects.update_or_create(
        project=project, defaults=values | {"is_sample": False}
    )
    return efficiency
