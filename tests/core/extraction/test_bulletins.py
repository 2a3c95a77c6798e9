"""Statistical bulletins: their figures are read with year, change and vintage, and matched to indicators."""

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantu.core.extraction.bulletin import IndicatorRef, convert, match_indicators, read_bulletin

ROOT = Path(__file__).resolve().parents[3]
BULLETINS = sorted((ROOT / "tests" / "fixtures" / "bulletins").glob("*.txt"))


def _bench():
    spec = importlib.util.spec_from_file_location("bulletin_scores", ROOT / "bench" / "bulletin_scores.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("text", BULLETINS, ids=[p.stem for p in BULLETINS])
def test_real_bulletins_are_read_and_matched_as_their_gold_says(text):
    s = _bench().scores(text)
    assert s["recall"] >= 0.9 and s["precision"] >= 0.9, s
    assert s["change"] == 1.0 and s["year"] and s["vintage"], s
    assert s["proposals"] >= 0.85, s


def test_a_figure_carries_its_change_on_the_previous_year_and_falling_changes_are_negative():
    text = (
        "2024年某县国民经济和社会发展统计公报\n初步核算，全年实现地区生产总值521.49亿元，比上年增长3.8%。"
        "其中，第一产业增加值22.29亿元，下降3.1%。"
    )
    gdp, primary = read_bulletin(text)
    assert (gdp.subject, gdp.value, gdp.unit, gdp.year, gdp.change) == (
        "地区生产总值",
        521.49,
        "亿元",
        2024,
        3.8,
    )
    assert (primary.subject, primary.change, primary.vintage) == ("第一产业增加值", -3.1, "preliminary")


def test_the_vintage_follows_what_the_text_says_of_the_figure():
    text = (
        "2023年某市国民经济和社会发展统计公报\n"
        "经最终核实，2023年全市地区生产总值为500亿元。全年粮食产量30万吨。"
    )
    gdp, grain = read_bulletin(text)
    assert gdp.vintage == "final" and grain.vintage == "final"
    (revised,) = read_bulletin("2023年某市统计公报\n经初步核实，地区生产总值为498亿元。")
    assert revised.vintage == "revised"


def test_a_plan_periods_totals_and_absolute_changes_are_not_figures_of_the_year():
    text = (
        "2020年某县统计公报\n年末户籍人口117.90万人，比上年末增加0.22万人。"
        "“十三五”期间，全县一般公共预算总收入累计达到177.16亿元，年均增长7.1%。"
    )
    (population,) = read_bulletin(text)
    assert (population.subject, population.value, population.unit) == ("户籍人口", 117.9, "万人")


def test_units_convert_within_one_measure_and_never_across():
    assert convert(27.24, "亿元", "万元") == 272400
    assert convert(117.9, "万人", "人") == 1179000
    assert convert(3.14, "%", "%") == 3.14
    assert convert(98094, "元", "亿元") == 0.00098094
    assert convert(20.37, "万亩", "万吨") is None


def test_matching_takes_the_closest_name_in_a_compatible_unit_of_the_indicators_magnitude():
    text = (
        "2024年某县统计公报\n全年实现地区生产总值521.49亿元，比上年增长3.8%。"
        "人均地区生产总值65000元。全年地方一般公共预算收入27.24亿元，增长4.0%。"
    )
    figures = read_bulletin(text)
    refs = [
        IndicatorRef(1, "地区生产总值", "亿元", 480),
        IndicatorRef(2, "地区生产总值增速", "%"),
        IndicatorRef(3, "一般公共预算收入", "万元", 250000),
        IndicatorRef(4, "人均地区生产总值", "元", 60000),
        IndicatorRef(5, "森林覆盖率", "%"),
    ]
    got = {p.key: (p.value, p.converted_from) for p in match_indicators(figures, refs)}
    assert got == {1: (521.49, ""), 2: (3.8, ""), 3: (272400, "亿元"), 4: (65000, "")}


def test_a_value_far_from_the_indicators_magnitude_is_not_proposed():
    figures = read_bulletin("2024年某县统计公报\n人均地区生产总值65000元。")
    assert match_indicators(figures, [IndicatorRef(1, "地区生产总值", "亿元", 480)]) == []


@settings(max_examples=200)
@given(
    st.text(
        alphabet="年月全市增长下降比上年为亿万元人%。，；|\n（）() 0123456789.统计公报初步核算", max_size=200
    )
)
def test_reading_and_matching_never_raise(text):
    figures = read_bulletin(text)
    match_indicators(figures, [IndicatorRef(1, "全市增长", "%", 5), IndicatorRef(2, "比上年", "亿元")])
