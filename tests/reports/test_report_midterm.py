"""The mid-term evaluation: its own document, generated only once the first half of the plan has elapsed."""

from datetime import datetime

import docx
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantu.core.projection import project
from lantu.core.trajectory import Point, Target, TargetKind
from lantu.orgs.access import actor_for
from lantu.reports import services
from lantu.reports.models import GeneratedReport

HALF_WAY = timezone.make_aware(datetime(2028, 7, 15, 10, 0))


def _request(data, now):
    world = data.world
    return services.report_request(
        actor=actor_for(world.users["planner"]),
        kind="midterm",
        plan=world.plan,
        unit=world.prefecture,
        year=2028,
        now=now,
        language="zh-hans",
    )


def test_midterm_evaluation_before_half_way_is_refused_with_the_date_and_nothing_recorded(data, now):
    with pytest.raises(ValidationError) as refusal:
        _request(data, now)
    assert "实施期过半（2028年6月30日）后方可生成中期评估报告" in str(refusal.value)
    assert not GeneratedReport.objects.exists()


def test_midterm_evaluation_after_half_way_judges_each_goal_and_proposes_adjustments(data):
    report = _request(data, HALF_WAY)
    assert report.state == "done", report.message
    assert report.filename == "十五五规划中期评估（昌吉州）.docx"
    with report.file.open("rb") as handle:
        document = docx.Document(handle)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于“十五五”规划实施情况的中期评估报告" in text
    headings = [
        p.text for p in document.paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
    ]
    assert headings == [
        "一、总体情况",
        "二、主要目标和指标中期进展",
        "三、目标可达性研判和中期调整建议",
        "四、重大举措和重点任务完成情况",
        "五、重大项目推进情况",
        "六、下一步工作",
    ]
    assert "“时间过半、任务过半”" in text
    assert any(p.startswith("评估结论：本目标") for p in text.splitlines())
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[:3] == ["指标", "中期值", "序时应达值"] and "目标年预测值" in header


def test_projection_range_spans_the_trend_since_the_baseline_and_the_recent_pace():
    target = Target(TargetKind.LEVEL, 2025, 100.0, 2030, target_value=150.0)
    # fast at first, slower lately: the recent pace projects lower than the whole trend
    found = project(target, [Point(1, 115), Point(2, 128), Point(3, 132)])
    assert found is not None and found.low is not None and found.high is not None
    assert found.low < found.final <= found.high
    recent = 132 + (132 - 128) * 2
    assert found.low == pytest.approx(recent)
    two = project(target, [Point(1, 110)])
    assert two is not None and two.low == two.high == two.final
