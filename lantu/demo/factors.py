"""Sample factor quotas and demands for the Changji projects (the source texts give none).

Everything here is generated from a fixed seed and flagged as sample data. Quotas are set against
the generated demand so that some factors are short (land in 昌吉市 and 准东, energy and special bonds
in 2026) and the allocation has a real trade-off to settle.
"""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from random import Random

from lantu.demo.sample import SEED
from lantu.demo.sync import prune, sync_m2m, sync_rows
from lantu.factors.models import Demand, Efficiency, Factor, FactorProfile, Quota
from lantu.orgs.models import OrgUnit
from lantu.projects.models import Project

YEARS = (2026, 2027)
# code, name, kind, unit, demand per 亿元 of investment (low, high)
FACTORS = (
    ("land", "新增建设用地", "land", "亩", (3.0, 9.0)),
    ("energy", "能耗", "energy", "万吨标准煤", (0.05, 0.4)),
    ("bond", "专项债", "funds", "亿元", (0.02, 0.08)),
    ("central", "中央预算内投资", "funds", "亿元", (0.005, 0.03)),
    ("water", "用水", "water", "万立方米", (1.0, 6.0)),
)
WANTING = ("reserve", "preparation", "new", "continuing")
# Quota as a share of the demand it covers: below 1 means the factor is short there.
LAND_SHARE = {"changji-city": 0.55, "zhundong": 0.6}
PREFECTURE_SHARE = {("energy", 2026): 0.7, ("bond", 2026): 0.65, ("central", None): 0.8}
MUST = ("ZD-001", "CJ-005")
DIVISIBLE = ("JT-101", "HT-102", "MN-104")
REQUIRES = {"ZD-004": ("ZD-003",), "CJ-003": ("CJ-001",)}


