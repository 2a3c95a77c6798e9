"""The 公文 frame (GB/T 9704-2012): the office's settings around each document, and its own letterhead."""

import io
from datetime import date

import docx
import pytest
from django.core.files.base import ContentFile

from lantu.reports.frames import document_date, document_number
from lantu.reports.models import KindFrame, OfficeFrame
from lantu.reports.renderers.docx_frame import RED
from lantu.reports.renderers.docx_gbt9704 import check_template


def _open(report) -> docx.document.Document:
    assert report.state == "done", report.message
    with report.file.open("rb") as handle:
        return docx.Document(handle)


def _cells(tables) -> list[str]:
    """Return the paragraphs of the tables' cells, and of the tables inside them."""
    cells = [c for t in tables for row in t.rows for c in row.cells]
    return [p.text for c in cells for p in c.paragraphs] + (
        _cells([t for c in cells for t in c.tables]) if cells else []
    )


def _lines(document) -> list[str]:
    return [p.text for p in document.paragraphs] + _cells(document.tables)


@pytest.fixture
def office(data):
    """Give 州发改委 (the planner's office) a frame; the bulletin goes down to the counties."""
    frame = OfficeFrame.objects.create(
        unit=data.world.drc,
        issuer_mark="昌吉回族自治州发展和改革委员会文件",
        number_prefix="昌州发改",
        signatory="×××",
        signature="昌吉回族自治州发展和改革委员会",
        annotation="联系人：规划科",
        copy_to="州党委办公室，州人大常委会办公室",
        printer="州发展和改革委员会办公室",
    )
    KindFrame.objects.create(
        office=frame, kind="bulletin", doc_type="通报", recipients="各县市发展和改革委员会"
    )
    return frame


def test_date_of_a_document_is_written_in_arabic_numerals_unless_the_office_asks_for_chinese():
    day = date(2026, 12, 6)
    assert document_date(day) == "2026年12月6日"
    assert document_date(day, OfficeFrame.Numerals.CHINESE) == "二〇二六年十二月六日"
    assert document_date(date(2030, 10, 31), "chinese") == "二〇三〇年十月三十一日"


def test_document_number_has_hexagonal_brackets_and_a_blank_until_issued():
    assert document_number("昌州发改", 2026, 12) == "昌州发改〔2026〕12号"
    assert document_number("昌州发改", 2026, None) == "昌州发改〔2026〕\u3000\u3000号"


def test_stocktake_to_the_government_carries_the_red_mark_number_signatory_and_imprint(office, generate):
    document = _open(generate("stocktake"))
    lines = _lines(document)
    mark = document.paragraphs[0]
    assert mark.text == "昌吉回族自治州发展和改革委员会文件"
    assert mark.runs[0].font.color.rgb == RED
    assert any(line.startswith("昌州发改〔2026〕") and "签发人：×××" in line for line in lines)
    assert "昌吉回族自治州人民政府：" in lines  # by default a report goes up to the plan's government
    assert "昌吉回族自治州发展和改革委员会" in lines
    assert "2026年11月23日" in lines
    assert "（联系人：规划科）" in lines
    assert "抄送：州党委办公室，州人大常委会办公室。" in lines
    assert "州发展和改革委员会办公室" in lines and "2026年11月23日印发" in lines


def test_bulletin_to_the_counties_uses_its_kind_settings_and_names_no_signatory(office, generate):
    document = _open(generate("bulletin", month=10))
    lines = _lines(document)
    assert "各县市发展和改革委员会：" in lines
    assert not any("签发人" in line for line in lines)
    assert any(line.startswith("昌州发改〔2026〕") for line in lines)


def test_document_without_an_office_frame_has_none(generate):
    lines = _lines(_open(generate("stocktake")))
    assert not any("签发人" in line or line.startswith("抄送") for line in lines)


def _template(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_office_letterhead_template_is_filled_with_the_frame_and_the_body(office, generate):
    letterhead = _template(
        "昌吉州发改委（自制版头）",
        "{{ 发文字号 }}",
        "{{ 标题 }}",
        "{{ 主送机关 }}",
        "{{p 正文 }}",
        "{{ 成文日期 }}",
    )
    office.template.save("letterhead.docx", ContentFile(letterhead))
    document = _open(generate("stocktake"))
    lines = _lines(document)
    assert lines[0] == "昌吉州发改委（自制版头）"
    assert lines[1].startswith("昌州发改〔2026〕")
    assert lines[2] == "关于“十五五”规划2026年度实施情况的报告"
    assert lines[3] == "昌吉回族自治州人民政府："
    assert any(line.startswith("一、") for line in lines)  # the body's headings
    assert document.tables  # and its tables
    assert "2026年11月23日" in lines
    assert "{{" not in "".join(lines)


def test_letterhead_template_with_unknown_placeholders_or_no_body_is_refused():
    assert "签发日期" in check_template(io.BytesIO(_template("{{ 签发日期 }}", "{{p 正文 }}")))
    assert "正文" in check_template(io.BytesIO(_template("{{ 标题 }}")))
    assert check_template(io.BytesIO(b"not a word file"))
    assert check_template(io.BytesIO(_template("{{ 标题 }}", "{{p 正文 }}"))) == ""
