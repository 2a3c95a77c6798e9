"""Projects are scored criterion by criterion under a planner's weights; missing data shows."""

import json

import pytest

from lantu.core.allocation_io import ScenarioError, parse_scenario, scores_to_json
from lantu.core.allocation_score import Facts, IndicatorGap, parse_weights, score_all
from lantu.core.allocation_solve import solve

EFFICIENT = Facts(
    "A", land_tax=40, land_output=600, energy=2.0, jobs=300, tax=5000, cluster_tier="100b", stage="new"
)
BULKY = Facts(
    "B",
    land_tax=10,
    land_output=200,
    energy=0.5,
    jobs=3000,
    tax=20000,
    cluster_tier="other",
    stage="continuing",
)


def test_land_efficiency_weight_ranks_the_efficient_project_first():
    by_land = score_all([EFFICIENT, BULKY], {"land_tax": 1})
    by_size = score_all([EFFICIENT, BULKY], {"jobs": 1, "tax": 1})
    assert by_land["A"].total == 100 and by_land["B"].total == 25
    assert by_size["B"].total > by_size["A"].total


def test_each_criterion_is_explained_and_missing_data_is_named_not_silently_zero():
    unknown = Facts("C", land_tax=20)
    scores = score_all([EFFICIENT, unknown], {"land_tax": 1, "energy": 1})
    assert scores["C"].missing == ("energy",)
    text = scores["C"].explain()
    assert "亩均税收20万元/亩→0.5×权重1=25分" in text
    assert "单位能耗增加值缺数据，按0分计" in text
    assert scores["A"].missing == ()


def test_plan_contribution_values_the_share_of_the_remaining_gap_closed_binding_twice():
    gaps = {
        "gdp": IndicatorGap("gdp", "地区生产总值", 100.0, binding=False),
        "forest": IndicatorGap("forest", "森林覆盖率", 2.0, binding=True),
    }
    half_expected = Facts("X", contributions=(("gdp", 50.0),))
    half_binding = Facts("Y", contributions=(("forest", 1.0),))
    beyond = Facts("Z", contributions=(("gdp", 500.0),))  # closes the gap once, not five times
    scores = score_all([half_expected, half_binding, beyond], {"contribution": 1}, gaps)
    raw = {code: s.parts[-1].raw for code, s in scores.items()}
    assert raw == {"X": 0.5, "Y": 1.0, "Z": 1.0}
    assert "森林覆盖率（约束性）缺口的50%" in scores["Y"].explain()


def test_weights_must_be_known_criteria_within_range_and_not_all_zero():
    assert parse_weights({"land_tax": 2})[1] == []
    assert "未知的评分维度" in parse_weights({"size": 1})[1][0]
    assert "0 到 100" in parse_weights({"jobs": -1})[1][0]
    assert "至少有一个" in parse_weights({"jobs": 0})[1][0]


SCORED = {
    "name": "评分场景",
    "factors": [{"code": "land", "name": "新增建设用地", "unit": "亩"}],
    "quotas": [{"factor": "land", "region": "昌吉市", "year": 2026, "amount": 100}],
    "scoring": {"weights": {"land_tax": 1, "jobs": 1}},
    "projects": [
        {
            "id": "A",
            "region": "昌吉市",
            "facts": {"land_tax": 40, "jobs": 100},
            "demands": [{"factor": "land", "year": 2026, "amount": 80}],
        },
        {
            "id": "B",
            "region": "昌吉市",
            "facts": {"land_tax": 10},
            "demands": [{"factor": "land", "year": 2026, "amount": 80}],
        },
    ],
}


def test_a_scenario_with_weights_values_projects_by_their_scores():
    scenario = parse_scenario(json.loads(json.dumps(SCORED)))
    assert [p.value for p in scenario.projects] == [100.0, 12.5]
    assert solve(scenario).selected() == [("A", 1.0)]
    out = scores_to_json(scenario)
    assert out["B"]["missing"] == ["jobs"] and "新增就业缺数据" in out["B"]["explain"]


def test_bad_weights_are_refused_with_where_and_why():
    bad = json.loads(json.dumps(SCORED)) | {"scoring": {"weights": {"size": 1}}}
    with pytest.raises(ScenarioError) as error:
        parse_scenario(bad)
    assert any("scoring.weights.size" in m for m in error.value.messages)
