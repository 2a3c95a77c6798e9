"""Reads of saved allocation scenarios: the list, one result as the actor may see it, reports, comparisons."""

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lantu.factors.models import Scenario
from lantu.factors.selectors import PREFECTURE
from lantu.orgs.access import Actor, require_reader


def scenario_list(*, actor: Actor) -> list[Scenario]:
    """Return the saved scenarios, newest first."""
    require_reader(actor)
    return list(Scenario.objects.select_related("created_by", "accepted_by"))


def scenario_get(*, actor: Actor, pk: int) -> Scenario:
    """Return one scenario, or raise Http404."""
    require_reader(actor)
    return get_object_or_404(Scenario.objects.select_related("created_by", "accepted_by"), pk=pk)


def visible_codes(*, actor: Actor, scenario: Scenario) -> set[str] | None:
    """Return the project codes whose results the actor may see; None means all of them."""
    if actor.is_admin or actor.is_planner or actor.is_leader:
        return None
    meta = scenario.inputs.get("meta", {})
    return {code for code, item in meta.items() if any(actor.covers(u) for u in item.get("units", []))}


def visible_lines(lines: list[dict], visible: set[str] | None) -> list[dict]:
    """Return a reason's lines without the names of projects outside the actor's view."""
    if visible is None:
        return list(lines)
    shown = []
    for line in lines:
        if line.get("kind") == "forced":
            line = {k: v for k, v in line.items() if k not in ("pushed", "pushed_text")}
        shown.append(line)
    return shown


def visible_reason(item: dict, visible: set[str] | None) -> str:
    """Return a reason for the actor: rebuilt from its lines when other projects' names must not show."""
    if visible is None or not item.get("reason_lines"):
        return item["reason"]
    return "；".join(line["text"] for line in visible_lines(item["reason_lines"], visible)) + "。"


def visible_conflicts(inputs: dict, conflicts: list[dict], visible: set[str] | None) -> list[dict]:
    """Return the conflicts the actor may read; others' project names are replaced by a count."""
    if visible is None:
        return list(conflicts)
    factors = {f["code"]: f for f in inputs.get("factors", [])}
    shown = []
    for conflict in conflicts:
        own = [code for code in conflict["projects"] if code in visible]
        if not own:
            continue
        factor = factors.get(conflict["factor"], {})
        year = conflict["year"] if conflict["year"] is not None else _("whole period")
        reason = _(
            "%(region)s %(year)s %(factor)s quota of %(amount)s %(unit)s is overrun by %(short)s %(unit)s "
            "by must-fund projects: %(own)s of your unit and %(others)d of other units."
        ) % {
            "region": conflict["region"] or PREFECTURE,
            "year": year,
            "factor": factor.get("name", conflict["factor"]),
            "amount": conflict["amount"],
            "unit": factor.get("unit", ""),
            "short": conflict["short"],
            "own": "、".join(own),
            "others": len(conflict["projects"]) - len(own),
        }
        shown.append(conflict | {"projects": own, "reason": reason})
    return shown


def result_for(*, actor: Actor, scenario: Scenario) -> dict:
    """Return a scenario's result in the `lantu allocate` contract, limited to what the actor may see."""
    require_reader(actor)
    visible = visible_codes(actor=actor, scenario=scenario)
    result = dict(scenario.result)
    if visible is None:
        return result
    result["selected"] = [item for item in result.get("selected", []) if item["id"] in visible]
    for key in ("excluded", "partial"):
        result[key] = [
            item
            | {
                "reason": visible_reason(item, visible),
                "reason_lines": visible_lines(item.get("reason_lines", []), visible),
            }
            for item in result.get(key, [])
            if item["id"] in visible
        ]
    result["conflicts"] = visible_conflicts(scenario.inputs, result.get("conflicts", []), visible)
    if "moves" in result:
        result["moves"] = visible_moves(result["moves"], visible)
    return result


def visible_moves(moves: list[dict], visible: set[str] | None) -> list[dict]:
    """Return the moves of the actor's own projects; a reason naming others is cut to its first clause."""
    if visible is None:
        return list(moves)
    return [m | {"reason": m["reason"].split("：")[0]} for m in moves if m["id"] in visible]


@dataclass(frozen=True)
class ProjectRow:
    """One project in a scenario's result."""

    code: str
    name: str
    region: str
    value: float
    share: float
    reason: str
    pk: int | None
    must: bool
    lines: tuple[dict, ...] = ()
    score: dict | None = None  # total, text (criterion by criterion), missing, own_value
    start: int | None = None  # the start year chosen, phased scenarios


