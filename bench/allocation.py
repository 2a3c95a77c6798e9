"""Benchmark the factor allocation against a greedy heuristic: `.venv/bin/python bench/allocation.py [SIZES]`.

Synthetic scenarios: 4 factors, 9 regions, 5 years; quotas per (factor, region, year), per region over
the period and prefecture-wide per year, set to about 60 % of the demand so that many projects compete.
Prints, per size: model + solve seconds, solver status, gap, objective, greedy objective and the margin.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lantu.core.allocation import (  # noqa: E402
    Demand,
    Factor,
    Project,
    Quota,
    Scenario,
    build_matrix,
    greedy,
    objective_of,
    solve,
)

FACTORS = (
    Factor("land", "新增建设用地", "亩"),
    Factor("energy", "能耗", "万吨标准煤"),
    Factor("funds", "专项债", "亿元"),
    Factor("water", "用水", "万立方米"),
)
REGIONS = tuple(f"县市{k}" for k in range(1, 10))
YEARS = tuple(range(2026, 2031))


def synthetic(n: int, seed: int = 1) -> Scenario:
    """Return a random scenario of n projects with must, divisible and requires flags."""
    rng = random.Random(seed)
    projects = []
    for j in range(n):
        first = rng.choice(YEARS)
        years = [y for y in YEARS if first <= y < first + rng.randint(1, 3)]
        demands = tuple(
            Demand(f.code, y, round(rng.uniform(1, 100) / len(years), 2))
            for f in FACTORS
            if rng.random() < 0.6
            for y in years
        )
        requires = (f"P{rng.randrange(j)}",) if j and rng.random() < 0.05 else ()
        projects.append(
            Project(
                f"P{j}",
                f"项目{j}",
                rng.choice(REGIONS),
                round(rng.uniform(1, 100), 2),
                must=rng.random() < 0.01,
                divisible=rng.random() < 0.15,
                requires=requires,
                demands=demands,
            )
        )
    scenario = Scenario(f"synthetic-{n}", FACTORS, (), tuple(projects))
    total: dict[tuple, float] = {}
    for p in projects:
        for d in p.demands:
            for key in ((d.factor, p.region, d.year), (d.factor, p.region, None), (d.factor, None, d.year)):
                total[key] = total.get(key, 0.0) + d.amount
    quotas = tuple(
        Quota(f, r, y, round(0.6 * amount * rng.uniform(0.8, 1.2) + 50, 2))
        for (f, r, y), amount in sorted(total.items(), key=str)
    )
    return Scenario(scenario.name, FACTORS, quotas, scenario.projects)


def run(n: int, gap: float = 0.005) -> None:
    """Print one benchmark line."""
    scenario = synthetic(n)
    began = time.perf_counter()
    greedy_shares = greedy(scenario, build_matrix(scenario))
    greedy_seconds = time.perf_counter() - began
    greedy_value = objective_of(scenario, greedy_shares) if greedy_shares else float("nan")
    result = solve(scenario, gap=gap, time_limit=60, explain=0)
    print(
        f"{n:>7} projects {len(scenario.quotas):>4} quotas | {result.seconds:6.2f} s "
        f"(HiGHS {result.solver_seconds:6.2f} s) {result.status:<8} "
        f"gap {100 * (result.gap or 0):.3f} % objective {result.objective:,.1f} | greedy {greedy_value:,.1f} "
        f"({greedy_seconds:.2f} s) | MIP beats greedy by {100 * (result.objective / greedy_value - 1):.2f} %"
    )


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1000, 10000, 50000]:
        run(size)
