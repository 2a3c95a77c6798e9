"""Why an allocation came out as it did: binding quotas, Chinese reasons, conflicts of must-fund projects."""

from lantu.core.allocation import TOL, Conflict, Quota, QuotaUse, Result, Scenario
from lantu.core.allocation_model import Matrix, must_closure, objective_of, optimise

EVERY_REGION = "各地区合计"
MAX_RESOLVE_PROJECTS = 500


def number(value: float) -> str:
    """Return a quantity with at most two decimals and no trailing zeros."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def quota_label(scenario: Scenario, quota: Quota) -> str:
    """Return a quota's name, e.g. 昌吉市2026年新增建设用地配额."""
    year = f"{quota.year}年" if quota.year is not None else "规划期"
    return f"{region_name(scenario, quota.region)}{year}{scenario.factor(quota.factor).name}配额"


def region_name(scenario: Scenario, region: str | None) -> str:
    """Return the name of a quota's region: its own, the scenario's scope (全州), or every region."""
    return region or scenario.scope or EVERY_REGION


def optimality_text(result: Result) -> str:
    """Return how good the allocation is proven to be: 最优 only with a proof, else the gap bound."""
    if result.status == "infeasible":
        return "无可行方案"
    if result.proven:
        text = "最优（HiGHS 已证明）"
    elif result.gap is None:
        text = "可行方案，与最优的差距未能证明"
    else:
        text = f"与最优差距不超过{number((result.gap or 0.0) * 100)}%"
    if result.stopped == "time_limit":
        clock = "CPU" if result.clock == "cpu" else "墙钟"
        text += f"；求解达到时间上限（{clock}{number(result.time_limit)}秒）后停止，未必达到设定的差距"
    return text


def _amount(scenario: Scenario, quota: Quota, value: float) -> str:
    return f"{number(value)}{scenario.factor(quota.factor).unit}"


def _names(scenario: Scenario, columns) -> str:
    names = [f"{scenario.projects[j].key}（{scenario.projects[j].name}）" for j in sorted(columns)]
    return "、".join(names[:8]) + (f"等{len(names)}个项目" if len(names) > 8 else "")


def conflicts_of(scenario: Scenario, matrix: Matrix) -> list[Conflict]:
    """Return the quotas that must-fund projects and their prerequisites alone overrun.

    Other projects can always take share 0, so the scenario is feasible exactly when no quota is
    overrun by this closure; the check is therefore the complete infeasibility diagnosis.
    """
    closure = must_closure(scenario)
    conflicts = []
    for i, quota in enumerate(scenario.quotas):
        users = [j for j in closure if matrix.rows[i].get(j, 0.0) > 0]
        demand = sum(matrix.rows[i][j] for j in users)
        cap = matrix.caps[i]
        if demand > cap + TOL * max(1.0, cap):
            short = demand - cap
            reason = (
                f"{quota_label(scenario, quota)}为{_amount(scenario, quota, quota.amount)}，"
                f"必保项目{_names(scenario, users)}合计需{_amount(scenario, quota, demand)}，"
                f"超出{_amount(scenario, quota, short)}。须调增该配额至少"
                f"{_amount(scenario, quota, short)}，或取消其中部分项目的必保标记、核减其需求。"
            )
            conflicts.append(
                Conflict(quota, demand, tuple(scenario.projects[j].id for j in sorted(users)), reason)
            )
    return conflicts


def quota_uses(matrix: Matrix, scenario: Scenario, shares: list[float]) -> list[float]:
    """Return how much of each quota the shares use."""
    return [sum(shares[j] * a for j, a in row.items()) for row in matrix.rows]


def _short_on(scenario, matrix, used, j, need_share):
    """Return (quota index, slack, need) for the quotas that cannot take `need_share` more of project j."""
    found = []
    for i, a in matrix.cols[j].items():
        cap = matrix.caps[i]
        slack = max(0.0, cap - used[i])
        need = need_share * a
        if need > slack + TOL * max(1.0, cap):
            found.append((i, slack, need))
    return found


def _blocking_text(scenario, blocks) -> tuple[str, str, list[dict]]:
    parts, changes, lines = [], [], []
    for i, slack, need in blocks:
        quota = scenario.quotas[i]
        short = need - slack
        label = quota_label(scenario, quota)
        text = (
            f"{label}仅余{_amount(scenario, quota, slack)}，"
            f"本项目需{_amount(scenario, quota, need)}，缺{_amount(scenario, quota, short)}"
        )
        whole = need > quota.amount + TOL
        if whole:
            text += "（即使整个配额都给本项目也不够）"
        parts.append(text)
        changes.append(f"{label}增加{_amount(scenario, quota, short)}")
        lines.append(
            {
                "kind": "quota",
                "quota": label,
                "factor": quota.factor,
                "region": quota.region,
                "year": quota.year,
                "unit": scenario.factor(quota.factor).unit,
                "remaining": round(slack, 6),
                "need": round(need, 6),
                "short": round(short, 6),
                "grow": round(short, 6),
                "exceeds_quota": whole,
                "text": f"{text}；需增加{_amount(scenario, quota, short)}",
            }
        )
    return "；".join(parts), "、".join(changes), lines


