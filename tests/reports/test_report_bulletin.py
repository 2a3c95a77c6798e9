"""The monthly dispatch bulletin as a Word file: its figures are the dispatch selectors' figures."""

from datetime import date, datetime
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from lantu.dispatch import kept
from lantu.dispatch import overview as dispatch
from lantu.dispatch.models import ProgressReport, ReportingPeriod
from lantu.orgs.access import actor_for, subtree
from lantu.problems.models import Problem
from lantu.projects.models import AnnualPlan
from lantu.reports.exporters.common import percent
from lantu.reports.models import GeneratedReport

TODAY = date(2026, 11, 23)


def aware(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def month_data(data):
    """Add deadlines, submission times, a project ahead of time and a problem solved in October."""
    world = data.world
    ReportingPeriod.objects.create(plan=world.plan, period="2026-09", deadline=date(2026, 10, 10))
    ReportingPeriod.objects.create(plan=world.plan, period="2026-10", deadline=date(2026, 11, 10))
    ProgressReport.objects.filter(project=world.mulei_project, period="2026-10").update(
        submitted_at=aware(2026, 11, 5)
    )
    ProgressReport.objects.filter(project=world.qitai_project, period="2026-10").update(
        submitted_at=aware(2026, 11, 15)
    )
    ProgressReport.objects.filter(project=world.qitai_project, period="2026-09").update(
        submitted_at=aware(2026, 10, 8)
    )
    AnnualPlan.objects.filter(project=world.mulei_project).update(planned_investment=Decimal("90000"))
    kept.rebuild()  # QuerySet.update passes the refresh on save; a bulk write is followed by a rebuild
    Problem.objects.create(
        project=world.qitai_project,
        title="施工用电未接入",
        factor="other",
        unit=world.qitai_county,
        due_date=date(2026, 10, 30),
        state="solved",
        resolution="已接入",
        raised_at=aware(2026, 10, 5),
        closed_at=aware(2026, 10, 20),
    )
    return data


def _open(report) -> docx.document.Document:
    assert report.state == "done", report.message
    with report.file.open("rb") as handle:
        return docx.Document(handle)


def _table(document, *header: str):
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in document.tables
        if tuple(cell.text for cell in table.rows[0].cells)[: len(header)] == header
    ]


def _bulletin(generate, unit=None, username="planner", month=10):
    report = generate("bulletin", username=username, unit=unit, month=month)
    return report, _open(report)


def test_bulletin_is_titled_with_plan_month_and_scope(generate, month_data):
    report, document = _bulletin(generate)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "“十五五”规划重大项目2026年10月调度通报" in text
    assert "昌吉回族自治州 · 截至2026年11月23日" in text
    assert report.filename.endswith("2026年10月调度通报（昌吉州）.docx") or "10月调度通报" in report.filename
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_completion_ranking_matches_the_dispatch_overview(generate, month_data):
    world = month_data.world
    _report, document = _bulletin(generate)
    overview = dispatch.overview(actor=actor_for(world.users["planner"]), period="2026-10", today=TODAY)
    [ranking] = _table(document, "排名", "县市")
    assert [row[1] for row in ranking[1:]] == [group.label for group in overview.counties]
    assert [row[5] for row in ranking[1:]] == [percent(group.completion.rate) for group in overview.counties]
    assert ranking[1][1] == world.mulei_county.label and ranking[1][5] == "88.9%"


def test_timeliness_ranking_matches_the_dispatch_figures(generate, month_data):
    world = month_data.world
    _report, document = _bulletin(generate)
    expected = dispatch.timeliness(period="2026-10", today=TODAY)
    [table] = _table(document, "排名", "牵头单位", "应报次数")
    assert [(row[1], int(row[2]), int(row[3]), row[4]) for row in table[1:]] == [
        (unit.label, due, on_time, percent(rate)) for unit, due, on_time, rate in expected
    ]
    rates = {row[1]: row[4] for row in table[1:]}
    assert rates[world.mulei_county.label] == "50%"  # September missing, October on time
    assert rates[world.qitai_county.label] == "50%"  # September on time, October late


