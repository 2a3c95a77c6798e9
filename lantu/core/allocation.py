"""Factor allocation (要素保障): which projects get scarce quotas, solved exactly with HiGHS.

A project takes a share x (0 or 1 when indivisible, 0..1 when divisible) of each of its demands and
earns x times its value. Quotas cap the demand of one factor in one region (or all, `None`) and one
year (or all, `None`). Must-fund projects take share 1; a project that requires another takes no larger
a share than it. The model is a 0-1 mixed integer programme; reasons and conflicts come from
`allocation_explain`.
"""

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

TOL = 1e-7
PROVEN_GAP = 1e-6  # HiGHS's own optimality tolerance: a smaller relative gap is a proof
CLOCKS = ("wall", "cpu")
# Seconds spent inside HiGHS by recent runs; `solve` reports the share of its own time.
SOLVER_CLOCK: list[float] = []


@dataclass(frozen=True)
class Factor:
    """A scarce factor such as land (亩) or energy (万吨标准煤)."""

    code: str
    name: str
    unit: str


@dataclass(frozen=True)
class Quota:
    """An upper limit on one factor's demand in a region (None: all) and a year (None: all)."""

    factor: str
    region: str | None
    year: int | None
    amount: float

    def covers(self, region: str, year: int) -> bool:
        """Return whether a demand in this region and year counts against the quota."""
        return (self.region is None or self.region == region) and (self.year is None or self.year == year)


@dataclass(frozen=True)
class Demand:
    """What a project needs of one factor in one year."""

    factor: str
    year: int
    amount: float


@dataclass(frozen=True)
class Project:
    """A candidate project with its value, flags and demands."""

    id: str
    name: str
    region: str
    value: float
    must: bool = False
    divisible: bool = False
    requires: tuple[str, ...] = ()
    demands: tuple[Demand, ...] = ()
    areas: tuple[str, ...] = ()  # further regions it lies in, such as its park

    @property
    def regions(self) -> tuple[str, ...]:
        """Return every region whose quotas the project draws on."""
        return (self.region, *(a for a in self.areas if a != self.region))


@dataclass(frozen=True)
class Scenario:
    """Everything an allocation needs."""

    name: str
    factors: tuple[Factor, ...]
    quotas: tuple[Quota, ...]
    projects: tuple[Project, ...]
    scope: str | None = None  # what a quota with no region covers, such as 全州; None: every region
    # Per project id, how its value was scored (allocation_score.Score), when the scenario sets weights.
    scores: dict = field(default_factory=dict, compare=False)

    def factor(self, code: str) -> Factor:
        """Return the factor with this code."""
        return next(f for f in self.factors if f.code == code)


@dataclass(frozen=True)
class QuotaUse:
    """How much of a quota the allocation uses; binding when it stops another project."""

    quota: Quota
    used: float
    binding: bool

    @property
    def slack(self) -> float:
        """Return what is left of the quota."""
        return self.quota.amount - self.used


@dataclass(frozen=True)
class Conflict:
    """A quota that the must-fund projects alone overrun."""

    quota: Quota
    must_demand: float
    projects: tuple[str, ...]
    reason: str

    @property
    def short(self) -> float:
        """Return by how much the must-fund demand exceeds the quota."""
        return self.must_demand - self.quota.amount


@dataclass
class Result:
    """The outcome of one allocation run."""

    status: str  # optimal | feasible | infeasible
    objective: float | None
    bound: float | None
    gap: float | None
    shares: dict[str, float]
    quotas: list[QuotaUse]
    excluded: dict[str, str] = field(default_factory=dict)
    partial: dict[str, str] = field(default_factory=dict)
    lines: dict[str, list[dict]] = field(default_factory=dict)  # the reasons above, one item per cause
    conflicts: list[Conflict] = field(default_factory=list)
    seconds: float = 0.0
    solver_seconds: float = 0.0
    stopped: str | None = None  # "time_limit" when the limit ended the search before the gap was met
    time_limit: float = 60.0
    clock: str = "wall"  # wall: elapsed seconds; cpu: this process's processor seconds

    @property
    def proven(self) -> bool:
        """Return whether HiGHS proved the allocation optimal (no gap left), not only within tolerance."""
        return self.status != "infeasible" and self.gap is not None and self.gap <= PROVEN_GAP

    def selected(self) -> list[tuple[str, float]]:
        """Return the projects with a positive share, in scenario order."""
        return [(pid, share) for pid, share in self.shares.items() if share > TOL]


@dataclass
class Matrix:
    """The quota rows of a scenario as a sparse matrix: coefficient of project j in quota i."""

    rows: list[dict[int, float]]
    cols: list[dict[int, float]]


def build_matrix(scenario: Scenario) -> Matrix:
    """Return each quota's coefficients: the project's summed demand that the quota covers."""
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


def requirement_pairs(scenario: Scenario) -> list[tuple[int, int]]:
    """Return (dependent, prerequisite) column pairs."""
    position = {p.id: j for j, p in enumerate(scenario.projects)}
    return [(j, position[req]) for j, p in enumerate(scenario.projects) for req in p.requires]