def explain_result(
    scenario: Scenario,
    matrix: Matrix,
    result: Result,
    shares: list[float],
    *,
    budget: int,
    gap: float,
    time_limit: float,
) -> None:
    """Fill in quota uses, the reason of every excluded or partly funded project, and binding quotas."""
    used = quota_uses(matrix, scenario, shares)
    binding = [used[i] >= c - TOL * max(1.0, c) for i, c in enumerate(matrix.caps)]
    phased = bool(matrix.alternatives())
    resolves = budget if len(scenario.projects) <= MAX_RESOLVE_PROJECTS else 0

    def taken(key: str) -> float:
        return sum(shares[k] for k in matrix.groups[key])

    objective = result.objective or 0.0
    for j, project in enumerate(scenario.projects):
        share = shares[j]
        if share >= 1 - TOL:
            continue
        blocks = _short_on(scenario, matrix, used, j, 1 - share)
        for i, _slack, _need in blocks:
            binding[i] = True
        reasons = []
        blocked, change, lines = _blocking_text(scenario, blocks)
        if phased and taken(project.key) >= 1 - TOL:
            continue  # the project starts in another year of its window
        missing = [r for r in project.requires if taken(r) < 1 - TOL]
        if missing:
            names = "、".join(f"{r}（{scenario.projects[matrix.groups[r][0]].name}）" for r in missing)
            reasons.append(f"前置项目{names}未全额安排，本项目不能先于它安排")
            lines.append({"kind": "prerequisite", "projects": missing, "text": reasons[-1]})
        if blocked:
            reasons.append(blocked)
        if share > TOL:
            head = f"按{number(share * 100)}%安排：" if blocks or missing else ""
            if blocks:
                reasons.append(f"全额安排需{change}")
            result.partial[project.id] = head + "；".join(reasons) + "。"
            result.lines[project.id] = lines
            continue
        if project.value <= 0:
            reasons.append("价值分不为正，安排它不增加总价值")
            lines.append({"kind": "value", "text": reasons[-1]})
        elif blocks:
            hint = f"要入选，需{change}（其他入选项目不变），或相应核减本项目需求"
            if resolves > 0:
                resolves -= 1
                text, forced = _displacement(scenario, matrix, j, objective, shares, gap, time_limit)
                hint += text
                lines.append(forced)
            reasons.append(hint)
        elif not missing:
            reasons.append("在求解精度内未入选，所需配额尚有余量")
            lines.append({"kind": "tolerance", "text": reasons[-1]})
        result.excluded[project.id] = "；".join(reasons) + "。"
        result.lines[project.id] = lines
    own = quota_uses(Matrix(matrix.own, []), scenario, shares) if matrix.own is not None else used
    result.quotas = [
        QuotaUse(quota, own[i], binding[i], matrix.caps[i] - used[i] + own[i] - quota.amount)
        for i, quota in enumerate(scenario.quotas)
    ]


def _displacement(scenario, matrix, j, objective, original, gap, time_limit) -> tuple[str, dict]:
    """Return what forcing project j in would cost, as reason text and as a structured line."""
    fixed = {j: 1.0}
    fixed.update({k: 1.0 for k in _prerequisites(scenario, matrix, j)})
    status, shares, _, _ = optimise(
        scenario, gap=gap, time_limit=min(time_limit, 5.0), fixed=fixed, matrix=matrix
    )
    if shares is None:
        text = "在现有配额下，必保项目已占满其所需配额，提高价值分也无法入选"
        return f"；{text}", {"kind": "forced", "possible": False, "text": f"若强制安排：{text}"}
    forced = objective_of(scenario, shares)
    value = scenario.projects[j].value
    loss = max(objective - forced, 0.0)
    core = (
        f"总价值约减少{number(loss)}，即价值分需由{number(value)}提高到{number(value + loss)}以上才值得入选"
    )
    text = f"；若强制安排，{core}"
    pushed = [k for k in range(len(scenario.projects)) if original[k] > shares[k] + 1e-6]
    line = {
        "kind": "forced",
        "possible": True,
        "loss": round(loss, 6),
        "value": value,
        "value_needed": round(value + loss, 6),
        "pushed": [scenario.projects[k].key for k in sorted(pushed)],
        "text": f"若强制安排：{core}",
    }
    if pushed:
        text += f"，并将挤出{_names(scenario, pushed)}"
        line["pushed_text"] = f"将挤出{_names(scenario, pushed)}"
    return text, line


def _prerequisites(scenario: Scenario, matrix: Matrix, j: int) -> set[int]:
    """Return the columns of j's prerequisites, direct or not, that have one column (no start window).

    A prerequisite with several start years is left to the requirement rows, which make it take one.
    """
    found: set[int] = set()
    stack = list(scenario.projects[j].requires)
    while stack:
        columns = matrix.groups[stack.pop()]
        if len(columns) == 1 and columns[0] not in found:
            found.add(columns[0])
            stack.extend(scenario.projects[columns[0]].requires)
    return found
