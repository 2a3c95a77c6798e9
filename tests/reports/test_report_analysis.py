"""Drafted analysis: the stocktake reads as a report, with its figures from the functions the pages use."""

import docx
import pytest

from lantu.dispatch.models import TaskReport
from lantu.reports.exporters.analysis import quote_names


def _paragraphs(report) -> list[str]:
    assert report.state == "done", report.message
    with report.file.open("rb") as handle:
        return [p.text for p in docx.Document(handle).paragraphs]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("十五五规划", "“十五五”规划"),
        ("“十五五”规划", "“十五五”规划"),
        ("十四五时期和十五五时期", "“十四五”时期和“十五五”时期"),
        ("五年规划", "五年规划"),
    ],
)
def test_plan_period_names_are_quoted_once(text, quoted):
    assert quote_names(text) == quoted


def test_stocktake_has_the_sections_of_a_report_in_order(generate):
    paragraphs = _paragraphs(generate("stocktake"))
    headings = [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == ["一、总体情况", "二、主要成效", "三、存在问题", "四、原因分析", "五、下一步工作"]


def test_problems_name_the_binding_indicator_first_and_causes_quote_the_reporter(data, generate):
    TaskReport.objects.filter(item=data.world.task).update(progress=5, narrative="征地拆迁进度慢")
    paragraphs = _paragraphs(generate("stocktake"))
    problems = next(p for p in paragraphs if p.startswith("部分指标进度滞后"))
    assert problems.startswith("部分指标进度滞后：约束性指标单位地区生产总值能耗")
    causes = next(p for p in paragraphs if p.startswith("据各责任单位报送"))
    task = data.world.task
    assert f"“征地拆迁进度慢”（{task.lead_unit.label}，2026年10月进展报告）" in causes
    steps = next(p for p in paragraphs if p.startswith("加快推进滞后重点任务"))
    assert task.title in steps
