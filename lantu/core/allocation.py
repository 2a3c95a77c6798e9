"""Factor allocation (要素保障): which projects get scarce quotas, solved exactly with HiGHS.

A project takes a share x (0 or 1 when indivisible, 0..1 when divisible) of each of its demands and
earns x times its value. Quotas cap the demand of one factor in one region (or all, `None`) and one
year (or all, `None`). Must-fund projects take share 1; a project that requires another takes no larger
a share than it. This module holds the vocabulary (scenario, quotas, projects, result); the 0-1 mixed
integer programme is built and optimised in `allocation_model`, `allocation_solve.solve` runs it, and
reasons and conflicts come from `allocation_explain`.
"""

from dataclasses import dataclass, field

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
    carry: bool = False  # unused yearly quota carries over to the next year (land, funds), or not (energy)


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
    window: tuple[int, int] | None = None  # the years it may start in; its demands move with the start
    group: str = ""  # set by `expand`: the project whose start-year option this is

    @property
    def key(self) -> str:
        """Return the project this column stands for (itself unless it is a start-year option)."""
        return self.group or self.id

    @property
    def first_year(self) -> int | None:
        """Return the year its demands start in as entered."""
        return min((d.year for d in self.demands), default=None)

    @property
    def regions(self) -> tuple[str, ...]:
        """Return every region whose quotas the project draws on."""
        return (self.region, *(a for a in self.areas if a != self.region))


@dataclass(frozen=True)
class Held:
    """A project's allocation in the accepted scenario: kept when locked, else kept for the churn weight."""

    share: float
    start: int | None = None
    locked: bool = True


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
    previous: dict = field(default_factory=dict, compare=False)  # project id -> Held
    churn: float = 0.0  # value (as a share of a project's own) of keeping an earlier decision
    delay_discount: float = 0.01  # value lost per year a project starts after its earliest year

    def factor(self, code: str) -> Factor:
        """Return the factor with this code."""
        return next(f for f in self.factors if f.code == code)


@dataclass(frozen=True)
class QuotaUse:
    """How much of a quota the allocation uses; binding when it stops another project."""

    quota: Quota
    used: float
    binding: bool
    carried_in: float = 0.0  # unused quota of earlier years available in this one

    @property
    def slack(self) -> float:
        """Return what is left of the quota, with what earlier years carried in."""
        return self.quota.amount + self.carried_in - self.used


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
    starts: dict[str, int] = field(default_factory=dict)  # project id -> start year, phased projects
    uses: dict[str, list[tuple[str, int, float]]] = field(default_factory=dict)  # (factor, year, amount)
    moves: list[dict] = field(default_factory=list)  # what changed against the accepted scenario, and why
    unlocked: bool = False  # keeping every locked project was infeasible

    @property
    def proven(self) -> bool:
        """Return whether HiGHS proved the allocation optimal (no gap left), not only within tolerance."""
        return self.status != "infeasible" and self.gap is not None and self.gap <= PROVEN_GAP

    def selected(self) -> list[tuple[str, float]]:
        """Return the projects with a positive share, in scenario order."""
        return [(pid, share) for pid, share in self.shares.items() if share > TOL]
