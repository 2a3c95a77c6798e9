"""The one xlsx round trip: formula-safe writing, cell checks with labels, caption and meta sheet."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from lantu.lib.spreadsheets import Column, read_meta, read_sheet, write_sheet

TEXT = Column("text", "文本")
MONEY = Column(
    "money",
    "金额（万元）",
    kind="decimal",
    minimum=Decimal(0),
    max_digits=16,
    places=2,
    suffixes=("万元",),
    hints=(("亿", "请以万元填写"),),
)


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", '=HYPERLINK("http://x","y")'])
def test_text_that_looks_like_a_formula_is_written_as_text_and_reads_back_unchanged(text):
    data = write_sheet([TEXT], [{"text": text}], title="t")
    cell = _book(data).active["A2"]
    assert cell.data_type == "s" and cell.quotePrefix
    rows, errors = read_sheet(data, [TEXT])
    assert not errors and rows[0]["text"] == text


@given(st.text(max_size=40))
def test_any_stored_text_can_be_written_and_never_becomes_a_formula(text):
    data = write_sheet([TEXT], [{"text": text}], title="t")
    cell = _book(data).active["A2"]
    assert cell.data_type != "f"


def test_control_characters_are_dropped_instead_of_breaking_the_download():
    data = write_sheet([TEXT], [{"text": "进展\x1b[31m正常\x00"}], title="t")
    assert _book(data).active["A2"].value == "进展[31m正常"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e30", "过大"),
        ("9" * 25, "过大"),
        ("-3", "不能为负数"),
        ("3亿", "请以万元填写"),
        ("很多", "不是数字"),
    ],
)
def test_a_bad_number_names_its_cell_and_column_and_is_not_kept(typed, message):
    data = write_sheet([TEXT, MONEY], [{"text": "a", "money": typed}], title="t")
    with translation.override("zh-hans"):
        rows, errors = read_sheet(data, [TEXT, MONEY])
        texts = [str(e) for e in errors]
    assert [(e.row, e.column) for e in errors] == [(2, "B")]
    assert texts[0].startswith("第2行 B列（金额（万元））：") and message in texts[0], texts
    assert rows[0]["money"] is None


def test_units_typed_after_a_number_are_accepted_and_places_are_those_of_the_field():
    data = write_sheet([MONEY], [{"money": "1,234.567万元"}, {"money": 12.3}], title="t")
    rows, errors = read_sheet(data, [MONEY])
    assert not errors
    assert [row["money"] for row in rows] == [Decimal("1234.57"), Decimal("12.30")]


def test_a_caption_row_and_a_hidden_protected_meta_sheet_round_trip():
    data = write_sheet(
        [TEXT],
        [{"text": "x"}],
        title="调度",
        caption="木垒县 2026-09",
        meta={"unit": "mulei", "period": "2026-09"},
    )
    book = _book(data)
    assert book["调度"]["A1"].value == "木垒县 2026-09" and book["调度"]["A2"].value == "文本"
    assert book["meta"].sheet_state == "hidden" and book["meta"].protection.sheet
    assert read_meta(data) == {"unit": "mulei", "period": "2026-09"}
    rows, errors = read_sheet(data, [TEXT], header_row=2, sheet_name="调度")
    assert not errors and [(row.number, row["text"]) for row in rows] == [(3, "x")]
    assert read_sheet(data, [TEXT])[1][0].message  # read as if row 1 were the header: refused


def test_a_file_that_is_not_a_workbook_is_one_error_at_the_first_cell():
    rows, errors = read_sheet(b"PK\x03\x04 not really", [TEXT])
    assert rows == [] and [(e.row, e.column) for e in errors] == [(1, "A")]
    assert read_meta(b"nope") == {}