def must_closure(scenario: Scenario) -> set[int]:
    """Return the must-fund projects and every project they require, directly or not."""
    position = {p.id: j for j, p in enumerate(scenario.projects)}
    found: set[int] = set()
    stack = [j for j, p in enumerate(scenario.projects) if p.must]
    while stack:
        j = stack.pop()
        if j not in found:
            found.add(j)
            stack.extend(position[r] for r in scenario.projects[j].requires)
    return found


def _fits(col: dict[int, float], used: np.ndarray, caps: np.ndarray, share: float) -> bool:
    return all(used[i] + share * a <= caps[i] + TOL * max(1.0, caps[i]) for i, a in col.items())


def fill(scenario: Scenario, matrix: Matrix, shares: list[float], order: list[int] | None = None) -> None:
    """Raise shares greedily while quotas and requirements allow; repeat until nothing changes."""
    caps = np.array([q.amount for q in scenario.quotas], dtype=float)
    used = np.zeros(len(caps))
    for j, col in enumerate(matrix.cols):
        for i, a in col.items():
            used[i] += shares[j] * a
    position = {p.id: j for j, p in enumerate(scenario.projects)}
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
            limit = min((shares[position[r]] for r in project.requires), default=1.0)
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
    caps = [max(q.amount, TOL) for q in scenario.quotas]
    shares = [0.0] * len(scenario.projects)
    for j in must_closure(scenario):
        shares[j] = 1.0
    used = np.zeros(len(caps))
    for j, col in enumerate(matrix.cols):
        for i, a in col.items():
            used[i] += shares[j] * a
    if any(used[i] > q.amount + TOL * max(1.0, q.amount) for i, q in enumerate(scenario.quotas)):
        return None

    def weight(j: int) -> float:
        cost = sum(a / caps[i] for i, a in matrix.cols[j].items())
        return scenario.projects[j].value / cost if cost > 0 else math.inf

    fill(scenario, matrix, shares, sorted(range(len(shares)), key=weight, reverse=True))
    return shares


def objective_of(scenario: Scenario, shares: list[float]) -> float:
    """Return the value earned by these shares."""
    return sum(s * p.value for s, p in zip(shares, scenario.projects, strict=True))


def _model(scenario: Scenario, matrix: Matrix, fixed: dict[int, float]) -> highspy.Highs:
    n, m = len(scenario.projects), len(scenario.quotas)
    pairs = requirement_pairs(scenario)
    must = must_closure(scenario)
    lower = np.array([1.0 if j in must else fixed.get(j, 0.0) for j in range(n)])
    upper = np.array([fixed.get(j, 1.0) if j not in must else 1.0 for j in range(n)])
    starts, indices, values = [0], [], []
    for i in range(m):
        for j, a in matrix.rows[i].items():
            indices.append(j)
            values.append(a)
        starts.append(len(indices))
    for dependent, prerequisite in pairs:
        indices += [dependent, prerequisite]
        values += [1.0, -1.0]
        starts.append(len(indices))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, m + len(pairs)
    lp.col_cost_ = np.array([p.value for p in scenario.projects], dtype=float)
    lp.col_lower_, lp.col_upper_ = lower, upper
    inf = highspy.kHighsInf
    lp.row_lower_ = np.full(m + len(pairs), -inf)
    lp.row_upper_ = np.array([q.amount for q in scenario.quotas] + [0.0] * len(pairs), dtype=float)
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
) -> tuple[str, list[float] | None, float | None, float | None]:
    """Solve the MIP; return (status, shares, objective, bound), status optimal/feasible/infeasible.

    The time limit counts elapsed seconds (`clock="wall"`) or this process's processor seconds
    (`"cpu"`, fair on a busy machine); when it ends the search, "time_limit" is appended to `stops`.
    """
    matrix = matrix or build_matrix(scenario)
    h = _model(scenario, matrix, fixed or {})
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
    if not fixed:
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


def solve(
    scenario: Scenario,
    *,
    gap: float = 0.001,
    time_limit: float = 60.0,
    explain: int = 200,
    clock: str = "wall",
) -> Result:
    """Allocate the quotas; explain every excluded project and, when infeasible, the conflicts."""
    from lantu.core.allocation_explain import conflicts_of, explain_result

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
    if shares is None:
        result = Result(status, None, None, None, {}, [], time_limit=time_limit, clock=clock)
        result.stopped = stops[0] if stops else None
        result.seconds = time.perf_counter() - began
        return result
    fill(scenario, matrix, shares)
    objective = objective_of(scenario, shares)
    gap_value: float | None = None
    if bound is not None:
        bound = max(bound, objective)
        gap_value = max(0.0, (bound - objective) / max(abs(bound), 1e-9) if bound else 0.0)
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
    explain_result(scenario, matrix, result, shares, budget=explain, gap=gap, time_limit=time_limit)
    result.seconds = time.perf_counter() - began
    return result
