"""The allocation model is exact on small scenarios, explains itself, and diagnoses infeasibility."""

import itertools

import highspy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantu.core.allocation import TOL, Demand, Factor, Project, Quota, Scenario
from lantu.core.allocation_io import ScenarioError, parse_scenario, result_to_json, scenario_to_json
from lantu.core.allocation_model import build_matrix, greedy
from lantu.core.allocation_solve import solve

REGIONS = ("昌吉市", "阜康市")
YEARS = (2026, 2027)
FACTORS = (Factor("land", "新增建设用地", "亩"), Factor("funds", "专项债", "亿元"))


def _best_completion(scenario: Scenario, fixed: dict[int, int]) -> float | None:
    """Return the best value with the indivisible shares fixed, solving the divisible rest as an LP."""
    h = highspy.Highs()
    h.silent()
    projects = scenario.projects
    xs = {}
    for j, p in enumerate(projects):
        if p.divisible:
            xs[j] = h.addVariable(lb=1.0 if p.must else 0.0, ub=1.0)
    position = {p.id: j for j, p in enumerate(projects)}
    for j, p in enumerate(projects):
        for req in p.requires:
            k = position[req]
            left = xs[j] if j in xs else fixed[j]
            right = xs[k] if k in xs else fixed[k]
            if j not in xs and k not in xs:
                if left > right:
                    return None
            else:
                h.addConstr(left - right <= 0)
    for quota in scenario.quotas:
        constant, expr = 0.0, None
        for j, p in enumerate(projects):
            amount = sum(
                d.amount for d in p.demands if d.factor == quota.factor and quota.covers(p.region, d.year)
            )
            if not amount:
                continue
            if j in xs:
                expr = amount * xs[j] if expr is None else expr + amount * xs[j]
            else:
                constant += amount * fixed[j]
        if expr is None:
            if constant > quota.amount + 1e-9:
                return None
        else:
            h.addConstr(expr <= quota.amount - constant)
    constant = sum(p.value * fixed[j] for j, p in enumerate(projects) if j not in xs)
    if not xs:
        return constant
    objective = None
    for j in xs:
        term = projects[j].value * xs[j]
        objective = term if objective is None else objective + term
    h.maximize(objective)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return constant + h.getObjectiveValue()


def brute_force(scenario: Scenario) -> float | None:
    """Return the best value over every subset of indivisible projects, or None when none is feasible."""
    whole = [j for j, p in enumerate(scenario.projects) if not p.divisible]
    best = None
    for bits in itertools.product((0, 1), repeat=len(whole)):
        fixed = dict(zip(whole, bits, strict=True))
        if any(scenario.projects[j].must and not fixed[j] for j in whole):
            continue
        value = _best_completion(scenario, fixed)
        if value is not None and (best is None or value > best):
            best = value
    return best


