"""The 0-1 mixed integer programme of an allocation: the quota matrix, the greedy start, HiGHS's model."""

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from lantu.core.allocation import SOLVER_CLOCK, TOL, Project, Scenario


@dataclass
class Matrix:
    """The quota rows of a scenario as a sparse matrix: coefficient of project j in quota i.

    `caps` are the rows' limits: a quota's amount, or for a factor that carries over, the amounts of
    its region's yearly quotas up to the row's year (the row then covers the demands of those years).
    `own` gives each quota's use in its own year when carrying makes `rows` cumulative.
    """

    rows: list[dict[int, float]]
    cols: list[dict[int, float]]
    caps: list[float] = field(default_factory=list)
    own: list[dict[int, float]] | None = None
    groups: dict[str, list[int]] = field(default_factory=dict)

    def alternatives(self) -> list[list[int]]:
        """Return the sets of columns of which at most one is taken: a project's start years."""
        return [cols for cols in self.groups.values() if len(cols) > 1]


def build_matrix(scenario: Scenario) -> Matrix:
    """Return each quota's coefficients: the project's summed demand that the quota covers."""
    plain = _plain_matrix(scenario)
    carrying = {f.code for f in scenario.factors if f.carry}
    plain.caps = [q.amount for q in scenario.quotas]
    plain.groups = {}
    for j, project in enumerate(scenario.projects):
        plain.groups.setdefault(project.key, []).append(j)
    if not any(q.factor in carrying and q.year is not None for q in scenario.quotas):
        return plain
    # Unused quota carries forward: the row of year y limits the use up to y by the quotas up to y.
    family: dict[tuple, list[int]] = {}
    for i, q in enumerate(scenario.quotas):
        if q.factor in carrying and q.year is not None:
            family.setdefault((q.factor, q.region), []).append(i)
    rows = [dict(row) for row in plain.rows]
    for members in family.values():
        for i in members:
            year = scenario.quotas[i].year or 0
            earlier = [k for k in members if (scenario.quotas[k].year or 0) <= year]
            row: dict[int, float] = {}
            for k in earlier:
                for j, a in plain.rows[k].items():
                    row[j] = row.get(j, 0.0) + a
            rows[i] = row
            plain.caps[i] = sum(scenario.quotas[k].amount for k in earlier)
    cols: list[dict[int, float]] = [{} for _ in scenario.projects]
    for i, row in enumerate(rows):
        for j, a in row.items():
            cols[j][i] = a
    return Matrix(rows, cols, plain.caps, plain.rows, plain.groups)


def _plain_matrix(scenario: Scenario) -> Matrix:
    index: dict[tuple, list[int]] = {}
    for i, quota in enumerate(scenario.quotas):
        index.setdefault((quota.factor, quota.region, quota.year), []).append(i)
    rows: list[dict[int, float]] = [{} for _ in scenario.quotas]
    cols: list[dict[int, float]] = []
    for j, project in enumerate(scenario.projects):
        col: dict[int, float] = {}
        for demand in project.demands:
            if demand.amount == 0:
                continue
            keys: list[tuple[str, str | None, int | None]] = [
                (demand.factor, None, demand.year),
                (demand.factor, None, None),
            ]
            for region in project.regions:
                keys += [(demand.factor, region, demand.year), (demand.factor, region, None)]
            for key in keys:
                for i in index.get(key, ()):
                    col[i] = col.get(i, 0.0) + demand.amount
        for i, amount in col.items():
            rows[i][j] = amount
        cols.append(col)
    return Matrix(rows, cols)


def columns_of(scenario: Scenario) -> dict[str, list[int]]:
    """Return each project's columns: one, or one per start year of its window."""
    found: dict[str, list[int]] = {}
    for j, project in enumerate(scenario.projects):
        found.setdefault(project.key, []).append(j)
    return found


def requirement_pairs(scenario: Scenario) -> list[tuple[int, int]]:
    """Return (dependent, prerequisite) column pairs of projects with a single column each."""
    return [(j, cols[0]) for j, cols in requirement_rows(scenario) if len(cols) == 1]


def requirement_rows(scenario: Scenario) -> list[tuple[int, list[int]]]:
    """Return (dependent column, the prerequisite's columns): the dependent takes no more than their sum.

    Where a start year is chosen (either side phased), only the prerequisite's columns that start no
    later than the dependent's count: a project never starts before what it requires.
    """
    columns = columns_of(scenario)
    rows = []
    for j, project in enumerate(scenario.projects):
        for req in project.requires:
            cols = columns[req]
            start = project.first_year
            if start is not None and (project.group or any(scenario.projects[k].group for k in cols)):
                cols = [k for k in cols if (scenario.projects[k].first_year or start) <= start]
            rows.append((j, cols))
    return rows


