"""The stocktake and mid-term review as Word files: content from the data, fonts and page setup."""

import docx
import pytest
from docx.oxml.ns import qn

from lantu.indicators.status import indicator_status
from lantu.reports.exporters.common import status_text


def _open(report) -> docx.document.Document:
    with report.file.open("rb") as handle:
        return docx.Document(handle)


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _table_with(document, header: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == header)


def _rows(table) -> dict[str, list[str]]:
    return {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows[1:]}


@pytest.fixture
def stocktake(generate):
    report = generate("stocktake")
    assert report.state == "done", report.message
    return _open(report)


def test_stocktake_is_titled_with_plan_year_and_scope(stocktake):
    text = _text(stocktake)
    assert "关于“十五五”规划2026年度实施情况的报告" in text
    assert "昌吉回族自治州 · 截至2026年11月23日" in text


def test_indicator_table_shows_each_indicator_with_its_computed_status(stocktake, data, now):
    rows = _rows(_table_with(stocktake, "指标"))
    for indicator in (data.world.gdp, data.energy):
        status = indicator_status(indicator, indicator.observations.all(), now)
        row = rows[indicator.name]
        assert row[-1] == status_text(status.status)
    gdp = rows["地区生产总值"]
    assert gdp[1] == "亿元"
    assert gdp[3].startswith("2,509.23")
    assert gdp[6] == "2,680\n2026年"


def test_binding_indicator_is_marked_and_its_miss_listed_with_the_responsible_unit(stocktake):
    rows = _rows(_table_with(stocktake, "指标"))
    assert rows["单位地区生产总值能耗"][2] == "约束性★"
    assert rows["地区生产总值"][2] == "预期性"
    assert rows["单位地区生产总值能耗"][-1] == "严重滞后"
    lagging = next(
        t for t in stocktake.tables if [c.text for c in t.rows[0].cells][:3] == ["指标", "状态", "责任单位"]
    )
    assert _rows(lagging)["单位地区生产总值能耗"][2] == "州发改委"


def test_investment_by_county_counts_only_approved_reports_up_to_the_last_month_due(stocktake):
    by_county = _rows(_table_with(stocktake, "县市"))
    # 木垒县: plan 10 亿元, approved year-to-date 8 亿元 in October (the November draft does not count)
    assert by_county["木垒县"][1:] == ["1", "10", "8", "80%"]
    # 奇台县: plan 5 亿元, approved 1 亿元 in September (the submitted October report does not count)
    assert by_county["奇台县"][1:] == ["1", "5", "1", "20%"]
    assert by_county["合计"][1:] == ["2", "15", "9", "60%"]
    by_cluster = _rows(_table_with(stocktake, "产业集群"))
    assert by_cluster["煤基产业集群"][1:] == ["2", "15", "9", "60%"]


def test_overview_and_problems_summary_state_the_figures(stocktake):
    text = _text(stocktake)
    assert "指标共2项" in text
    assert "纳入年度投资计划的重大项目2个，计划投资15亿元，已完成投资9亿元，完成计划的60%" in text
    assert "项目推进中共反映问题2个，已解决1个，尚未解决1个。" in text
    open_problems = _rows(_table_with(stocktake, "问题"))
    assert list(open_problems) == ["用地指标不足"]


def test_stocktake_carries_charts_as_images(stocktake):
    assert len(stocktake.inline_shapes) == 2


def test_county_stocktake_holds_only_its_own_projects_and_problems(generate, data):
    document = _open(generate("stocktake", "mulei", unit=data.world.mulei_county))
    text = _text(document) + "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert list(_rows(_table_with(document, "县市"))) == ["木垒县", "合计"]
    assert "奇台县" not in text and "环评批复滞后" not in text
    assert "用地指标不足" in text
    assert "“十五五”规划的指标中没有由木垒县负责监测的指标。" in text
    assert len(document.inline_shapes) == 0  # no indicator chart, and one county needs no bar chart


def test_page_setup_follows_gbt_9704(stocktake):
    section = stocktake.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm) for margin in margins] == [37, 35, 28, 26]
    assert stocktake.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right on odd pages, left on even ones
    for footer in (odd, even):
        assert " PAGE " in footer._p.xml and footer.text == "—  —"


def _east_asian(run) -> str:
    return run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_east_asian_font_names_are_set_in_the_file(stocktake):
    normal = stocktake.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    paragraphs = [p for p in stocktake.paragraphs if p.runs]
    title = paragraphs[0].runs[0]
    assert _east_asian(title) == "方正小标宋简体" and title.font.size.pt == 22
    heading = next(p for p in paragraphs if p.text.startswith("一、"))
    assert _east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size.pt == 16
    subheading = next(p for p in paragraphs if p.text.startswith("（一）"))
    assert _east_asian(subheading.runs[0]) == "楷体_GB2312"
    body = next(p for p in paragraphs if p.text.startswith("2026年"))
    assert _east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.line_spacing.pt == 28
    assert body.paragraph_format.first_line_indent.pt == 32
