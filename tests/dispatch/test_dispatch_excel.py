"""Excel round trip: prefilled template, cell-by-cell validation in Chinese, all-or-nothing, idempotent."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from lantu.dispatch import excel
from lantu.dispatch.models import ProgressReport
from lantu.projects.models import Project, Stage


def _fill(content: bytes, rows: dict[int, dict[str, object]]) -> bytes:
    book = load_workbook(BytesIO(content))
    sheet = book["调度"]
    for row, values in rows.items():
        for key, value in values.items():
            sheet.cell(row=row, column=excel.COLUMN[key], value=value)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def second_project(world):
    return Project.objects.create(
        plan=world.plan,
        code="P-ML-2",
        name="木垒县第二个项目",
        county=world.mulei_county,
        lead_unit=world.mulei_county,
        stage=Stage.NEW,
    )


def test_template_is_prefilled_with_the_units_projects(world, open_period, second_project):
    book = load_workbook(
        BytesIO(excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True))
    )
    sheet = book["调度"]
    assert [sheet.cell(row=r, column=1).value for r in (3, 4)] == ["P-ML-1", "P-ML-2"]
    assert sheet.cell(row=3, column=excel.COLUMN["planned"]).value == 1200
    assert sheet.cell(row=5, column=1).value is None  # 奇台's project is not in 木垒's template


def test_good_upload_saves_drafts_and_the_same_file_again_changes_nothing(world, actors, open_period):
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True),
        {3: {"completed_investment": 150, "cumulative_investment": "980", "physical_progress": 45}},
    )
    result = excel.upload_apply(
        actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content
    )
    assert (result.saved, result.unchanged) == (1, 0)
    report = ProgressReport.objects.get(project=world.mulei_project, period="2026-09")
    assert (report.cumulative_investment, report.physical_progress, report.state) == (
        Decimal("980"),
        Decimal("45"),
        "draft",
    )
    history = report.history.count()
    again = excel.upload_apply(
        actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content
    )
    assert (again.saved, again.unchanged) == (0, 1)
    assert report.history.count() == history


def test_bad_cells_are_listed_by_row_and_column_in_chinese_and_nothing_is_saved(
    world, actors, open_period, second_project
):
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True),
        {
            3: {"completed_investment": 10, "cumulative_investment": 100},
            4: {"completed_investment": "很多", "cumulative_investment": -3},
            5: {"code": "P-QT-1", "completed_investment": 1, "cumulative_investment": 1},
            6: {"code": "NOPE", "completed_investment": 1, "cumulative_investment": 1},
            7: {"code": "P-ML-1", "completed_investment": 1, "cumulative_investment": 1},
        },
    )
    with translation.override("zh-hans"), pytest.raises(excel.SheetRejected) as rejected:
        excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    cells = {(e.row, e.column) for e in rejected.value.errors}
    assert {(4, "D"), (4, "E"), (5, "A"), (6, "A"), (7, "A")} <= cells
    with translation.override("zh-hans"):
        texts = [str(e) for e in rejected.value.errors]
    assert any(t.startswith("第4行") and "D列" in t for t in texts), texts
    assert not ProgressReport.objects.filter(period="2026-09").exists()


def _august(world):
    return ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-08",
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("800"),
        state="approved",
    )


def test_shrinking_cumulative_in_the_sheet_is_refused_unless_the_reason_column_says_why(
    world, actors, open_period
):
    _august(world)
    template = excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True)
    content = _fill(template, {3: {"completed_investment": 10, "cumulative_investment": 700}})
    with pytest.raises(excel.SheetRejected) as rejected:
        excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    assert [(e.row, e.column) for e in rejected.value.errors] == [(3, "E"), (3, "I")]
    assert not ProgressReport.objects.filter(period="2026-09").exists()
    content = _fill(
        template,
        {
            3: {
                "completed_investment": 10,
                "cumulative_investment": 700,
                "correction_reason": "八月多报，已核减",
            }
        },
    )
    excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    report = ProgressReport.objects.get(project=world.mulei_project, period="2026-09")
    assert (report.cumulative_investment, report.correction_reason) == (Decimal("700"), "八月多报，已核减")


def test_a_sheet_cumulative_that_does_not_add_up_names_its_cell_and_the_difference(
    world, actors, open_period
):
    _august(world)
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True),
        {3: {"completed_investment": 100, "cumulative_investment": 950}},
    )
    with pytest.raises(excel.SheetRejected) as rejected:
        excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    with translation.override("zh-hans"):
        texts = [str(e) for e in rejected.value.errors]
    assert texts[0].startswith("第3行") and "E列" in texts[0] and "多 50 万元" in texts[0], texts


def test_an_empty_cumulative_cell_is_computed_from_last_month(world, actors, open_period):
    _august(world)
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True),
        {3: {"completed_investment": 100}},
    )
    excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    report = ProgressReport.objects.get(project=world.mulei_project, period="2026-09")
    assert report.cumulative_investment == Decimal("900")


def test_a_file_that_is_not_excel_is_refused(world, actors, open_period):
    with pytest.raises(excel.SheetRejected):
        excel.upload_apply(
            actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=b"not xlsx"
        )


def test_upload_page_names_the_wrong_cell(world, login, open_period):
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True),
        {3: {"completed_investment": 10, "cumulative_investment": "abc"}},
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login("mulei").post(
        "/projects/dispatch/excel/mulei/2026-09/upload/",
        {"file": SimpleUploadedFile("t.xlsx", content)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert 'data-row="3" data-column="E"' in response.content.decode()


def test_another_county_cannot_upload_for_mulei(world, login, open_period):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True)
    response = login("qitai").post(
        "/projects/dispatch/excel/mulei/2026-09/upload/", {"file": SimpleUploadedFile("t.xlsx", content)}
    )
    assert response.status_code == 403


def _report(world, **fields):
    values = {"completed_investment": Decimal("10"), "cumulative_investment": Decimal("10"), "state": "draft"}
    return ProgressReport.objects.create(project=world.mulei_project, period="2026-09", **(values | fields))


def test_another_units_template_carries_no_drafts_only_the_figures_in_force(world, login, open_period):
    _report(world, narrative="草稿：尚未报送的进展")
    response = login("qitai").get("/projects/dispatch/excel/mulei/2026-09/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content))["调度"]
    assert sheet.cell(row=3, column=excel.COLUMN["narrative"]).value is None
    assert sheet.cell(row=3, column=excel.COLUMN["completed_investment"]).value is None
    own = load_workbook(BytesIO(login("mulei").get("/projects/dispatch/excel/mulei/2026-09/").content))[
        "调度"
    ]
    assert own.cell(row=3, column=excel.COLUMN["narrative"]).value == "草稿：尚未报送的进展"


def test_the_template_downloads_under_a_chinese_file_name(world, login, open_period):
    response = login("mulei").get("/projects/dispatch/excel/mulei/2026-09/")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert "%E8%B0%83%E5%BA%A6" in response["Content-Disposition"]  # 调度


def test_a_stored_formula_or_control_character_neither_runs_nor_breaks_the_template(
    world, login, open_period
):
    report = _report(world, narrative='=HYPERLINK("http://evil","点击")', milestones="@SUM(1)")
    # Saving now refuses control characters; a row stored before that (or by a bulk update) may hold one.
    ProgressReport.objects.filter(pk=report.pk).update(narrative=report.narrative + "\x1b")
    response = login("mulei").get("/projects/dispatch/excel/mulei/2026-09/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content))["调度"]
    cell = sheet.cell(row=3, column=excel.COLUMN["narrative"])
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://evil","点击")')
    assert sheet.cell(row=3, column=excel.COLUMN["milestones"]).data_type == "s"


def test_a_number_too_large_for_the_field_is_refused_by_cell_and_nothing_is_saved(world, actors, open_period):
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-09", drafts=True),
        {3: {"completed_investment": "1e30", "cumulative_investment": "9" * 25}},
    )
    with pytest.raises(excel.SheetRejected) as rejected:
        excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    assert [(e.row, e.column) for e in rejected.value.errors] == [(3, "D"), (3, "E")]
    assert not ProgressReport.objects.exists()


def test_a_file_that_is_not_excel_gets_the_refusal_page_not_a_server_error(world, login, open_period):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login("mulei").post(
        "/projects/dispatch/excel/mulei/2026-09/upload/",
        {"file": SimpleUploadedFile("t.xlsx", b"this is not a workbook")},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "不是Excel" in response.content.decode() or "xlsx" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_template_of_another_month_is_refused_as_a_whole(world, actors, open_period):
    content = _fill(
        excel.template_bytes(unit=world.mulei_county, period="2026-08", drafts=True),
        {3: {"completed_investment": 1}},
    )
    with pytest.raises(excel.SheetRejected) as rejected:
        excel.upload_apply(actor=actors["mulei"], unit=world.mulei_county, period="2026-09", content=content)
    assert [(e.row, e.column) for e in rejected.value.errors] == [(1, "A")]
