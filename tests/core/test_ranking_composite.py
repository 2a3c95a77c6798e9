from hypothesis import given
from hypothesis import strategies as st

from lantu.core import ranking
from lantu.core.ranking import CountyFigures, composite, rank, scores


def test_composite_is_the_stated_weighted_mean_of_the_four_shares():
    county = CountyFigures(1, "A", indicators=(3, 4), investment=0.5, timeliness=(9, 10), supervision=(1, 2))
    # 75 × 30 % + 50 × 30 % + 90 × 20 % + 50 × 20 % = 22.5 + 15 + 18 + 10
    assert composite(scores(county)) == 65.5
    assert sum(weight for _key, weight in ranking.WEIGHTS) == 100


def test_investment_ahead_of_time_scores_no_more_than_keeping_pace():
    ahead = scores(CountyFigures(1, "A", investment=1.7))
    assert ahead["investment"] == 100


def test_a_criterion_without_data_is_left_out_and_the_other_weights_scaled():
    county = CountyFigures(1, "A", indicators=(1, 2), investment=None, timeliness=(0, 0), supervision=(1, 1))
    # indicators 50 × 30, supervision 100 × 20, over 50
    assert composite(scores(county)) == 70.0
    assert rank([county])[0].missing == ["investment", "timeliness"]


def test_counties_rank_best_first_ties_share_a_place_and_unscored_come_last():
    best = CountyFigures(1, "甲", indicators=(4, 4))
    tie_a = CountyFigures(2, "乙", indicators=(1, 2))
    tie_b = CountyFigures(3, "丙", indicators=(2, 4))
    nothing = CountyFigures(4, "丁")
    ranked = rank([nothing, tie_a, best, tie_b])
    assert [(r.figures.key, r.rank) for r in ranked] == [(1, 1), (3, 2), (2, 2), (4, None)]
    assert ranked[-1].composite is None


shares = st.tuples(st.integers(0, 50), st.integers(0, 50)).map(lambda p: (min(p), max(p)))


@given(shares, st.none() | st.floats(0, 3), shares, shares, st.integers(1, 50))
def test_closing_one_more_order_never_lowers_a_county_score(ind, inv, timely, orders, extra):
    closed, issued = orders
    before = CountyFigures(1, "A", ind, inv, timely, (closed, issued + extra))
    after = CountyFigures(1, "A", ind, inv, timely, (closed + 1, issued + extra))
    assert composite(scores(after)) >= composite(scores(before))
    assert 0 <= composite(scores(after)) <= 100