@dataclass(frozen=True)
class QuotaRow:
    """One quota's use in a scenario."""

    factor: str
    unit: str
    region: str
    year: int | None
    amount: float
    used: float
    binding: bool
    carried_in: float = 0.0

    @property
    def ratio(self) -> float | None:
        """Return the used share in percent."""
        return self.used / self.amount * 100 if self.amount else None


@dataclass(frozen=True)
class ScenarioReport:
    """A scenario's result laid out for reading, limited to what the actor may see."""

    scenario: Scenario
    selected: list[ProjectRow]
    excluded: list[ProjectRow]
    quotas: list[QuotaRow]
    conflicts: list[dict]
    limited: bool
    moves: list[dict] = field(default_factory=list)

    def row(self, code: str) -> ProjectRow | None:
        """Return a project's row, selected or excluded."""
        return next((r for r in self.selected + self.excluded if r.code == code), None)


def scenario_report(*, actor: Actor, scenario: Scenario) -> ScenarioReport:
    """Return the scenario's selected and excluded projects with reasons, and its quota use."""
    require_reader(actor)
    inputs, result = scenario.inputs, scenario.result
    visible = visible_codes(actor=actor, scenario=scenario)
    meta = inputs.get("meta", {})
    projects = {p["id"]: p for p in inputs.get("projects", [])}
    shares = {item["id"]: item["share"] for item in result.get("selected", [])}
    starts = {item["id"]: item["start"] for item in result.get("selected", []) if "start" in item}
    explained = result.get("excluded", []) + result.get("partial", [])
    reasons = {item["id"]: visible_reason(item, visible) for item in explained}
    lines = {item["id"]: visible_lines(item.get("reason_lines", []), visible) for item in explained}

    def row(code: str) -> ProjectRow:
        project = projects.get(code, {})
        return ProjectRow(
            code,
            project.get("name", code),
            project.get("region", ""),
            project.get("value", 0.0),
            shares.get(code, 0.0),
            reasons.get(code, ""),
            meta.get(code, {}).get("pk"),
            project.get("must", False),
            tuple(lines.get(code, ())),
            meta.get(code, {}).get("score"),
            starts.get(code),
        )

    codes = [code for code in projects if visible is None or code in visible]
    factors = {f["code"]: f for f in inputs.get("factors", [])}
    quotas = [
        QuotaRow(
            factors.get(q["factor"], {}).get("name", q["factor"]),
            factors.get(q["factor"], {}).get("unit", ""),
            q["region"] or PREFECTURE,
            q["year"],
            q["amount"],
            q["used"],
            q["binding"],
            q.get("carried_in", 0.0),
        )
        for q in result.get("quotas", [])
    ]
    return ScenarioReport(
        scenario=scenario,
        selected=[row(c) for c in codes if shares.get(c, 0) > 0],
        excluded=[row(c) for c in codes if shares.get(c, 0) <= 0],
        quotas=quotas,
        conflicts=visible_conflicts(inputs, result.get("conflicts", []), visible),
        limited=visible is not None,
        moves=visible_moves(result.get("moves", []), visible),
    )


@dataclass(frozen=True)
class Move:
    """A project whose share differs between two scenarios."""

    code: str
    name: str
    before: float
    after: float
    value: float
    pk: int | None = None
    reason: str = ""

    @property
    def value_change(self) -> float:
        """Return the value the move gains (positive) or gives up."""
        return (self.after - self.before) * self.value


def scenario_compare(*, actor: Actor, first: Scenario, second: Scenario) -> dict:
    """Return what moved between two scenarios and what it cost in value and in quota use."""
    a = scenario_report(actor=actor, scenario=first)
    b = scenario_report(actor=actor, scenario=second)
    rows_a = {r.code: r for r in a.selected + a.excluded}
    rows_b = {r.code: r for r in b.selected + b.excluded}
    moves = []
    for code in sorted(set(rows_a) | set(rows_b)):
        before = rows_a[code].share if code in rows_a else 0.0
        after = rows_b[code].share if code in rows_b else 0.0
        if abs(before - after) > 1e-6:
            source = rows_b.get(code) or rows_a[code]
            # Who left says why in B; who entered says what held it back in A.
            why = rows_b.get(code) if after < before else rows_a.get(code)
            reason = why.reason if why is not None else ""
            moves.append(Move(code, source.name, before, after, source.value, source.pk, reason))
    uses_a = {(q.factor, q.region, q.year): q for q in a.quotas}
    quota_changes = [(q, uses_a.get((q.factor, q.region, q.year))) for q in b.quotas]
    return {
        "first": a,
        "second": b,
        "entered": [m for m in moves if m.after > m.before],
        "left": [m for m in moves if m.after < m.before],
        "objective_change": (second.objective or 0) - (first.objective or 0),
        "quota_changes": quota_changes,
    }
