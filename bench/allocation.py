"""Benchmark the factor allocation: `.venv/bin/python bench/allocation.py [--phased] [SIZES]`.

Without --phased (as before): 4 factors, 9 regions, 5 years, quotas per (factor, region, year), per
region over the period and prefecture-wide per year at about 60 % of the demand; prints model + solve
seconds, status, gap, objective, the greedy objective and the margin.

With --phased (issue 19's measure): 4 factors × 5 years × 8 regions; values are scores under weights
(allocation_score); about 40 % of projects may start one or two years later; land and funds carry
unused quota over. Prints, in one run, our solve (greedy warm start, fill, explanations off) against a
raw HiGHS solve of the same model (same gap, one thread, no warm start) and against a greedy ranking
by the same scores.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import highspy  # noqa: E402
import numpy as np  # noqa: E402

from lantu.core.allocation import Demand, Factor, Project, Quota, Scenario  # noqa: E402
from lantu.core.allocation_model import _model, build_matrix, fill, greedy, model_objective, objective_of  # noqa: E402
from lantu.core.allocation_phasing import expand  # noqa: E402
from lantu.core.allocation_score import Facts, score_all  # noqa: E402
from lantu.core.allocation_solve import solve  # noqa: E402

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


PHASED_REGIONS = tuple(f"县市{k}" for k in range(1, 9))
WEIGHTS = {"land_tax": 2, "land_output": 1, "energy": 2, "jobs": 1, "tax": 1, "cluster": 1, "readiness": 1}


def phased(n: int, seed: int = 2) -> Scenario:
    """Return n projects over 8 regions and 5 years, scored by weights, 40 % of them deferrable."""
    rng = random.Random(seed)
    factors = tuple(Factor(f.code, f.name, f.unit, carry=f.code in ("land", "funds")) for f in FACTORS)
    facts, shells = [], []
    for j in range(n):
        first = rng.choice(YEARS[:4])
        years = [y for y in YEARS if first <= y < first + rng.randint(1, 2)]
        demands = tuple(
            Demand(f.code, y, round(rng.uniform(1, 100) / len(years), 2))
            for f in factors
            if rng.random() < 0.6
            for y in years
        )
        window = (first, min(first + rng.randint(1, 2), YEARS[-1])) if rng.random() < 0.4 else None
        facts.append(
            Facts(
                f"P{j}",
                land_tax=None if rng.random() < 0.1 else rng.uniform(5, 60),
                land_output=rng.uniform(100, 900),
                energy=None if rng.random() < 0.1 else rng.uniform(0.2, 3),
                jobs=rng.randint(10, 3000),
                tax=rng.uniform(100, 50000),
                cluster_tier=rng.choice(["100b", "10b", "other"]),
                stage=rng.choice(["reserve", "preparation", "new", "continuing"]),
            )
        )
        shells.append((f"P{j}", rng.choice(PHASED_REGIONS), demands, window, rng.random() < 0.1))
    scores = score_all(facts, WEIGHTS)
    projects = tuple(
        Project(pid, f"项目{pid}", region, scores[pid].total, divisible=div, demands=demands, window=window)
        for pid, region, demands, window, div in shells
    )
    total: dict[tuple, float] = {}
    for p in projects:
        for d in p.demands:
            for key in ((d.factor, p.region, d.year), (d.factor, None, d.year)):
                total[key] = total.get(key, 0.0) + d.amount
    quotas = tuple(
        Quota(f, r, y, round(0.55 * amount * rng.uniform(0.8, 1.2) + 20, 2))
        for (f, r, y), amount in sorted(total.items(), key=str)
    )
    return Scenario(f"phased-{n}", factors, quotas, projects)


def by_score(scenario: Scenario) -> float:
    """Return the value of funding projects in order of score, each at the first start year that fits."""
    columns = expand(scenario)
    matrix = build_matrix(columns)
    shares = [0.0] * len(columns.projects)
    order = sorted(range(len(shares)), key=lambda j: (-columns.projects[j].value, j))
    fill(columns, matrix, shares, order)
    return objective_of(columns, shares)


def raw_highs(scenario: Scenario, gap: float) -> tuple[float, float, float, float]:
    """Return (seconds, CPU seconds, objective, gap) of HiGHS alone on the same model: no warm start."""
    began, cpu = time.perf_counter(), time.process_time()
    columns = expand(scenario)
    h = _model(columns, build_matrix(columns), {})
    h.setOptionValue("mip_rel_gap", gap)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", 600.0)
    h.run()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    values = np.array(h.getSolution().col_value)
    info = h.getInfo()
    value = model_objective(columns, [float(v) for v in values])
    return (
        seconds,
        cpu,
        value,
        info.mip_gap if h.getModelStatus() != highspy.HighsModelStatus.kInfeasible else float("nan"),
    )


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


def run_phased(n: int, gap: float = 0.005) -> None:
    """Print our solve, the raw HiGHS solve and the greedy ranking on one phased scenario."""
    scenario = phased(n)
    columns = len(expand(scenario).projects)
    began, cpu = time.perf_counter(), time.process_time()
    result = solve(scenario, gap=gap, time_limit=600, explain=0, clock="cpu")
    ours, ours_cpu = time.perf_counter() - began, time.process_time() - cpu
    raw_seconds, raw_cpu, raw_value, raw_gap = raw_highs(scenario, gap)
    began = time.perf_counter()
    greedy_value = by_score(scenario)
    greedy_seconds = time.perf_counter() - began
    print(
        f"{n:>6} projects ({columns} start-year columns) × 4 factors × 5 years × 8 regions, "
        f"{len(scenario.quotas)} quotas, gap asked {100 * gap:.1f} %\n"
        f"  ours     {ours:7.2f} s (CPU {ours_cpu:6.2f} s)  {result.status:<8} "
        f"gap {100 * (result.gap or 0):.3f} %  "
        f"objective {result.objective:,.1f}  stopped={result.stopped}\n"
        f"  raw HiGHS{raw_seconds:7.2f} s (CPU {raw_cpu:6.2f} s)  gap {100 * raw_gap:.3f} %  "
        f"objective {raw_value:,.1f}  → ours / raw = {ours / raw_seconds:.2f}× wall, "
        f"{ours_cpu / raw_cpu:.2f}× CPU\n"
        f"  (wall time swings with the shared machine's load; CPU time is this process's own)\n"
        f"  greedy by score {greedy_seconds:5.2f} s  objective {greedy_value:,.1f}  "
        f"→ ours ahead by {100 * (result.objective / greedy_value - 1):.2f} %"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--phased" in args:
        for size in [int(a) for a in args if a != "--phased"] or [10000]:
            run_phased(size)
    else:
        for size in [int(a) for a in args] or [1000, 10000, 50000]:
            run(size)
