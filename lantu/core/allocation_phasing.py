"""Phasing and stability: start-year options of a project, and what moved against the accepted scenario.

A project with a window (earliest, latest start) becomes one column per start year, its demands moved
by the delay, its value lowered by `delay_discount` per year of delay so that, all else equal, the
earlier start wins; at most one column is taken (exactly one when it must be funded). The result is
folded back: each project under its own id, with its start year and its use per factor and year.
"""

from dataclasses import replace

from lantu.core.allocation import TOL, Demand, Project, Result, Scenario

START_MARK = "@"


def options_of(project: Project, delay_discount: float) -> list[Project]:
    """Return the project's start-year columns, or the project itself when it has no window."""
    base = project.first_year
    if project.window is None or base is None:
        return [project]
    first, last = project.window
    return [
        replace(
            project,
            id=f"{project.id}{START_MARK}{start}",
            name=f"{project.name}（{start}年开工）",
            value=project.value * (1 - delay_discount * (start - first)),
            demands=tuple(Demand(d.factor, d.year + start - base, d.amount) for d in project.demands),
            window=None,
            group=project.id,
        )
        for start in range(first, last + 1)
    ]


def expand(scenario: Scenario) -> Scenario:
    """Return the scenario with every windowed project as its start-year columns."""
    if not any(p.window for p in scenario.projects):
        return scenario
    columns = tuple(o for p in scenario.projects for o in options_of(p, scenario.delay_discount))
    return replace(scenario, projects=columns)


def collapse(original: Scenario, expanded: Scenario, result: Result) -> Result:
    """Fold the columns' result back to the projects: shares, start years, uses, reasons and moves."""
    if expanded is not original:
        _fold(original, expanded, result)
    for project in original.projects:
        share = result.shares.get(project.id, 0.0)
        if share > TOL:
            start = result.starts.get(project.id)
            shift = 0 if start is None or project.first_year is None else start - project.first_year
            result.uses[project.id] = [(d.factor, d.year + shift, share * d.amount) for d in project.demands]
    result.moves = moves(original, result)
    return result


def _fold(original: Scenario, expanded: Scenario, result: Result) -> None:
    shares: dict[str, float] = {p.id: 0.0 for p in original.projects}
    reasons: dict[str, list[str]] = {}
    lines: dict[str, list[dict]] = {}
    for column in expanded.projects:
        key = column.key
        share = result.shares.get(column.id, 0.0)
        shares[key] += share
        if share > TOL and column.first_year is not None:
            result.starts[key] = column.first_year
        for table in (result.excluded, result.partial):
            if column.id in table:
                text = table.pop(column.id)
                reasons.setdefault(key, []).append(
                    f"若{column.first_year}年开工：{text}" if column.group else text
                )
                prefix = f"若{column.first_year}年开工：" if column.group else ""
                lines.setdefault(key, []).extend(
                    line | {"text": prefix + line["text"], "start": column.first_year} if prefix else line
                    for line in result.lines.pop(column.id, [])
                )
    result.shares = shares
    for key, texts in reasons.items():
        target = result.partial if shares[key] > TOL else result.excluded
        target[key] = "".join(texts)
        result.lines[key] = lines.get(key, [])


def moves(scenario: Scenario, result: Result) -> list[dict]:
    """Return each project whose share or start year differs from the accepted scenario, and why."""
    if not scenario.previous:
        return []
    found = []
    for project in scenario.projects:
        held = scenario.previous.get(project.id)
        before = held.share if held is not None else 0.0
        after = result.shares.get(project.id, 0.0)
        start_before = held.start if held is not None else None
        start_after = result.starts.get(project.id)
        moved_start = None not in (start_before, start_after) and start_before != start_after
        moved_start = moved_start and before > TOL and after > TOL
        if abs(before - after) <= 1e-6 and not moved_start:
            continue
        if after < before - 1e-6:
            why = result.excluded.get(project.id) or result.partial.get(project.id) or ""
            if held is not None and held.locked:
                why = "锁定无法保持（保持全部锁定项目不可行）：" + why
            else:
                why = "未锁定，重新比选：" + why
        elif after > before + 1e-6:
            why = "新入选：配额或价值分变化后可以安排" if before <= TOL else "安排比例提高"
        else:
            why = f"开工年份由{start_before}年调整为{start_after}年"
        found.append(
            {
                "id": project.id,
                "before": round(before, 6),
                "after": round(after, 6),
                "start_before": start_before,
                "start_after": start_after,
                "locked": bool(held and held.locked),
                "reason": why,
            }
        )
    return found