@st.composite
def scenarios(draw) -> Scenario:
    """Draw a scenario of up to 12 projects with must, requires and divisible projects."""
    n = draw(st.integers(1, 12))
    projects = []
    for j in range(n):
        demands = tuple(
            Demand(
                draw(st.sampled_from(FACTORS)).code, draw(st.sampled_from(YEARS)), draw(st.integers(0, 60))
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        requires = ()
        if j and draw(st.integers(0, 4)) == 0:
            requires = (f"P{draw(st.integers(0, j - 1))}",)
        projects.append(
            Project(
                id=f"P{j}",
                name=f"项目{j}",
                region=draw(st.sampled_from(REGIONS)),
                value=draw(st.integers(0, 30)),
                must=draw(st.integers(0, 7)) == 0,
                divisible=draw(st.integers(0, 3)) == 0,
                requires=requires,
                demands=demands,
            )
        )
    quotas = tuple(
        Quota(
            draw(st.sampled_from(FACTORS)).code,
            draw(st.sampled_from((None, *REGIONS))),
            draw(st.sampled_from((None, *YEARS))),
            draw(st.integers(0, 120)),
        )
        for _ in range(draw(st.integers(1, 4)))
    )
    return Scenario("随机场景", FACTORS, quotas, tuple(projects))


def _uses_are_within_quotas(scenario: Scenario, shares: dict[str, float]) -> bool:
    for quota in scenario.quotas:
        used = sum(
            shares[p.id] * d.amount
            for p in scenario.projects
            for d in p.demands
            if d.factor == quota.factor and quota.covers(p.region, d.year)
        )
        if used > quota.amount + 1e-6:
            return False
    return True


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_allocation_matches_brute_force_over_all_subsets(scenario):
    expected = brute_force(scenario)
    result = solve(scenario, gap=1e-9, explain=0)
    if expected is None:
        assert result.status == "infeasible"
        assert result.conflicts
        return
    assert result.status == "optimal"
    assert result.objective == pytest.approx(expected, abs=1e-5)
    shares = result.shares
    assert _uses_are_within_quotas(scenario, shares)
    for p in scenario.projects:
        assert p.divisible or shares[p.id] in (0.0, 1.0)
        if p.must:
            assert shares[p.id] == pytest.approx(1.0)
        for req in p.requires:
            assert shares[p.id] <= shares[req] + 1e-7
    unfunded = {p.id for p in scenario.projects if shares[p.id] <= TOL}
    assert set(result.excluded) == unfunded
    assert all(result.excluded.values())


def _scenario(*projects: Project, quotas: tuple[Quota, ...]) -> Scenario:
    return Scenario("测试", FACTORS, quotas, projects)


def _land(amount: float, year: int = 2026) -> tuple[Demand, ...]:
    return (Demand("land", year, amount),)


def test_excluded_project_names_the_binding_quota_and_its_shortfall():
    scenario = _scenario(
        Project("A", "甲", "昌吉市", 10, demands=_land(300)),
        Project("B", "乙", "昌吉市", 4, demands=_land(300)),
        quotas=(Quota("land", "昌吉市", 2026, 500),),
    )
    result = solve(scenario)
    assert result.selected() == [("A", 1.0)]
    reason = result.excluded["B"]
    assert "昌吉市2026年新增建设用地配额仅余200亩" in reason
    assert "缺100亩" in reason
    assert "增加100亩" in reason
    assert "价值分需由4提高到10以上" in reason
    assert "挤出A（甲）" in reason
    assert result.quotas[0].binding
    forced = result.lines["B"][-1]
    assert (forced["kind"], forced["pushed"], forced["value_needed"]) == ("forced", ["A"], 10)


def test_excluded_project_reason_lines_give_quota_then_prerequisite_then_forced_analysis():
    scenario = _scenario(
        Project("A", "甲", "昌吉市", 10, demands=_land(300)),
        Project("C", "丙", "昌吉市", 0.5, demands=_land(100, 2027)),
        Project("B", "乙", "昌吉市", 4, requires=("C",), demands=_land(300)),
        quotas=(
            Quota("land", "昌吉市", 2026, 500),
            Quota("land", "昌吉市", None, 400),
            Quota("land", None, 2027, 50),
        ),
    )
    result = solve(scenario)
    lines = result.lines["B"]
    assert [line["kind"] for line in lines] == ["quota", "quota", "prerequisite", "forced"]
    first = lines[0]
    assert first["quota"] == "昌吉市2026年新增建设用地配额"
    assert (first["remaining"], first["need"], first["short"], first["grow"]) == (200, 300, 100, 100)
    assert lines[1]["quota"] == "昌吉市规划期新增建设用地配额" and lines[1]["short"] == 200
    assert lines[2]["projects"] == ["C"]
    assert lines[3]["possible"] is False  # C can never fit its 2027 quota
    body = result_to_json(result)
    [excluded] = [e for e in body["excluded"] if e["id"] == "B"]
    assert excluded["reason"] == result.excluded["B"] and excluded["reason_lines"] == lines


def test_project_whose_prerequisite_is_left_out_says_so():
    scenario = _scenario(
        Project("A", "甲", "昌吉市", 1, demands=_land(600)),
        Project("B", "乙", "阜康市", 50, requires=("A",)),
        quotas=(Quota("land", None, None, 500),),
    )
    result = solve(scenario)
    assert result.selected() == []
    assert "前置项目A（甲）未全额安排" in result.excluded["B"]
    assert "即使整个配额都给本项目也不够" in result.excluded["A"]


def test_divisible_project_takes_what_is_left_and_explains_the_rest():
    scenario = _scenario(
        Project("A", "甲", "昌吉市", 5, divisible=True, demands=(Demand("funds", 2026, 4),)),
        quotas=(Quota("funds", None, 2026, 3),),
    )
    result = solve(scenario)
    assert result.selected() == [("A", 0.75)]
    assert "按75%安排" in result.partial["A"]
    assert "增加1亿元" in result.partial["A"]


def test_must_fund_projects_over_a_quota_are_reported_as_a_conflict():
    scenario = _scenario(
        Project("A", "甲", "昌吉市", 1, must=True, demands=_land(300)),
        Project("B", "乙", "阜康市", 1, requires=("C",), must=True, demands=_land(100)),
        Project("C", "丙", "昌吉市", 1, demands=_land(250)),
        Project("D", "丁", "昌吉市", 1, must=True, demands=(Demand("funds", 2027, 1),)),
        quotas=(Quota("land", None, 2026, 600), Quota("funds", None, None, 5)),
    )
    result = solve(scenario)
    assert result.status == "infeasible"
    [conflict] = result.conflicts
    assert conflict.projects == ("A", "B", "C")
    assert conflict.short == 50
    assert "超出50亩" in conflict.reason
    assert result_to_json(result)["conflicts"][0]["short"] == 50


def test_greedy_never_beats_the_optimum_and_respects_quotas():
    scenario = _scenario(
        *(Project(f"P{j}", f"项目{j}", REGIONS[j % 2], 10 + j, demands=_land(40 + 7 * j)) for j in range(10)),
        quotas=(Quota("land", None, 2026, 250),),
    )
    shares = greedy(scenario, build_matrix(scenario))
    result = solve(scenario)
    assert _uses_are_within_quotas(
        scenario, dict(zip([p.id for p in scenario.projects], shares, strict=True))
    )
    assert sum(s * p.value for s, p in zip(shares, scenario.projects, strict=True)) <= result.objective + 1e-9


def test_scenario_json_round_trips():
    scenario = _scenario(
        Project("A", "甲", "昌吉市", 10, must=True, divisible=True, requires=("B",), demands=_land(3)),
        Project("B", "乙", "昌吉市", 1),
        quotas=(Quota("land", "昌吉市", None, 5),),
    )
    assert parse_scenario(scenario_to_json(scenario)) == scenario


@pytest.mark.parametrize(
    "mutate, message",
    [
        (
            lambda d: d["quotas"].append({"factor": "gas", "region": None, "year": None, "amount": 1}),
            "未定义的要素 gas",
        ),
        (lambda d: d["projects"][0].update(value="高"), "projects[0].value：应为数值"),
        (lambda d: d["projects"][0].update(requires=["ZZ"]), "前置项目 ZZ 不在场景中"),
        (lambda d: d["quotas"][0].update(amount=-1), "quotas[0].amount：不能为负数"),
        (lambda d: d["projects"].append(dict(d["projects"][0])), "项目编号 A 重复"),
        (lambda d: d["projects"][0]["demands"][0].update(year="2026"), "年份应为四位整数"),
    ],
)
def test_bad_scenarios_are_refused_with_a_located_message(mutate, message):
    data = scenario_to_json(
        _scenario(Project("A", "甲", "昌吉市", 1, demands=_land(3)), quotas=(Quota("land", None, None, 5),))
    )
    mutate(data)
    with pytest.raises(ScenarioError) as error:
        parse_scenario(data)
    assert message in str(error.value)
