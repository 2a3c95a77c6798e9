"""Reads of the decisions in force: the accepted allocation, guarantees per project, the quota ledger."""

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from lantu.core.allocation import Held
from lantu.factors.models import Factor, Guarantee, Quota, Scenario
from lantu.factors.selectors import covered_by, region_label
from lantu.orgs.access import Actor, require_reader
from lantu.projects.models import Project


def accepted_scenario() -> Scenario | None:
    """Return the scenario in force, if any."""
    return Scenario.objects.exclude(accepted_at=None).order_by("-accepted_at").first()


def held_from(scenario: Scenario | None, *, unlocked: Collection[str] = frozenset()) -> dict[str, Held]:
    """Return what the accepted scenario funded: locked, except the projects the planner unlocks."""
    if scenario is None:
        return {}
    return {
        item["id"]: Held(float(item["share"]), item.get("start"), item["id"] not in unlocked)
        for item in scenario.result.get("selected", [])
    }


def uses_of(scenario: Scenario) -> list[tuple[str, str, int, float, int | None, float]]:
    """Return (project code, factor, year, amount, start year, share) of every funded project's use."""
    demands = {p["id"]: p["demands"] for p in scenario.inputs.get("projects", [])}
    rows = []
    for item in scenario.result.get("selected", []):
        share = float(item["share"])
        if "use" in item:
            uses = [(u["factor"], u["year"], u["amount"]) for u in item["use"]]
        else:
            uses = [(d["factor"], d["year"], share * d["amount"]) for d in demands.get(item["id"], [])]
        rows += [(item["id"], f, y, a, item.get("start"), share) for f, y, a in uses if a > 0]
    return rows


def next_version() -> int:
    """Return the version number the next accepted allocation's guarantees take."""
    return (Guarantee.objects.aggregate(top=Max("version"))["top"] or 0) + 1


@dataclass(frozen=True)
class ProjectGuarantee:
    """A project's factor guarantee in force, by year, and the versions before it."""

    project: Project
    rows: list[Guarantee]
    history: list[Guarantee]

    @property
    def version(self) -> int | None:
        """Return the version in force."""
        return self.rows[0].version if self.rows else None

    @property
    def scenario(self) -> Scenario | None:
        """Return the accepted scenario the guarantee comes from."""
        return self.rows[0].scenario if self.rows else None


def project_guarantee(*, actor: Actor, project: Project) -> ProjectGuarantee:
    """Return a project's factor guarantee (要素保障计划) in force and the superseded versions."""
    require_reader(actor)
    rows = list(
        Guarantee.objects.filter(project=project)
        .select_related("factor", "scenario")
        .order_by("year", "factor__order")
    )
    return ProjectGuarantee(
        project,
        [g for g in rows if g.superseded_at is None],
        sorted((g for g in rows if g.superseded_at is not None), key=lambda g: (-g.version, g.year)),
    )


@dataclass(frozen=True)
class LedgerRow:
    """One quota: allocated by the guarantees in force, and what remains."""

    factor: Factor
    region: str
    year: int | None
    quota: Decimal
    allocated: Decimal
    projects: int

    @property
    def remaining(self) -> Decimal:
        """Return what is left of the quota (negative: over-allocated)."""
        return self.quota - self.allocated


def ledger_rows(*, actor: Actor) -> list[LedgerRow]:
    """Return the quota ledger: per region, factor and year, 已分配 and 剩余 under the guarantees in force."""
    require_reader(actor)
    in_force = list(
        Guarantee.objects.filter(superseded_at=None).values_list(
            "factor_id", "year", "amount", "project_id", "project__county_id", "project__park_id"
        )
    )
    rows = []
    for quota in Quota.objects.select_related("factor", "region").order_by("factor__order", "region", "year"):
        total, projects = covered_by(quota, in_force)
        rows.append(
            LedgerRow(quota.factor, region_label(quota.region), quota.year, quota.amount, total, projects)
        )
    return rows


def guarantees_in_force(*, actor: Actor, year: int | None = None) -> list[Guarantee]:
    """Return every project's factor guarantee in force (for the monthly bulletin), by project and year."""
    require_reader(actor)
    rows = Guarantee.objects.filter(superseded_at=None).select_related("project", "factor", "scenario")
    if year is not None:
        rows = rows.filter(year=year)
    return list(rows.order_by("project__code", "year", "factor__order"))
