"""Project library import: columns mapped once per layout, matched by code or name, all or nothing."""

import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from openpyxl import Workbook

from lantu.projects import library
from lantu.projects.models import LibraryImport, LibraryLayout, Project

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)
HEADERS = ["序号", "项目名称", "项目代码", "建设地点", "总投资（万元）", "建设规模及主要建设内容", "开工年份"]
CODE = "2107-652328-04-01-583026"


def sheet(rows, headers=HEADERS) -> bytes:
    """Return an export like the library's: a title row above the header row."""
    book = Workbook()
    ws = book.active
    ws.append(["2026年昌吉州重大项目库导出"])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(actors, data, who="planner"):
    return library.library_upload(actor=actors[who], data=data, file_name="项目库.xlsx", now=NOW)


def mapped(actors, data):
    batch = upload(actors, data)
    return library.library_map(actor=actors["planner"], batch=batch, mapping=batch.mapping, now=NOW)


GOOD = [
    [1, "木垒县新能源项目", CODE, "木垒县", 800000, "风电 50 万千瓦", 2026],
    [2, "奇台县储能电站", "2107-652325-04-01-000123", "奇台县", 56000, "储能 20 万千瓦时", 2027],
]


def test_a_new_layout_is_guessed_then_mapped_and_remembered(world, actors):
    batch = upload(actors, sheet(GOOD))
    assert batch.state == LibraryImport.State.MAPPING
    assert batch.mapping["name"] == "项目名称" and batch.mapping["national_code"] == "项目代码"
    library.library_map(actor=actors["planner"], batch=batch, mapping=batch.mapping, now=NOW)
    assert LibraryLayout.objects.get().mapping == batch.mapping
    again = upload(actors, sheet(GOOD))
    assert again.state == LibraryImport.State.REVIEW  # same header row: read at once


def test_rows_match_by_name_propose_changes_and_new_projects(world, actors):
    batch = mapped(actors, sheet(GOOD))
    by_row = {entry["row"]: entry for entry in batch.proposal}
    assert by_row[3]["action"] == "change" and by_row[3]["project_id"] == world.mulei_project.pk
    assert by_row[3]["fields"]["national_code"] == [None, CODE]
    assert by_row[3]["fields"]["total_investment"] == ["770000.00", "800000"]
    assert by_row[4]["action"] == "new" and by_row[4]["fields"]["county"] == [None, "qitai"]
    assert Project.objects.count() == 2  # nothing applied before the review


def test_applying_creates_and_updates_every_project_at_once(world, actors):
    batch = mapped(actors, sheet(GOOD))
    library.library_apply(actor=actors["planner"], batch=batch, now=NOW)
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.national_code == CODE
    assert world.mulei_project.total_investment == Decimal("800000")
    created = Project.objects.get(name="奇台县储能电站")
    assert created.county == world.qitai_county and created.national_code == "2107-652325-04-01-000123"
    assert created.stage == "reserve"
    assert LibraryImport.objects.get().state == LibraryImport.State.APPLIED


def test_a_row_matches_by_code_before_name(world, actors):
    world.mulei_project.national_code = CODE
    world.mulei_project.save()
    batch = mapped(actors, sheet([[1, "木垒县新能源项目（一期）", CODE, "木垒县", 770000, "", 2026]]))
    (entry,) = batch.proposal
    assert entry["project_id"] == world.mulei_project.pk
    assert entry["fields"] == {
        "name": ["木垒县新能源项目", "木垒县新能源项目（一期）"],
        "start_year": [None, 2026],
    }


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([1, "新项目甲", "2107-652328-04-01", "木垒县", 100, "", 2026], "第3行 C列"),  # malformed code
        ([1, "新项目乙", "", "火星县", 100, "", 2026], "第3行 D列"),  # unknown county
        ([1, "新项目丙", "", "木垒县", "约一亿", "", 2026], "第3行 E列"),  # not a number
        ([1, "新项目丁", "", "", 100, "", 2026], "第3行 D列"),  # a new project without its county
        ([1, "", "", "木垒县", 100, "", 2026], "第3行 B列"),  # no name
    ],
)
def test_a_bad_cell_refuses_the_whole_sheet_with_its_row_and_column(world, actors, row, expected):
    good = [2, "奇台县储能电站", "", "奇台县", 56000, "", 2027]
    batch = upload(actors, sheet([row, good]))
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        library.library_map(actor=actors["planner"], batch=batch, mapping=batch.mapping, now=NOW)
    assert any(message.startswith(expected) for message in refused.value.messages), refused.value.messages
    batch.refresh_from_db()
    assert batch.state == LibraryImport.State.MAPPING and batch.proposal == []
    assert not LibraryLayout.objects.exists() and Project.objects.count() == 2


