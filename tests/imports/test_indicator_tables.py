"""The 主要指标 table of a plan is read from .docx tables and text-layer PDF tables, one indicator a row."""

import io
from pathlib import Path

import docx

from lantu.core.extraction import extract, to_contract
from lantu.imports.reading import read_document

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = ["类别", "指标", "单位", "2025年", "2030年", "年均增长（%）", "属性"]
ROWS = [
    ["经济发展", "地区生产总值", "亿元", "360.5", "500", "7左右", "预期性"],
    ["", "常住人口城镇化率", "%", "55", "62", "—", "预期性"],
    ["绿色生态", "单位地区生产总值能源消耗降低", "%", "—", "—", "〔13.5〕", "约束性"],
    ["", "森林覆盖率", "%", "12.5", "13", "—", "约束性"],
]


def _indicators(filename: str, data: bytes) -> dict[str, dict]:
    result = to_contract(extract(read_document(filename, data)))
    return {row["name"]: row for row in result["indicators"]}


def _docx_with_table() -> bytes:
    document = docx.Document()
    document.add_paragraph("某县国民经济和社会发展第十五个五年规划纲要")
    document.add_paragraph("表1 “十五五”时期经济社会发展主要指标")
    table = document.add_table(rows=0, cols=len(HEADER))
    for cells in [HEADER, *ROWS]:
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_table_rows_become_indicators_with_baseline_target_and_attribute():
    rows = _indicators("outline.docx", _docx_with_table())
    gdp = rows["地区生产总值"]
    assert (gdp["unit"], gdp["baseline_year"], gdp["baseline_value"]) == ("亿元", 2025, 360.5)
    assert (gdp["target_year"], gdp["target_value"], gdp["growth"]) == (2030, 500, 7)
    assert gdp["attribute"] == "预期性" and gdp["category"] == "经济发展"
    energy = rows["单位地区生产总值能源消耗降低"]
    assert energy["growth"] == 13.5 and energy["cumulative"] and energy["attribute"] == "约束性"
    assert energy["baseline_value"] is None and energy["target_value"] is None
    assert rows["森林覆盖率"]["category"] == "绿色生态"


def test_text_layer_pdf_table_rows_become_indicators():
    rows = _indicators("outline.pdf", (FIXTURES / "county_outline_table.pdf").read_bytes())
    assert set(rows) == {"地区生产总值", "常住人口城镇化率", "森林覆盖率", "粮食综合生产能力"}
    grain = rows["粮食综合生产能力"]
    assert (grain["unit"], grain["baseline_value"], grain["target_year"], grain["target_value"]) == (
        "万吨",
        120,
        2030,
        125,
    )
    assert grain["attribute"] == "约束性"


def test_a_2030_column_alone_is_a_target_never_a_baseline():
    text = "指标 | 单位 | 2030年 | 属性\n粮食综合生产能力 | 万吨 | 125 | 约束性\n"
    (row,) = to_contract(extract(text))["indicators"]
    assert row["target_year"] == 2030 and row["target_value"] == 125
    assert row["baseline_year"] is None and row["baseline_value"] is None


COUNTY_OUTLINE = (
    "奇台县国民经济和社会发展第十五个五年规划纲要\n"
    "专栏1 “十五五”时期经济社会发展主要指标\n"
    "类别 | 指标 | 单位 | 2025年 | 2030年 | 年均增长（%） | 属性\n"
    "经济发展 | 地区生产总值 | 亿元 | 360.5 | 500 | 7左右 | 预期性\n"
    " | 常住人口城镇化率 | % | 55 | 62 | — | 预期性\n"
    "绿色生态 | 单位地区生产总值能源消耗降低 | % | — | — | 〔13.5〕 | 约束性\n"
    "（一）推进新型工业化。\n"
)


def test_a_county_outlines_table_rows_become_the_new_plans_indicators(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from lantu.imports.models import ImportDocument
    from lantu.plans.models import Plan

    client = login("planner")
    upload = {"file": SimpleUploadedFile("奇台县纲要.txt", COUNTY_OUTLINE.encode()), "issuer": "qitai"}
    assert client.post(reverse("imports:index"), upload).status_code == 302
    doc = ImportDocument.objects.latest("id")
    rows = doc.findings.filter(kind="quantity")
    assert sorted(rows.values_list("title", flat=True)) == sorted(
        ["地区生产总值", "常住人口城镇化率", "单位地区生产总值能源消耗降低"]
    )  # one finding a row, not one a figure
    new = {"plan": "__new__", "new_name": "奇台县纲要", "new_kind": "local", "new_start_year": "2026",
           "new_end_year": "2030", "new_owner": "qitai"}  # fmt: skip
    client.post(reverse("imports:accept", args=[doc.pk]), new)
    plan = Plan.objects.get(name="奇台县纲要")
    got = {i.name: i for i in plan.indicators.all()}
    assert set(got) == {"地区生产总值", "常住人口城镇化率", "单位地区生产总值能源消耗降低"}
    gdp = got["地区生产总值"]
    assert (gdp.unit, gdp.baseline_year, gdp.baseline_value, gdp.target_year, gdp.target_value) == (
        "亿元", 2025, 360.5, 2030, 500,
    )  # fmt: skip
    assert (gdp.target_kind, gdp.attribute) == ("level", "expected")
    energy = got["单位地区生产总值能源消耗降低"]
    assert (energy.target_kind, energy.target_rate, energy.attribute) == (
        "cumulative_change",
        13.5,
        "binding",
    )
    assert gdp.source.code == f"import-{doc.pk}" and "360.5" in gdp.source_quote