def must_closure(scenario: Scenario) -> set[int]:
    """Return the must-fund projects and every project they require, directly or not.

    A project with several start years is left to the solver (it must take one of them).
    """
    columns = columns_of(scenario)
    found: set[int] = set()
    stack = [j for j, p in enumerate(scenario.projects) if p.must and len(columns[p.key]) == 1]
    while stack:
        j = stack.pop()
        if j not in found:
            found.add(j)
            stack.extend(c[0] for r in scenario.projects[j].requires if len(c := columns[r]) == 1)
    return found


def _fits(col: dict[int, float], used: np.ndarray, caps: np.ndarray, share: float) -> bool:
    return all(used[i] + share * a <= caps[i] + TOL * max(1.0, caps[i]) for i, a in col.items())


def fill(scenario: Scenario, matrix: Matrix, shares: list[float], order: list[int] | None = None) -> None:
    """Raise shares greedily while quotas and requirements allow; repeat until nothing changes."""
    caps = np.array(matrix.caps, dtype=float)
    used = np.zeros(len(caps))
    for j, col in enumerate(matrix.cols):
        for i, a in col.items():
            used[i] += shares[j] * a
    columns = matrix.groups
    needs: dict[int, list[list[int]]] = {}
    for dependent, cols in requirement_rows(scenario):
        needs.setdefault(dependent, []).append(cols)

    def taken(key: str, but: int = -1) -> float:
        return sum(shares[k] for k in columns[key] if k != but)

    order = (
        order if order is not None else sorted(range(len(shares)), key=lambda j: -scenario.projects[j].value)
    )
    changed = True
    while changed:
        changed = False
        for j in order:
            project = scenario.projects[j]
            if project.value <= 0 or shares[j] >= 1 - TOL:
                continue
            limit = min((sum(shares[k] for k in cols) for cols in needs.get(j, ())), default=1.0)
            limit = min(limit, 1.0 - taken(project.key, but=j))
            if project.divisible:
                room = limit - shares[j]
                for i, a in matrix.cols[j].items():
                    room = min(room, max(0.0, caps[i] - used[i]) / a)
                if room > 1e-9:
                    for i, a in matrix.cols[j].items():
                        used[i] += room * a
                    shares[j] += room
                    changed = True
            elif limit >= 1 - TOL and _fits(matrix.cols[j], used, caps, 1.0):
                for i, a in matrix.cols[j].items():
                    used[i] += a
                shares[j] = 1.0
                changed = True


def greedy(scenario: Scenario, matrix: Matrix | None = None) -> list[float] | None:
    """Return shares by value per quota-weighted demand, must-fund first; None when must-fund overrun."""
    matrix = matrix or build_matrix(scenario)
    caps = [max(c, TOL) for c in matrix.caps]
    shares = [0.0] * len(scenario.projects)
    for j in must_closure(scenario):
        shares[j] = 1.0
    for j, share in held_columns(scenario).items():
        shares[j] = max(shares[j], share) if scenario.previous[scenario.projects[j].key].locked else shares[j]
    used = np.zeros(len(caps))
    for j, col in enumerate(matrix.cols):
        for i, a in col.items():
            used[i] += shares[j] * a
    if any(used[i] > c + TOL * max(1.0, c) for i, c in enumerate(matrix.caps)):
        return None

    def weight(j: int) -> float:
        cost = sum(a / caps[i] for i, a in matrix.cols[j].items())
        return scenario.projects[j].value / cost if cost > 0 else math.inf

    fill(scenario, matrix, shares, sorted(range(len(shares)), key=weight, reverse=True))
    return shares


def held_columns(scenario: Scenario) -> dict[int, float]:
    """Return the column of each project held from the accepted scenario, with its share there."""
    found = {}
    for j, project in enumerate(scenario.projects):
        held = scenario.previous.get(project.key)
        if held is None or held.share <= TOL:
            continue
        if project.group == "" or held.start is None or start_of(project) == held.start:
            found[j] = held.share
    return found


def start_of(project: Project) -> int | None:
    """Return the year a column's project starts in (its first demand's year)."""
    return project.first_year if project.group else (project.window[0] if project.window else None)


def model_values(scenario: Scenario) -> list[float]:
    """Return each column's value in the model: its value, plus the churn weight where held."""
    values = [p.value for p in scenario.projects]
    if scenario.churn > 0:
        for j in held_columns(scenario):
            values[j] += scenario.churn * abs(scenario.projects[j].value)
    return values


def objective_of(scenario: Scenario, shares: list[float]) -> float:
    """Return the value earned by these shares."""
    return sum(s * p.value for s, p in zip(shares, scenario.projects, strict=True))


