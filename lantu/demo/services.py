"""Load the Changji demo: cited facts, sample data and (demo installs only) the demo users."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from lantu.core.periods import parse_period
from lantu.core.units import yi_to_wan
from lantu.demo import clusters, indicators, model_prefecture, plan_fyp15, projects, sample, sources, units
from lantu.demo.alignment import alignment_load
from lantu.demo.contributions import contributions_load
from lantu.demo.dispatch import dispatch_load, task_reports_load
from lantu.demo.factors import factors_load
from lantu.demo.facts import Fact, ItemFact
from lantu.demo.frames import frames_load
from lantu.demo.locations import sample_location
from lantu.demo.procedures import procedures_load, sample_national_code
from lantu.demo.splits import splits_load
from lantu.demo.supervision import supervision_load
from lantu.demo.sync import prune, sync_m2m, sync_rows
from lantu.demo.users import demo_users_load
from lantu.demo.vintages import adjust_targets, vintages_load
from lantu.dispatch import kept
from lantu.dispatch.models import ProgressReport
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Alignment, Cluster, Plan, PlanItem
from lantu.projects.models import AnnualPlan, Contribution, Project
from lantu.sources.models import SourceDocument
from lantu.supervision.models import SupervisionOrder

PLANS = (plan_fyp15.FYP15, model_prefecture.MODEL_PREFECTURE)
ITEMS = plan_fyp15.ITEMS + model_prefecture.ITEMS


@dataclass(frozen=True)
class DemoSummary:
    """What the demo holds after loading."""

    counts: dict[str, int]
    users: tuple[str, ...]


@dataclass
class _Loaded:
    """Objects loaded so far, by their natural keys."""

    sources: dict[str, SourceDocument]
    units: dict[str, OrgUnit]
    clusters: dict[str, Cluster]
    plans: dict[str, Plan]
    items: dict[tuple[str, str], PlanItem]


def _cited(fact: Fact, docs: dict[str, SourceDocument]) -> dict[str, Any]:
    fields = fact.cited_fields()
    code = fields.pop("source_code")
    fields["source_id"] = docs[code].pk if code else None
    return fields


def _by_code(objs: dict[tuple[Any, ...], Any]) -> dict[Any, Any]:
    return {key[-1]: obj for key, obj in objs.items()}


def _load_sources(now: datetime) -> dict[str, SourceDocument]:
    rows = [
        {
            "code": s.code,
            "title": s.title,
            "publisher": s.publisher,
            "published_on": s.published_on,
            "filename": s.filename,
        }
        for s in sources.SOURCES
    ]
    codes = [s.code for s in sources.SOURCES]
    scope = SourceDocument.objects.filter(code__in=codes)
    return _by_code(sync_rows(SourceDocument, rows, key=("code",), scope=scope, now=now))


def _load_units(docs: dict[str, SourceDocument], now: datetime) -> dict[str, OrgUnit]:
    scope = OrgUnit.objects.filter(code__in=[u.code for u in units.UNITS])
    loaded: dict[str, OrgUnit] = {}
    # Parents first: the prefecture, then the units below it.
    for batch in ([u for u in units.UNITS if u.parent is None], [u for u in units.UNITS if u.parent]):
        rows = [
            {
                "code": u.code,
                "name": u.name,
                "short_name": u.short_name,
                "kind": u.kind,
                "order": u.order,
                "parent_id": loaded[u.parent].pk if u.parent else None,
                **_cited(u, docs),
            }
            for u in batch
        ]
        loaded |= _by_code(sync_rows(OrgUnit, rows, key=("code",), scope=scope, now=now))
    return loaded


def _load_clusters(docs: dict[str, SourceDocument], now: datetime) -> dict[str, Cluster]:
    rows = [
        {"code": c.code, "name": c.name, "tier": c.tier, "order": c.order, **_cited(c, docs)}
        for c in clusters.CLUSTERS
    ]
    scope = Cluster.objects.filter(code__in=[c.code for c in clusters.CLUSTERS])
    return _by_code(sync_rows(Cluster, rows, key=("code",), scope=scope, now=now))


def _load_plans(
    docs: dict[str, SourceDocument], unit_map: dict[str, OrgUnit], now: datetime
) -> dict[str, Plan]:
    rows = [
        {
            "code": p.code,
            "name": p.name,
            "short_name": p.short_name,
            "kind": p.kind,
            "start_year": p.start_year,
            "end_year": p.end_year,
            "baseline_year": p.baseline_year,
            "owner_id": unit_map[p.owner].pk,
            "parent_id": None,
            "summary": p.summary,
            "order": p.order,
            **_cited(p, docs),
        }
        for p in PLANS
    ]
    scope = Plan.objects.filter(code__in=[p.code for p in PLANS])
    return _by_code(sync_rows(Plan, rows, key=("code",), scope=scope, now=now))


def _item_row(fact: ItemFact, order: int, done: _Loaded) -> dict[str, Any]:
    plan = done.plans[fact.plan]
    parent = done.items[(fact.plan, fact.parent_code)] if fact.parent_code else None
    return {
        "plan_id": plan.pk,
        "code": fact.code,
        "parent_id": parent.pk if parent else None,
        "level": fact.level,
        "title": fact.title,
        "description": fact.description,
        "lead_unit_id": done.units[fact.lead].pk,
        "deadline": fact.deadline,
        "order": order,
        **_cited(fact, done.sources),
    }


def _load_items(done: _Loaded, now: datetime) -> None:
    scope = PlanItem.objects.filter(plan__in=done.plans.values())
    order = {(f.plan, f.code): n for n, f in enumerate(ITEMS, start=1)}
    for depth in range(max(f.depth for f in ITEMS) + 1):
        rows = [_item_row(f, order[(f.plan, f.code)], done) for f in ITEMS if f.depth == depth]
        loaded = sync_rows(PlanItem, rows, key=("plan_id", "code"), scope=scope, now=now)
        codes = {p.pk: code for code, p in done.plans.items()}
        done.items |= {(codes[plan_id], code): item for (plan_id, code), item in loaded.items()}
    prune(scope, done.items.values())
    items = list(done.items.values())
    by_key = {key: done.items[key].pk for key in done.items}
    sync_m2m(
        items,
        "clusters",
        {by_key[(f.plan, f.code)]: {done.clusters[c].pk for c in f.clusters} for f in ITEMS},
    )
    sync_m2m(
        items,
        "partner_units",
        {by_key[(f.plan, f.code)]: {done.units[u].pk for u in f.partners} for f in ITEMS},
    )


def _load_indicators(done: _Loaded, now: datetime) -> dict[str, Indicator]:
    plan = done.plans[plan_fyp15.PLAN]
    rows = [
        {
            "plan_id": plan.pk,
            "code": f.code,
            "name": f.name,
            "unit": f.unit,
            "attribute": f.attribute,
            "direction": f.direction,
            "responsible_unit_id": done.units[f.responsible].pk,
            "data_source": f.data_source,
            "frequency": f.frequency,
            "baseline_year": f.baseline_year,
            "baseline_value": f.baseline_value,
            "target_kind": f.target_kind,
            "target_year": f.target_year,
            "target_value": f.target_value,
            "target_rate": f.target_rate,
            "is_headline": f.headline,
            "note": f.note,
            "order": f.order,
            **_cited(f, done.sources),
        }
        for f in indicators.INDICATORS
    ]
    adjust_targets(rows)  # an indicator holds its newest target version: demo/vintages.py
    scope = Indicator.objects.filter(plan=plan, split_of__isnull=True)  # shares: demo/splits.py
    loaded = _by_code(sync_rows(Indicator, rows, key=("plan_id", "code"), scope=scope, now=now))
    prune(scope, loaded.values())
    sync_m2m(
        loaded.values(),
        "items",
        {
            loaded[f.code].pk: {done.items[(plan.code, code)].pk for code in f.items}
            for f in indicators.INDICATORS
        },
    )
    return loaded


def _observation_rows(done: _Loaded, loaded: dict[str, Indicator]) -> list[dict[str, Any]]:
    rows = []
    for fact in indicators.INDICATORS:
        indicator = loaded[fact.code]
        common = {
            "indicator_id": indicator.pk,
            "entered_by_id": None,
            "reviewed_by_id": None,
            "return_reason": "",
        }
        for obs in fact.observations:
            rows.append(
                {
                    **common,
                    "period": obs.period,
                    "period_end": parse_period(obs.period).end,
                    "value": obs.value,
                    "state": obs.state,
                    "data_source": fact.data_source,
                    "note": obs.note,
                    **_cited(obs, done.sources),
                }
            )
        for gen in sample.generated_observations(fact):
            rows.append(
                {
                    **common,
                    "period": gen.period,
                    "period_end": parse_period(gen.period).end,
                    "value": gen.value,
                    "state": gen.state,
                    "data_source": fact.data_source,
                    "note": gen.note,
                    "source_id": None,
                    "source_quote": "",
                    "is_sample": True,
                    "sample_fields": [],
                }
            )
    return rows


def _load_observations(done: _Loaded, loaded: dict[str, Indicator], now: datetime) -> None:
    scope = Observation.objects.filter(indicator__in=loaded.values(), vintage=Observation.Vintage.PRELIMINARY)
    kept = sync_rows(
        Observation, _observation_rows(done, loaded), key=("indicator_id", "period"), scope=scope, now=now
    )
    prune(scope, kept.values())


def _load_projects(done: _Loaded, now: datetime) -> dict[str, Project]:
    rows = []
    for f in projects.PROJECTS:
        rows.append(
            {
                "code": f.code,
                "name": f.name,
                "plan_id": done.plans[f.plan].pk if f.plan else None,
                "county_id": done.units[f.county].pk,
                "park_id": done.units[f.park].pk if f.park else None,
                "lead_unit_id": done.units[f.lead].pk,
                "cluster_id": done.clusters[f.cluster].pk if f.cluster else None,
                "stage": f.stage,
                "total_investment": yi_to_wan(f.total_yi) if f.total_yi is not None else None,
                "start_year": f.start_year,
                "end_year": f.end_year,
                "description": f.description,
                **_cited(f, done.sources),
            }
        )
        # A sample national project code (项目代码) of the county's division, shown as 示例数据.
        rows[-1]["national_code"] = sample_national_code(f.code, f.county, f.start_year)
        rows[-1]["sample_fields"] = [*rows[-1]["sample_fields"], "national_code"]
        # A sample location inside the county, for the project map (项目一张图).
        location = sample_location(f.code, done.units[f.county].name)
        if location is not None:
            rows[-1]["latitude"], rows[-1]["longitude"] = location
            rows[-1]["sample_fields"] = [*rows[-1]["sample_fields"], "latitude", "longitude"]
    scope = Project.objects.filter(code__in=[f.code for f in projects.PROJECTS])
    loaded = _by_code(sync_rows(Project, rows, key=("code",), scope=scope, now=now))
    sync_m2m(
        loaded.values(),
        "items",
        {
            loaded[f.code].pk: {done.items[(f.plan, code)].pk for code in f.items}
            for f in projects.PROJECTS
            if f.plan
        },
    )
    return loaded


def _load_investment(done: _Loaded, loaded: dict[str, Project], now: datetime) -> None:
    plans: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    sample_marks = {"source_id": None, "source_quote": "", "is_sample": True, "sample_fields": []}
    for index, f in enumerate(projects.PROJECTS):
        project = loaded[f.code]
        for cited in f.annual_plans:
            plans.append(
                {
                    "project_id": project.pk,
                    "year": cited.year,
                    "planned_investment": yi_to_wan(cited.yi),
                    **_cited(cited, done.sources),
                }
            )
        if f.plan_2026_yi is not None:
            plans.append(
                {
                    "project_id": project.pk,
                    "year": sample.DEMO_YEAR,
                    "planned_investment": yi_to_wan(f.plan_2026_yi),
                    **sample_marks,
                }
            )
        for r in sample.generated_reports(f, index):
            reports.append(
                {
                    "project_id": project.pk,
                    "period": r.period,
                    "completed_investment": r.completed,
                    "cumulative_investment": r.cumulative,
                    "physical_progress": r.progress,
                    "narrative": r.narrative,
                    "state": r.state,
                    "entered_by_id": None,
                    **sample_marks,
                }
            )
    plan_scope = AnnualPlan.objects.filter(project__in=loaded.values())
    prune(
        plan_scope,
        sync_rows(AnnualPlan, plans, key=("project_id", "year"), scope=plan_scope, now=now).values(),
    )
    report_scope = ProgressReport.objects.filter(project__in=loaded.values())
    kept = sync_rows(ProgressReport, reports, key=("project_id", "period"), scope=report_scope, now=now)
    prune(report_scope, kept.values())


def _counts(done: _Loaded, loaded_projects: Iterable[Project]) -> dict[str, int]:
    """Count what the demo holds, the special and county plans aligned to its plans included."""
    plans = Plan.objects.filter(
        Q(pk__in=[p.pk for p in done.plans.values()]) | Q(parent__in=done.plans.values())
    )
    inds, projs = Indicator.objects.filter(plan__in=plans), list(loaded_projects)
    return {
        "source documents": len(done.sources),
        "org units": len(done.units),
        "clusters": len(done.clusters),
        "plans": plans.count(),
        "plan items": PlanItem.objects.filter(plan__in=plans).count(),
        "indicators": inds.count(),
        "of them target shares": inds.filter(split_of__isnull=False).count(),
        "observations": Observation.objects.filter(indicator__in=inds).count(),
        "projects": len(projs),
        "annual plans": AnnualPlan.objects.filter(project__in=projs).count(),
        "progress reports": ProgressReport.objects.filter(project__in=projs).count(),
        "project contributions": Contribution.objects.filter(project__in=projs).count(),
        "plan alignments": Alignment.objects.filter(target__plan__in=plans).count(),
        "supervision orders": SupervisionOrder.objects.filter(
            Q(project__in=projs) | Q(item__plan__in=plans) | Q(problem__project__in=projs)
        ).count(),
    }


@transaction.atomic
def demo_load(*, now: datetime) -> DemoSummary:
    """Load or refresh the Changji demo; running it again changes nothing.

    Demo users are created only when settings.DEMO is on. `now` dates the audit-trail records.
    """
    with kept.groups_recounted_after():
        summary = _demo_load(now)
    kept.rebuild()  # the reports were written in bulk, past the refresh on save; the groups recounted once
    return summary


def _demo_load(now: datetime) -> DemoSummary:
    docs = _load_sources(now)
    unit_map = _load_units(docs, now)
    done = _Loaded(docs, unit_map, _load_clusters(docs, now), _load_plans(docs, unit_map, now), {})
    _load_items(done, now)
    loaded_indicators = _load_indicators(done, now)
    _load_observations(done, loaded_indicators, now)
    loaded_projects = _load_projects(done, now)
    _load_investment(done, loaded_projects, now)
    dispatch_load(now=now, units=unit_map)
    task_reports_load(now=now)
    procedures_load(now=now, units=unit_map)
    factors_load(now=now, units=unit_map)
    alignment_load(now=now, units=unit_map)
    splits_load(now=now, units=unit_map)
    contributions_load(now=now)
    vintages_load(now=now)
    frames_load(now=now, units=unit_map)
    users = demo_users_load(units=unit_map) if settings.DEMO else ()
    supervision_load(now=now, units=unit_map)  # after the users: the orders name who issued them
    return DemoSummary(_counts(done, loaded_projects.values()), users)
