"""The allocation says how good it is: a proof or a gap, a stop at the time limit, the quota's own region."""

import json
import random
from pathlib import Path

import pytest

from lantu.core.allocation import Demand, Factor, Project, Quota, Result, Scenario
from lantu.core.allocation_explain import optimality_text
from lantu.core.allocation_io import parse_scenario, result_to_json
from lantu.core.allocation_solve import solve

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "allocation" / "unchanged.json"
LAND = Factor("land", "新增建设用地", "亩")
# The keys of the result as it was before phasing, scoring and stability existed.
CONTRACT_KEYS = ("status", "objective", "bound", "gap", "selected", "quotas")


def _cases():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["scenario"]["name"])
def test_a_scenario_without_the_new_fields_solves_exactly_as_before(case):
    """The results were recorded with the solver as it was before this work (tests/fixtures/allocation)."""
    result = result_to_json(solve(parse_scenario(case["scenario"]), gap=0, time_limit=30))
    before = case["result"]
    for key in CONTRACT_KEYS:
        assert result[key] == before[key], key
    for key in ("excluded", "partial", "conflicts"):
        # The one intended change of wording: a quota without a region no longer says 全州.
        expected = [{**item, "reason": item["reason"].replace("全州", "各地区合计")} for item in before[key]]
        got = [{k: v for k, v in item.items() if k != "reason_lines"} for item in result[key]]
        assert got == [{k: v for k, v in item.items() if k != "reason_lines"} for item in expected]


def _hard(n: int = 3000) -> Scenario:
    rng = random.Random(7)
    factors = (LAND, Factor("energy", "能耗", "万吨标准煤"))
    projects = tuple(
        Project(
            f"P{j}",
            f"项目{j}",
            f"县{rng.randrange(6)}",
            round(rng.uniform(1, 100), 2),
            demands=tuple(
                Demand(f.code, y, round(rng.uniform(1, 50), 2)) for f in factors for y in (2026, 2027)
            ),
        )
        for j in range(n)
    )
    quotas = tuple(
        Quota(f.code, f"县{r}", y, 2000.0) for f in factors for r in range(6) for y in (2026, 2027)
    )
    return Scenario("难题", factors, quotas, projects)


@pytest.mark.parametrize("clock", ["wall", "cpu"])
def test_a_solve_ended_by_the_time_limit_says_so_and_never_claims_optimality(clock):
    result = solve(_hard(), gap=0, time_limit=0.001, explain=0, clock=clock)
    assert result.stopped == "time_limit"
    # Stopped before its first bound: the gap is unknown, not zero.
    assert not result.proven and result.gap is None
    out = result_to_json(result)
    assert out["stopped"] == "time_limit" and out["clock"] == clock
    assert "时间上限" in out["optimality"] and "最优（" not in out["optimality"]


def test_optimal_only_with_a_proof_otherwise_the_gap_bound():
    proven = Result("optimal", 10.0, 10.0, 0.0, {}, [])
    within = Result("optimal", 9.97, 10.0, 0.003, {}, [])
    assert optimality_text(proven).startswith("最优")
    assert optimality_text(within) == "与最优差距不超过0.3%"
    assert not within.proven


def test_a_small_scenario_solved_to_zero_gap_is_proven_optimal():
    scenario = Scenario(
        "小",
        (LAND,),
        (Quota("land", "木垒县", 2026, 10.0),),
        (Project("A", "甲", "木垒县", 5.0, demands=(Demand("land", 2026, 8.0),)),),
    )
    result = solve(scenario, gap=0)
    assert result.proven and result_to_json(result)["optimality"].startswith("最优")


def _blocked(scope: str | None, region: str | None) -> str:
    scenario = Scenario(
        "区域",
        (LAND,),
        (Quota("land", region, 2026, 10.0),),
        (
            Project("A", "甲", "木垒县", 9.0, demands=(Demand("land", 2026, 8.0),)),
            Project("B", "乙", "木垒县", 5.0, demands=(Demand("land", 2026, 8.0),)),
        ),
        scope=scope,
    )
    return solve(scenario).excluded["B"]


def test_a_reason_names_the_quotas_own_region():
    assert _blocked("全州", "木垒县").startswith("木垒县2026年新增建设用地配额仅余2亩")
    assert _blocked("全州", None).startswith("全州2026年")
    # A command-line scenario has no prefecture: its region-less quota covers every region.
    reason = _blocked(None, None)
    assert "全州" not in reason and reason.startswith("各地区合计2026年")