def _model(scenario: Scenario, matrix: Matrix, fixed: dict[int, float], locks: bool = True) -> highspy.Highs:
    n, m = len(scenario.projects), len(scenario.quotas)
    pairs = requirement_rows(scenario)
    must = must_closure(scenario)
    lower = np.array([1.0 if j in must else fixed.get(j, 0.0) for j in range(n)])
    upper = np.array([fixed.get(j, 1.0) if j not in must else 1.0 for j in range(n)])
    if locks:
        for j, share in held_columns(scenario).items():
            if scenario.previous[scenario.projects[j].key].locked:
                lower[j] = max(lower[j], min(share, upper[j]))
    inf = highspy.kHighsInf
    starts, indices, values = [0], [], []
    row_lower: list[float] = []
    row_upper: list[float] = list(matrix.caps)
    for i in range(m):
        for j, a in matrix.rows[i].items():
            indices.append(j)
            values.append(a)
        starts.append(len(indices))
    row_lower += [-inf] * m
    for dependent, prerequisites in pairs:
        indices += [dependent, *prerequisites]
        values += [1.0] + [-1.0] * len(prerequisites)
        starts.append(len(indices))
        row_lower.append(-inf)
        row_upper.append(0.0)
    for cols in matrix.alternatives():
        # At most one start year; a must-fund project takes exactly one.
        indices += cols
        values += [1.0] * len(cols)
        starts.append(len(indices))
        row_lower.append(1.0 if scenario.projects[cols[0]].must else -inf)
        row_upper.append(1.0)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, len(row_upper)
    lp.col_cost_ = np.array(model_values(scenario), dtype=float)
    lp.col_lower_, lp.col_upper_ = lower, upper
    lp.row_lower_ = np.array(row_lower, dtype=float)
    lp.row_upper_ = np.array(row_upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=float)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [
        highspy.HighsVarType.kContinuous if p.divisible else highspy.HighsVarType.kInteger
        for p in scenario.projects
    ]
    h = highspy.Highs()
    h.silent()
    h.passModel(lp)
    return h


def optimise(
    scenario: Scenario,
    *,
    gap: float = 0.001,
    time_limit: float = 60.0,
    fixed: dict[int, float] | None = None,
    matrix: Matrix | None = None,
    clock: str = "wall",
    stops: list[str] | None = None,
    locks: bool = True,
) -> tuple[str, list[float] | None, float | None, float | None]:
    """Solve the MIP; return (status, shares, objective, bound), status optimal/feasible/infeasible.

    The time limit counts elapsed seconds (`clock="wall"`) or this process's processor seconds
    (`"cpu"`, fair on a busy machine); when it ends the search, "time_limit" is appended to `stops`.
    """
    matrix = matrix or build_matrix(scenario)
    h = _model(scenario, matrix, fixed or {}, locks)
    h.setOptionValue("mip_rel_gap", gap)
    h.setOptionValue("threads", 1)
    if clock == "cpu":
        cpu_start = time.process_time()

        def interrupt(event) -> None:
            if time.process_time() - cpu_start > time_limit:
                event.data_in.user_interrupt = True

        h.cbMipInterrupt.subscribe(interrupt)
    else:
        h.setOptionValue("time_limit", float(time_limit))
    if not fixed and locks:
        start = greedy(scenario, matrix)
        if start is not None:
            h.setSolution(len(start), np.arange(len(start), dtype=np.int32), np.array(start))
    began = time.perf_counter()
    h.run()
    SOLVER_CLOCK.append(time.perf_counter() - began)
    status = h.getModelStatus()
    info = h.getInfo()
    if stops is not None and status in (
        highspy.HighsModelStatus.kTimeLimit,
        highspy.HighsModelStatus.kInterrupt,
    ):
        stops.append("time_limit")
    if status == highspy.HighsModelStatus.kInfeasible or info.primal_solution_status != 2:
        return "infeasible", None, None, None
    shares = [min(1.0, max(0.0, v)) for v in h.getSolution().col_value]
    for j, p in enumerate(scenario.projects):
        if not p.divisible:
            shares[j] = float(round(shares[j]))
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound: float | None = info.mip_dual_bound
    if not math.isfinite(info.mip_dual_bound):
        # A pure LP has no MIP bound; a search stopped before its first bound has none either.
        bound = info.objective_function_value if optimal else None
    return ("optimal" if optimal else "feasible"), shares, objective_of(scenario, shares), bound


def model_objective(scenario: Scenario, shares: list[float]) -> float:
    """Return the model's objective: the value earned plus the churn weight of decisions kept."""
    return sum(s * v for s, v in zip(shares, model_values(scenario), strict=True))