def _round(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _demands(project: Project) -> dict[tuple[str, int], Decimal]:
    rng = Random(f"{SEED}-factors-{project.code}")
    investment = float(project.total_investment or 100000) / 10000
    size = min(investment, 300.0)
    first = 2026 if project.stage in ("new", "continuing") else rng.choice(YEARS)
    out = {}
    for code, _name, _kind, _unit, (low, high) in FACTORS:
        if code == "energy" and project.cluster_id is None:
            continue
        if code == "central" and rng.random() < 0.6:
            continue
        total = size * rng.uniform(low, high)
        if project.stage == "continuing" and code == "land":
            total *= 0.3
        years = [first] if first == 2027 or rng.random() < 0.5 else list(YEARS)
        for year in years:
            out[(code, year)] = _round(total / len(years))
    return out


def factors_load(*, now: datetime, units: dict[str, OrgUnit]) -> None:
    """Load sample factors, project demands, allocation profiles and quotas."""
    factors = sync_rows(
        Factor,
        [
            {
                "code": code,
                "name": name,
                "kind": kind,
                "unit": unit,
                "order": n,
                "carry_over": kind in ("land", "funds"),
                "is_sample": True,
            }
            for n, (code, name, kind, unit, _r) in enumerate(FACTORS)
        ],
        key=("code",),
        scope=Factor.objects.all(),
        now=now,
    )
    factor = {key[0]: obj for key, obj in factors.items()}
    projects = list(
        Project.objects.filter(stage__in=WANTING).select_related("county", "park").order_by("code")
    )
    rows, covered = [], defaultdict(Decimal)
    must_use = defaultdict(Decimal)
    for project in projects:
        for (code, year), amount in _demands(project).items():
            rows.append(
                {
                    "project_id": project.pk,
                    "factor_id": factor[code].pk,
                    "year": year,
                    "amount": amount,
                    "is_sample": True,
                }
            )
            regions = [None, project.county.code] + ([project.park.code] if project.park_id else [])
            for region in regions:
                for y in (year, None):
                    covered[(code, region, y)] += amount
                    if project.code in MUST:
                        must_use[(code, region, y)] += amount
    scope = Demand.objects.filter(project__in=projects)
    kept = sync_rows(Demand, rows, key=("project_id", "factor_id", "year"), scope=scope, now=now)
    prune(Demand.objects.filter(is_sample=True), kept.values())
    _quotas(factor, units, covered, must_use, now)
    _profiles(projects, now)
    _efficiencies(projects, now)


def _quotas(factor, units, covered, must_use, now) -> None:
    rows = []

    def add(code: str, region: str | None, year: int | None, share: float) -> None:
        amount = max(
            float(covered[(code, region, year)]) * share, float(must_use[(code, region, year)]) * 1.1
        )
        rows.append(
            {
                "factor_id": factor[code].pk,
                "region_id": units[region].pk if region else None,
                "year": year,
                "amount": _round(amount),
                "is_sample": True,
            }
        )

    counties = sorted(
        {region for (code, region, _y) in covered if region and region in units and code == "land"}
    )
    for region in counties:
        add("land", region, 2026, LAND_SHARE.get(region, 1.15))
    add("land", None, 2027, 0.9)
    for (code, year), share in PREFECTURE_SHARE.items():
        add(code, None, year, share)
    add("energy", None, 2027, 1.1)
    add("energy", "zhundong", 2026, 0.75)
    add("bond", None, 2027, 1.05)
    add("water", None, None, 1.2)
    kept = sync_rows(
        Quota,
        rows,
        key=("factor_id", "region_id", "year"),
        scope=Quota.objects.filter(is_sample=True),
        now=now,
    )
    prune(Quota.objects.filter(is_sample=True), kept.values())


def _profiles(projects: list[Project], now: datetime) -> None:
    by_code = {p.code: p for p in projects}
    # Projects still in preparation may start in 2026 or a year later: the allocation may defer them.
    deferrable = {p.code for p in projects if p.stage in ("preparation", "reserve") and p.code not in MUST}
    rows = [
        {
            "project_id": p.pk,
            "value": None,
            "must": p.code in MUST,
            "divisible": p.code in DIVISIBLE,
            "earliest_start": 2026 if p.code in deferrable else None,
            "latest_start": 2027 if p.code in deferrable else None,
            "is_sample": True,
        }
        for p in projects
        if p.code in MUST or p.code in DIVISIBLE or p.code in REQUIRES or p.code in deferrable
    ]
    kept = sync_rows(
        FactorProfile, rows, key=("project_id",), scope=FactorProfile.objects.filter(is_sample=True), now=now
    )
    prune(FactorProfile.objects.filter(is_sample=True), kept.values())
    wanted = {
        profile.pk: {by_code[r].pk for r in REQUIRES.get(profile.project.code, ()) if r in by_code}
        for profile in kept.values()
    }
    sync_m2m(list(kept.values()), "requires", wanted)


def _efficiencies(projects: list[Project], now: datetime) -> None:
    """Give most projects sample efficiency facts; some lack one, which the scoring shows as missing."""
    rows = []
    for project in projects:
        rng = Random(f"{SEED}-efficiency-{project.code}")
        investment = float(project.total_investment or 100000) / 10000

        def maybe(value: float, rng: Random = rng) -> Decimal | None:
            return None if rng.random() < 0.12 else _round(value)

        jobs = None if rng.random() < 0.12 else int(investment * rng.uniform(2, 12))
        rows.append(
            {
                "project_id": project.pk,
                "tax_per_mu": maybe(rng.uniform(5, 60)),
                "output_per_mu": maybe(rng.uniform(100, 900)),
                "value_added_per_tce": maybe(rng.uniform(0.2, 3.0)),
                "jobs": jobs,
                "annual_tax": maybe(investment * rng.uniform(100, 800)),
                "is_sample": True,
            }
        )
    kept = sync_rows(
        Efficiency, rows, key=("project_id",), scope=Efficiency.objects.filter(is_sample=True), now=now
    )
    prune(Efficiency.objects.filter(is_sample=True), kept.values())