def test_red_and_black_lists_match_the_dispatch_overview(generate, month_data):
    world = month_data.world
    _report, document = _bulletin(generate)
    overview = dispatch.overview(actor=actor_for(world.users["planner"]), period="2026-10", today=TODAY)
    red, black = _table(document, "序号", "项目")
    assert [row[1] for row in red[1:]] == [row.name for row in overview.leading]
    assert [row[1] for row in black[1:]] == [row.name for row in overview.lagging]
    assert (red[1][1], black[1][1]) == (world.mulei_project.name, world.qitai_project.name)
    assert black[1][4] == "20%"


def test_problems_solved_in_the_month_and_open_at_its_end(generate, month_data):
    _report, document = _bulletin(generate)
    solved_table, open_table = _table(document, "问题", "项目", "要素类别")
    assert [row[0] for row in solved_table[1:]] == ["施工用电未接入"]
    assert solved_table[1][-1] == "2026-10-20"
    assert [row[0] for row in open_table[1:]] == ["用地指标不足"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本月新增问题1个，解决1个；月末仍有1个问题未解决。" in text


def test_county_bulletin_holds_only_the_countys_projects(generate, month_data):
    world = month_data.world
    _report, document = _bulletin(generate, unit=world.mulei_county, username="mulei")
    overview = dispatch.overview(
        actor=actor_for(world.users["mulei"]),
        period="2026-10",
        today=TODAY,
        unit_ids=subtree(world.mulei_county.pk),
    )
    [ranking] = _table(document, "排名", "县市")
    assert [row[1] for row in ranking[1:]] == [g.label for g in overview.counties]
    assert [row[1] for row in ranking[1:]] == [world.mulei_county.label]
    body = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert world.qitai_project.name not in body and "施工用电未接入" not in body


def test_bulletin_without_a_month_is_refused_on_the_page(login, month_data):
    world = month_data.world
    form = {"kind": "bulletin", "plan": world.plan.pk, "year": 2026, "unit": world.prefecture.pk}
    response = login("planner").post(reverse("reports:index"), form)
    assert response.status_code == 400
    assert "请选择通报的月份。" in response.content.decode()
    assert not GeneratedReport.objects.exists()


def test_bulletin_is_offered_and_generated_from_the_page(login, month_data):
    world = month_data.world
    client = login("planner")
    assert 'value="bulletin"' in client.get(reverse("reports:index")).content.decode()
    form = {"kind": "bulletin", "plan": world.plan.pk, "year": 2026, "month": 10, "unit": world.prefecture.pk}
    assert client.post(reverse("reports:index"), form).status_code == 302
    report = GeneratedReport.objects.get()
    assert (report.kind, report.month, report.state) == ("bulletin", 10, "done")
    assert "2026-10" in client.get(reverse("reports:index")).content.decode()


def test_supervision_orders_of_the_month_by_unit_and_the_overdue_ones(generate, month_data):
    from lantu.supervision import services

    world = month_data.world
    planner, qitai = actor_for(world.users["planner"]), actor_for(world.users["qitai"])

    def order(title, unit, project, deadline, issued):
        return services.order_issue(
            actor=planner,
            unit=unit,
            project=project,
            title=title,
            requirement="说明原因并报送整改措施",
            deadline=deadline,
            now=issued,
        )

    order("督办用地报批", world.mulei_county, world.mulei_project, date(2026, 10, 20), aware(2026, 10, 3))
    started = order(
        "督办开工", world.qitai_county, world.qitai_project, date(2026, 10, 25), aware(2026, 10, 5)
    )
    services.order_respond(actor=qitai, order=started, text="已开工", now=aware(2026, 10, 18))
    services.order_close(actor=planner, order=started, text="", now=aware(2026, 10, 22))
    order("督办十一月事项", world.qitai_county, world.qitai_project, date(2026, 12, 1), aware(2026, 11, 2))
    _report, document = _bulletin(generate)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本月下发督办事项2项，销号1项（按期1项）；月末未办结1项，其中逾期未反馈1项。" in text
    [by_unit] = _table(document, "单位", "本月下发")
    assert by_unit[1:] == [
        [world.mulei_county.label, "1", "0", "1", "1"],
        [world.qitai_county.label, "1", "1", "0", "0"],
    ]
    [overdue] = _table(document, "督办事项", "单位", "完成时限")
    assert [row[:3] for row in overdue[1:]] == [["督办用地报批", world.mulei_county.label, "2026-10-20"]]
