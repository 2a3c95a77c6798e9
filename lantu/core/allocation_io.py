"""The allocation JSON contract: read a scenario (with clear Chinese errors) and write a result."""

import math
from dataclasses import replace

from lantu.core.allocation import Demand, Factor, Held, Project, Quota, Result, Scenario
from lantu.core.allocation_explain import optimality_text
from lantu.core.allocation_score import Facts, IndicatorGap, Score, parse_weights, score_all


class ScenarioError(ValueError):
    """A scenario that cannot be read; `messages` says what and where."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def _number(value, where: str, errors: list[str], *, minimum: float | None = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        errors.append(f"{where}：应为数值，实际为 {value!r}")
        return 0.0
    if minimum is not None and value < minimum:
        errors.append(f"{where}：不能为负数（{value}）")
    return float(value)


def _year(value, where: str, errors: list[str], *, optional: bool) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        errors.append(f"{where}：年份应为四位整数{'或 null' if optional else ''}，实际为 {value!r}")
        return None
    return value


def _optional_text(item: dict, key: str, where: str, errors: list[str]) -> str | None:
    return None if item.get(key) is None else _text(item, key, where, errors)


def _text(item: dict, key: str, where: str, errors: list[str]) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}.{key}：应为非空文本，实际为 {value!r}")
        return ""
    return value.strip()


def _list(data: dict, key: str, errors: list[str]) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        errors.append(f"{key}：应为列表")
        return []
    return value


def parse_scenario(data) -> Scenario:
    """Return the scenario described by the JSON contract, or raise ScenarioError listing every problem."""
    if not isinstance(data, dict):
        raise ScenarioError(["场景应为 JSON 对象"])
    errors: list[str] = []
    name = _optional_text(data, "name", "场景", errors) or "未命名场景"
    factors: list[Factor] = []
    for n, item in enumerate(_list(data, "factors", errors)):
        where = f"factors[{n}]"
        if not isinstance(item, dict):
            errors.append(f"{where}：应为对象")
            continue
        code = _text(item, "code", where, errors)
        if any(f.code == code for f in factors):
            errors.append(f"{where}.code：要素代码 {code} 重复")
        carry = item.get("carry", False)
        if not isinstance(carry, bool):
            errors.append(f"{where}.carry：应为 true 或 false")
        factors.append(
            Factor(code, _text(item, "name", where, errors), item.get("unit") or "", carry is True)
        )
    codes = {f.code for f in factors}
    quotas: list[Quota] = []
    for n, item in enumerate(_list(data, "quotas", errors)):
        where = f"quotas[{n}]"
        if not isinstance(item, dict):
            errors.append(f"{where}：应为对象")
            continue
        factor = _text(item, "factor", where, errors)
        if factor and factor not in codes:
            errors.append(f"{where}.factor：未定义的要素 {factor}")
        quotas.append(
            Quota(
                factor,
                _optional_text(item, "region", where, errors),
                _year(item.get("year"), f"{where}.year", errors, optional=True),
                _number(item.get("amount"), f"{where}.amount", errors),
            )
        )
    scoring = data.get("scoring")
    projects: list[Project] = []
    for n, item in enumerate(_list(data, "projects", errors)):
        where = f"projects[{n}]"
        if not isinstance(item, dict):
            errors.append(f"{where}：应为对象")
            continue
        demands = []
        raw_demands = item.get("demands", [])
        if not isinstance(raw_demands, list):
            errors.append(f"{where}.demands：应为列表")
            raw_demands = []
        for k, demand in enumerate(raw_demands):
            at = f"{where}.demands[{k}]"
            if not isinstance(demand, dict):
                errors.append(f"{at}：应为对象")
                continue
            factor = _text(demand, "factor", at, errors)
            if factor and factor not in codes:
                errors.append(f"{at}.factor：未定义的要素 {factor}")
            year = _year(demand.get("year"), f"{at}.year", errors, optional=False)
            demands.append(Demand(factor, year or 0, _number(demand.get("amount"), f"{at}.amount", errors)))
        requires = item.get("requires", [])
        if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
            errors.append(f"{where}.requires：应为项目编号列表")
            requires = []
        flags = {}
        for key in ("must", "divisible"):
            flags[key] = item.get(key, False)
            if not isinstance(flags[key], bool):
                errors.append(f"{where}.{key}：应为 true 或 false")
        projects.append(
            Project(
                id=_text(item, "id", where, errors),
                name=_optional_text(item, "name", where, errors) or str(item.get("id")),
                region=_text(item, "region", where, errors),
                value=0.0
                if scoring is not None and "value" not in item
                else _number(item.get("value"), f"{where}.value", errors, minimum=None),
                must=flags["must"] is True,
                divisible=flags["divisible"] is True,
                requires=tuple(requires),
                demands=tuple(demands),
                areas=tuple(a for a in item.get("areas", []) if isinstance(a, str)),
                window=_window(item.get("window"), f"{where}.window", errors),
            )
        )
    ids = [p.id for p in projects]
    seen: set[str] = set()
    for n, project in enumerate(projects):
        if project.id in seen:
            errors.append(f"projects[{n}].id：项目编号 {project.id} 重复")
        seen.add(project.id)
        for req in project.requires:
            if req not in ids:
                errors.append(f"projects[{n}].requires：前置项目 {req} 不在场景中")
            elif req == project.id:
                errors.append(f"projects[{n}].requires：项目不能以自身为前置")
    scope = _optional_text(data, "scope", "场景", errors)
    previous = _previous(data.get("previous"), set(ids), errors)
    churn = _number(data.get("churn", 0.0), "churn", errors)
    delay = _number(data.get("delay_discount", 0.01), "delay_discount", errors)
    if not 0 <= delay < 1:
        errors.append(f"delay_discount：应在 [0, 1) 内，实际为 {delay}")
    scores = _scores(data, scoring, errors) if scoring is not None else {}
    if errors:
        raise ScenarioError(errors)
    if scores:
        projects = [
            replace(p, value=scores[p.id].total) if "value" not in item else p
            for p, item in zip(projects, data["projects"], strict=True)
        ]
    return Scenario(
        name,
        tuple(factors),
        tuple(quotas),
        tuple(projects),
        scope=scope,
        scores=scores,
        previous=previous,
        churn=churn,
        delay_discount=delay,
    )


def _window(value, where: str, errors: list[str]) -> tuple[int, int] | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2:
        errors.append(f"{where}：应为 [最早开工年份, 最晚开工年份]")
        return None
    first = _year(value[0], where, errors, optional=False)
    last = _year(value[1], where, errors, optional=False)
    if first is None or last is None:
        return None
    if last < first:
        errors.append(f"{where}：最晚开工年份 {last} 早于最早开工年份 {first}")
        return None
    return (first, last)


def _previous(value, ids: set[str], errors: list[str]) -> dict[str, Held]:
    """Return the accepted allocation to keep: [{id, share, start, locked}]."""
    if value is None:
        return {}
    if not isinstance(value, list):
        errors.append("previous：应为列表")
        return {}
    held = {}
    for n, item in enumerate(value):
        where = f"previous[{n}]"
        if not isinstance(item, dict) or item.get("id") not in ids:
            errors.append(f"{where}：应为 {{id, share, start, locked}}，项目须在场景中")
            continue
        share = _number(item.get("share", 1.0), f"{where}.share", errors)
        start = _year(item.get("start"), f"{where}.start", errors, optional=True)
        held[item["id"]] = Held(min(share, 1.0), start, item.get("locked", True) is not False)
    return held


FACT_KEYS = ("land_tax", "land_output", "energy", "jobs", "tax")


def _scores(data: dict, scoring, errors: list[str]) -> dict[str, Score]:
    """Return the scores of the optional `scoring` block: weights, `indicators` and projects' `facts`.

    A project that gives its own `value` keeps it; the others are valued by their score.
    """
    if not isinstance(scoring, dict):
        errors.append("scoring：应为对象")
        return {}
    weights, problems = parse_weights(scoring.get("weights"))
    errors += problems
    gaps = {}
    for n, item in enumerate(data.get("indicators") or []):
        where = f"indicators[{n}]"
        if not isinstance(item, dict):
            errors.append(f"{where}：应为对象")
            continue
        code = _text(item, "code", where, errors)
        needed = _number(item.get("needed"), f"{where}.needed", errors, minimum=None)
        gaps[code] = IndicatorGap(code, item.get("name") or code, needed, item.get("binding") is True)
    facts = []
    for n, item in enumerate(data.get("projects") or []):
        if not isinstance(item, dict):
            continue
        raw = item.get("facts") or {}
        where = f"projects[{n}].facts"
        if not isinstance(raw, dict):
            errors.append(f"{where}：应为对象")
            raw = {}
        numbers = {
            key: None if raw.get(key) is None else _number(raw.get(key), f"{where}.{key}", errors)
            for key in FACT_KEYS
        }
        contributions = []
        for k, c in enumerate(raw.get("contributions") or []):
            if not isinstance(c, dict) or c.get("indicator") not in gaps:
                errors.append(
                    f"{where}.contributions[{k}]：应为 {{indicator, change}}，指标须在 indicators 中"
                )
                continue
            contributions.append(
                (
                    c["indicator"],
                    _number(c.get("change"), f"{where}.contributions[{k}].change", errors, minimum=None),
                )
            )
        facts.append(
            Facts(
                code=str(item.get("id")),
                cluster_tier=raw.get("cluster_tier"),
                stage=raw.get("stage"),
                contributions=tuple(contributions),
                **numbers,
            )
        )
    if errors:
        return {}
    return score_all(facts, weights, gaps)


def scores_to_json(scenario: Scenario) -> dict:
    """Return each project's score, its missing criteria and its explanation criterion by criterion."""
    return {
        code: {"score": score.total, "missing": list(score.missing), "explain": score.explain()}
        for code, score in scenario.scores.items()
    }


