"""Ledgers as Excel files: rows from the data, grouped, frozen, filtered and set up for printing."""

import openpyxl
import pytest


def _sheet(report):
    assert report.state == "done", report.message
    with report.file.open("rb") as handle:
        return openpyxl.load_workbook(handle).active


def _body(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


@pytest.fixture
def task_sheet(generate):
    return _sheet(generate("task_ledger"))


def test_task_ledger_lists_tasks_under_merged_goal_headers(task_sheet):
    assert task_sheet["A1"].value == "十五五规划重点任务分解台账"
    assert [c.value for c in task_sheet[3]] == [
        "序号",
        "任务",
        "牵头单位",
        "配合单位",
        "完成时限",
        "进展",
        "状态",
    ]
    merged = {str(r) for r in task_sheet.merged_cells.ranges}
    assert {"A1:G1", "A2:G2", "A4:G4"} <= merged
    rows = _body(task_sheet)
    assert rows[0][0] == "1 目标一"
    number, task, lead, partners, deadline, progress, status = rows[1]
    assert (number, task, lead, partners) == (1, "1.1.1 精耕煤", "州工信局", "木垒县")
    assert deadline.date().isoformat() == "2027-12-31"
    assert progress.startswith("已完成50")
    assert status == "正常"  # 50% done with 45% of the time to the deadline gone


def test_ledger_header_is_frozen_filtered_and_printed_on_every_page(task_sheet):
    assert task_sheet.freeze_panes == "A4"
    assert task_sheet.auto_filter.ref.startswith("A3:G")
    assert task_sheet.print_title_rows == "$3:$3"
    assert task_sheet.page_setup.orientation == "landscape"
    assert int(task_sheet.page_setup.paperSize) == int(task_sheet.PAPERSIZE_A4)
    assert task_sheet.column_dimensions["B"].width == 48
    assert task_sheet["B5"].alignment.wrap_text


def test_project_ledger_shows_plan_and_approved_completion_with_number_formats(generate):
    sheet = _sheet(generate("project_ledger"))
    rows = {row[1]: row for row in _body(sheet) if row[1]}
    mulei = rows["P-ML-1"]
    assert mulei[6:12] == [770000, 100000, 80000, 0.8, "2026-10", "滞后"]
    assert rows["P-QT-1"][8] == 10000 and rows["P-QT-1"][11] == "严重滞后"
    cell = next(c for c in sheet["H"] if c.value == 100000)
    assert cell.number_format == "#,##0.00"
    assert next(c for c in sheet["J"] if c.value == 0.8).number_format == "0.0%"
    status_cells = {c.value: c.font.color.rgb.upper() for c in sheet["L"][3:] if c.value}
    assert status_cells["滞后"].endswith("D98A00") and status_cells["严重滞后"].endswith("C62F2F")
    groups = [row[0] for row in _body(sheet) if row[1] is None]
    assert groups == ["木垒哈萨克自治县", "奇台县"]


def test_county_ledger_holds_only_the_countys_projects(generate, data):
    sheet = _sheet(generate("project_ledger", "mulei", unit=data.world.mulei_county))
    codes = [row[1] for row in _body(sheet) if row[1]]
    assert codes == ["P-ML-1"]


def test_indicator_ledger_puts_binding_indicators_first(generate):
    rows = _body(_sheet(generate("indicator_ledger")))
    assert [row[0] for row in rows] == ["约束性指标", 1, "预期性指标", 2]
    assert rows[1][1] == "单位地区生产总值能耗" and rows[1][10] == "严重滞后"
    assert rows[3][1] == "地区生产总值" and rows[3][7] == 2680


def test_problem_ledger_groups_problems_by_factor(generate):
    rows = _body(_sheet(generate("problem_ledger")))
    assert [row[0] for row in rows] == ["用地", 1, "审批", 2]
    assert rows[1][1] == "用地指标不足" and rows[1][5] == "木垒县"
    assert rows[3][8] == "已解决"
