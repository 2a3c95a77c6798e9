"""Shared template helpers: numbers, status badges, sample marks, target wording, chart tags."""

import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from lxml import html

from lantu.lib.charts import jsonable
from lantu.lib.templatetags.lantu import format_number, percent, sample_badge, status_badge, target_text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("2509.2300"), None, "2,509.23"),
        (Decimal("770000.00"), None, "770,000"),
        (Decimal("1E+3"), None, "1,000"),
        (Decimal("-0.0000"), None, "0"),
        (Decimal("12.3456"), 2, "12.35"),
        (2672.3312345, None, "2,672.33"),
        (1.75139, None, "1.751"),
        (7, None, "7"),
        (None, None, "—"),
    ],
)
def test_numbers_lose_trailing_zeros_and_gain_separators(value, places, text):
    assert format_number(value, places) == text


def test_percent_formats_a_fraction():
    assert percent(0.9349) == "93.5%" and percent(None) == "—" and percent(1, 0) == "100%"


def test_status_badge_carries_the_status_class_and_label():
    assert status_badge("lagging") == '<span class="badge status lagging">lagging</span>'
    assert "no_data" in status_badge("something else")


def test_sample_badge_distinguishes_whole_objects_from_fields():
    whole = SimpleNamespace(is_sample=True, sample_fields=[])
    partial = SimpleNamespace(is_sample=False, sample_fields=["target_value"])
    assert "sample" in sample_badge(whole) and sample_badge(whole, "target_value") == ""
    assert sample_badge(partial) == "" and "sample" in sample_badge(partial, "baseline_value,target_value")
    assert sample_badge(None) == ""


def _indicator(**fields):
    base = {
        "target_kind": "level",
        "target_value": None,
        "target_rate": None,
        "unit": "万亩",
        "target_year": 2030,
    }
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"target_kind": "annual_growth", "target_rate": Decimal("6.5000")}, "average annual growth 6.5%"),
        ({"target_kind": "level", "target_value": Decimal("600.0000")}, "600 万亩 by 2030"),
        ({"target_kind": "ceiling", "target_value": Decimal("35"), "unit": ""}, "≤ 35"),
        ({"target_kind": "floor", "target_value": Decimal("95"), "unit": "%"}, "≥ 95 %"),
        (
            {"target_kind": "cumulative_change", "target_rate": Decimal("-13.5")},
            "cumulative fall of 13.5% by 2030",
        ),
        (
            {"target_kind": "cumulative_change", "target_rate": Decimal("20")},
            "cumulative rise of 20% by 2030",
        ),
        ({"target_kind": "level"}, "—"),
    ],
)
def test_target_is_worded_by_its_kind(fields, text):
    assert target_text(_indicator(**fields)) == text


def test_chart_tag_renders_a_container_and_its_json_options():
    option = {"series": [{"type": "bar", "data": [Decimal("1.5"), 2]}], "title": {"text": "<b>"}}
    out = Template('{% chart "demo-chart" option "200px" %}').render(Context({"option": option}))
    doc = html.fromstring(f"<div>{out}</div>")
    [div] = doc.xpath("//div[@id='demo-chart']")
    assert div.get("data-chart") == "demo-chart-options" and "height:200px" in div.get("style")
    [script] = doc.xpath("//script[@id='demo-chart-options']")
    assert script.get("type") == "application/json"
    assert json.loads(script.text_content()) == {
        "series": [{"type": "bar", "data": [1.5, 2]}],
        "title": {"text": "<b>"},
    }


def test_chart_scripts_are_served_locally():
    out = Template("{% chart_scripts %}").render(Context())
    assert "/static/vendor/echarts.min.js" in out and "/static/lantu/charts.js" in out and "http" not in out


def test_jsonable_turns_decimals_and_tuples_into_json_types():
    assert jsonable({"a": (Decimal("2.50"), 1.234567891)}) == {"a": [2.5, 1.2346]}