def scenario_to_json(scenario: Scenario) -> dict:
    """Return the scenario in the JSON contract."""
    return {
        "name": scenario.name,
        "factors": [
            {"code": f.code, "name": f.name, "unit": f.unit} | ({"carry": True} if f.carry else {})
            for f in scenario.factors
        ],
        "quotas": [
            {"factor": q.factor, "region": q.region, "year": q.year, "amount": q.amount}
            for q in scenario.quotas
        ],
        "projects": [
            {
                "id": p.id,
                "name": p.name,
                "region": p.region,
                "value": p.value,
                "must": p.must,
                "divisible": p.divisible,
                "requires": list(p.requires),
                "demands": [{"factor": d.factor, "year": d.year, "amount": d.amount} for d in p.demands],
            }
            | ({"areas": list(p.areas)} if p.areas else {})
            | ({"window": list(p.window)} if p.window else {})
            for p in scenario.projects
        ],
    } | ({"scope": scenario.scope} if scenario.scope else {})


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def result_to_json(result: Result) -> dict:
    """Return the result in the JSON contract, plus `partial` reasons and `conflicts` when infeasible.

    `proven` is true only when HiGHS proved optimality; `optimality` says so in words (最优, or
    与最优差距不超过 x%); `stopped` is "time_limit" when the limit ended the search.
    """
    return {
        "status": result.status,
        "proven": result.proven,
        "optimality": optimality_text(result),
        "stopped": result.stopped,
        "time_limit": result.time_limit,
        "clock": result.clock,
        "objective": _round(result.objective),
        "bound": _round(result.bound),
        "gap": _round(result.gap, 8),
        "selected": [_selected(result, pid, share) for pid, share in result.selected()],
        "quotas": [
            {
                "factor": use.quota.factor,
                "region": use.quota.region,
                "year": use.quota.year,
                "amount": use.quota.amount,
                "used": _round(use.used),
                "binding": use.binding,
            }
            | ({"carried_in": _round(use.carried_in)} if abs(use.carried_in) > 1e-9 else {})
            for use in result.quotas
        ],
        "excluded": [
            {"id": pid, "reason": reason, "reason_lines": result.lines.get(pid, [])}
            for pid, reason in result.excluded.items()
        ],
        "partial": [
            {"id": pid, "reason": reason, "reason_lines": result.lines.get(pid, [])}
            for pid, reason in result.partial.items()
        ],
        "conflicts": [
            {
                "factor": c.quota.factor,
                "region": c.quota.region,
                "year": c.quota.year,
                "amount": c.quota.amount,
                "must_demand": _round(c.must_demand),
                "short": _round(c.short),
                "projects": list(c.projects),
                "reason": c.reason,
            }
            for c in result.conflicts
        ],
        "seconds": round(result.seconds, 4),
    } | ({"moves": result.moves, "unlocked": result.unlocked} if result.moves or result.unlocked else {})


def _selected(result: Result, pid: str, share: float) -> dict:
    """Return a selected project; a phased one also with its start year and use per factor and year."""
    item: dict = {"id": pid, "share": _round(share)}
    if pid in result.starts:
        item["start"] = result.starts[pid]
        item["use"] = [{"factor": f, "year": y, "amount": _round(a)} for f, y, a in result.uses.get(pid, [])]
    return item
