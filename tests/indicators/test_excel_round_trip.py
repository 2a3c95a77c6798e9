"""Excel template of a unit's indicators and periods; uploads checked cell by cell, all or nothing."""

import io
from datetime import UTC, datetime
from decimal import Decimal

from django.utils import translation
from openpyxl import load_workbook

from lantu.indicators import excel
from lantu.indicators.models import Observation
from lantu.lib.spreadsheets import CellError, Column, read_sheet, write_sheet
from lantu.orgs.access import actor_for

NOW = datetime(2027, 11, 15, tzinfo=UTC)


def _book(data: bytes):
    return load_workbook(io.BytesIO(data)).worksheets[0]


def _fill(data: bytes, cells: dict[str, object]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        book.worksheets[0][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_template_lists_the_units_indicators_and_periods(world, output):
    sheet = _book(excel.template(actor_for(world.users["industry"]), NOW))
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r[1], r[4]) for r in rows] == [("output", "2026"), ("output", "2027")]  # not the bureau's gdp


def test_template_is_prefilled_with_recorded_values(world):
    sheet = _book(excel.template(actor_for(world.users["planner"]), NOW))
    rows = {(r[1], r[4]): r[5] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("gdp", "2026")] == 2680 and rows[("gdp", "2027")] is None


def test_upload_saves_every_row_and_a_second_upload_changes_nothing(world, output):
    actor = actor_for(world.users["industry"])
    filled = _fill(excel.template(actor, NOW), {"F2": 104.5, "F3": "109", "G3": "预计"})
    first = excel.upload(actor, filled, submit=True, now=NOW)
    assert (first.changed, first.errors) == (2, [])
    values = dict(output.observations.values_list("period", "value"))
    assert values == {"2026": Decimal("104.5"), "2027": Decimal("109")}
    history = Observation.history.count()
    again = excel.upload(actor, filled, submit=True, now=NOW)
    assert (again.changed, again.unchanged, again.errors) == (0, 2, [])
    assert Observation.history.count() == history


def test_one_bad_cell_saves_nothing_and_names_row_and_column_in_chinese(world, output):
    actor = actor_for(world.users["industry"])
    filled = _fill(
        excel.template(actor, NOW),
        {"F2": "104", "F3": "一百", "E4": "2028", "B4": "output", "A4": "fyp15", "F4": 1},
    )
    with translation.override("zh-hans"):
        result = excel.upload(actor, filled, submit=True, now=NOW)
        messages = [str(e) for e in result.errors]
    assert [(e.row, e.column) for e in result.errors] == [(3, "F"), (4, "E")]
    assert messages[0].startswith("第3行 F列（数值）：")
    assert not output.observations.exists()


def test_indicators_of_other_units_are_refused(world, output):
    actor = actor_for(world.users["industry"])
    filled = _fill(excel.template(actor, NOW), {"B2": "gdp"})
    filled = _fill(filled, {"F2": 1})
    result = excel.upload(actor, filled, submit=True, now=NOW)
    assert [(e.row, e.column) for e in result.errors] == [(2, "B")]
    assert world.gdp.observations.count() == 1


def test_a_file_that_is_not_a_workbook_is_refused_clearly(world):
    result = excel.upload(actor_for(world.users["industry"]), b"not excel", submit=True, now=NOW)
    assert [(e.row, e.column) for e in result.errors] == [(1, "A")]


def test_spreadsheet_helper_checks_required_cells_and_kinds():
    columns = [Column("name", "名称", required=True), Column("n", "数量", kind="integer")]
    data = write_sheet(columns, [{"name": "a", "n": 1}, {"name": "", "n": 2.5}], title="t")
    rows, errors = read_sheet(data, columns)
    assert [r.number for r in rows] == [2, 3] and rows[0]["n"] == 1
    assert [(e.row, e.column) for e in errors] == [(3, "A"), (3, "B")]
    assert isinstance(errors[0], CellError)


def test_spreadsheet_helper_refuses_a_foreign_header():
    data = write_sheet([Column("x", "别的")], [{"x": 1}], title="t")
    rows, errors = read_sheet(data, [Column("name", "名称")])
    assert rows == [] and [(e.row, e.column) for e in errors] == [(1, "A")]
