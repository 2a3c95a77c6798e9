"""Solve an allocation: expand start windows, optimise, explain every excluded project or the conflicts."""

import time

from lantu.core.allocation import SOLVER_CLOCK, Result, Scenario
from lantu.core.allocation_explain import conflicts_of, explain_result
from lantu.core.allocation_model import build_matrix, fill, model_objective, objective_of, optimise
from lantu.core.allocation_phasing import collapse, expand


def solve(
    scenario: Scenario,
    *,
    gap: float = 0.001,
    time_limit: float = 60.0,
    explain: int = 200,
    clock: str = "wall",
) -> Result:
    """Allocate the quotas; explain every excluded project and, when infeasible, the conflicts.

    Projects with a start window are solved as one column per start year (at most one taken) and
    reported under their own id with the start year chosen; see `allocation_phasing`.
    """
    original = scenario
    scenario = expand(original)
    result = _solve_columns(scenario, gap=gap, time_limit=time_limit, explain=explain, clock=clock)
    return collapse(original, scenario, result)


def _solve_columns(scenario: Scenario, *, gap: float, time_limit: float, explain: int, clock: str) -> Result:
    began = time.perf_counter()
    SOLVER_CLOCK.clear()
    matrix = build_matrix(scenario)
    conflicts = conflicts_of(scenario, matrix)
    if conflicts:
        result = Result("infeasible", None, None, None, {}, [], conflicts=conflicts)
        result.seconds = time.perf_counter() - began
        return result
    stops: list[str] = []
    status, shares, objective, bound = optimise(
        scenario, gap=gap, time_limit=time_limit, matrix=matrix, clock=clock, stops=stops
    )
    unlocked = False
    if shares is None and any(h.locked for h in scenario.previous.values()):
        # Keeping every locked project is infeasible: solve with the locks as the churn weight only.
        unlocked = True
        status, shares, objective, bound = optimise(
            scenario, gap=gap, time_limit=time_limit, matrix=matrix, clock=clock, stops=stops, locks=False
        )
    if shares is None:
        result = Result(status, None, None, None, {}, [], time_limit=time_limit, clock=clock)
        result.stopped = stops[0] if stops else None
        result.seconds = time.perf_counter() - began
        return result
    fill(scenario, matrix, shares)
    objective = objective_of(scenario, shares)
    reached = model_objective(scenario, shares)
    gap_value: float | None = None
    if bound is not None:
        bound = max(bound, reached)
        gap_value = max(0.0, (bound - reached) / max(abs(bound), 1e-9) if bound else 0.0)
        if status == "feasible" and gap_value <= gap + 1e-12:
            status = "optimal"
    result = Result(
        status,
        objective,
        bound,
        gap_value,
        {p.id: shares[j] for j, p in enumerate(scenario.projects)},
        [],
        stopped=stops[0] if stops else None,
        time_limit=time_limit,
        clock=clock,
    )
    result.solver_seconds = SOLVER_CLOCK[0] if SOLVER_CLOCK else 0.0
    result.unlocked = unlocked
    explain_result(scenario, matrix, result, shares, budget=explain, gap=gap, time_limit=time_limit)
    result.seconds = time.perf_counter() - began
    return result