def test_a_sheet_under_a_remembered_layout_is_refused_whole_and_nothing_is_kept(world, actors):
    mapped(actors, sheet(GOOD))
    before = LibraryImport.objects.count()
    repeated = [GOOD[0], [2, "木垒县新能源项目", "", "木垒县", 1, "", 2026]]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        upload(actors, sheet(repeated))
    assert refused.value.messages == ["第4行 B列：与第3行重复。"]
    assert LibraryImport.objects.count() == before


def test_a_code_of_one_project_and_the_name_of_another_is_refused(world, actors):
    world.qitai_project.national_code = CODE
    world.qitai_project.save()
    batch = upload(actors, sheet([[1, "木垒县新能源项目", CODE, "木垒县", 1, "", 2026]]))
    with pytest.raises(ValidationError):
        library.library_map(actor=actors["planner"], batch=batch, mapping=batch.mapping, now=NOW)


def test_applying_is_refused_when_the_projects_changed_since_the_review(world, actors):
    batch = mapped(actors, sheet(GOOD))
    world.mulei_project.total_investment = Decimal("1")
    world.mulei_project.save()
    with pytest.raises(ValidationError):
        library.library_apply(actor=actors["planner"], batch=batch, now=NOW)
    assert not Project.objects.filter(name="奇台县储能电站").exists()


def test_a_mapping_without_the_name_column_is_refused(world, actors):
    batch = upload(actors, sheet(GOOD))
    with pytest.raises(ValidationError):
        library.library_map(
            actor=actors["planner"], batch=batch, mapping={"national_code": "项目代码"}, now=NOW
        )


def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_is_kept(world, actors):
    with pytest.raises(ValidationError):
        upload(actors, b"not a workbook")
    assert not LibraryImport.objects.exists()


def test_only_the_planning_office_imports_the_library(world, actors):
    with pytest.raises(PermissionDenied):
        upload(actors, sheet(GOOD), who="mulei")


def test_the_pages_walk_from_upload_to_applied(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("planner")
    response = client.post("/projects/library/", {"file": SimpleUploadedFile("库.xlsx", sheet(GOOD))})
    batch = LibraryImport.objects.get()
    assert response.status_code == 302
    page = client.get(f"/projects/library/{batch.pk}/").content.decode()
    assert 'id="library-mapping"' in page
    client.post(f"/projects/library/{batch.pk}/", {key: header for key, header in batch.mapping.items()})
    page = client.get(f"/projects/library/{batch.pk}/").content.decode()
    assert 'id="library-proposal"' in page and "奇台县储能电站" in page
    client.post(f"/projects/library/{batch.pk}/decide/")
    assert Project.objects.filter(name="奇台县储能电站").exists()


PLACED = ["项目名称", "建设地点", "纬度", "经度"]


def test_coordinates_are_imported_with_the_projects_facts(world, actors):
    batch = mapped(actors, sheet([["木垒县新能源项目", "木垒县", 43.83211, "90.28456"]], headers=PLACED))
    assert batch.mapping["latitude"] == "纬度" and batch.mapping["longitude"] == "经度"
    assert batch.proposal[0]["fields"]["latitude"] == [None, "43.83211"]
    library.library_apply(actor=actors["planner"], batch=batch, now=NOW)
    world.mulei_project.refresh_from_db()
    assert (world.mulei_project.latitude, world.mulei_project.longitude) == (
        Decimal("43.83211"),
        Decimal("90.28456"),
    )


def test_a_coordinate_out_of_range_or_without_its_pair_is_refused_by_cell(world, actors):
    rows = [["木垒县新能源项目", "木垒县", 143.8, 90.2], ["奇台县煤化工项目", "奇台县", 44.1, None]]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        mapped(actors, sheet(rows, headers=PLACED))
    text = " ".join(refused.value.messages)
    assert "第3行 C列" in text and "纬度应在 -90 至 90 度之间" in text
    assert "第4行 D列" in text and "经度和纬度须同时填写或同时留空" in text
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.latitude is None
