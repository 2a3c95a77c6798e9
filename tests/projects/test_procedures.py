"""Pre-construction approvals (前期手续): planning from the catalogue, recording, queues, blocked and late."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lantu.core import overdue
from lantu.core.procedures import ProcedureStatus
from lantu.projects import procedure_selectors as selectors
from lantu.projects import procedures
from lantu.projects.models import ApprovalType, ProcedureKind, ProjectProcedure

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)
TODAY = date(2026, 10, 3)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _plan(actors, project, start=date(2026, 6, 1)):
    return procedures.procedures_plan(actor=actors["planner"], project=project, start=start, now=NOW)


def test_planning_follows_the_catalogue_groups_one_after_another(world, actors, catalogue):
    world.mulei_project.approval_type = ApprovalType.GOVERNMENT
    added = _plan(actors, world.mulei_project)
    planned = {p.kind.code: p.planned_date for p in added}
    assert planned == {
        "approval": date(2026, 6, 21),
        "land": date(2026, 7, 21),  # the parallel group starts when 立项 is planned to be granted
        "eia": date(2026, 8, 5),
        "permit": date(2026, 8, 20),  # after the longest of the parallel group
    }
    assert {p.department for p in added} == {world.drc, catalogue.land_bureau, catalogue.eco_bureau}


def test_a_filed_enterprise_project_does_not_get_the_procedures_of_other_types(world, actors, catalogue):
    world.qitai_project.approval_type = ApprovalType.FILING
    world.qitai_project.save()
    added = _plan(actors, world.qitai_project)
    assert "eia" not in {p.kind.code for p in added}


def test_planning_twice_adds_nothing_and_says_so(world, actors, catalogue):
    _plan(actors, world.mulei_project)
    with pytest.raises(ValidationError):
        _plan(actors, world.mulei_project)


def test_another_county_cannot_plan_a_projects_procedures(world, actors, catalogue):
    with pytest.raises(PermissionDenied):
        procedures.procedures_plan(actor=actors["qitai"], project=world.mulei_project, start=TODAY, now=NOW)
    assert not ProjectProcedure.objects.exists()


def _record(actor, procedure, **fields):
    values = {
        "started_date": procedure.started_date,
        "planned_date": procedure.planned_date,
        "done_date": procedure.done_date,
        "approval_number": procedure.approval_number,
    }
    values.update(fields)
    return procedures.procedure_record(actor=actor, procedure=procedure, now=NOW, **values)


def test_the_granting_department_records_its_grant_with_the_approval_number(
    world, actors, catalogue, land_actor
):
    land = next(p for p in _plan(actors, world.mulei_project) if p.kind.code == "land")
    _record(
        land_actor,
        land,
        started_date=date(2026, 7, 1),
        done_date=date(2026, 9, 1),
        approval_number="昌自然资预〔2026〕12号",
    )
    land.refresh_from_db()
    assert land.approval_number == "昌自然资预〔2026〕12号"
    assert land.history.first().history_user == world.users["land"]


def test_a_department_cannot_record_another_departments_procedure(world, actors, catalogue, land_actor):
    world.mulei_project.approval_type = ApprovalType.GOVERNMENT
    eia = next(p for p in _plan(actors, world.mulei_project) if p.kind.code == "eia")
    with pytest.raises(PermissionDenied):
        _record(land_actor, eia, started_date=date(2026, 7, 1))


def test_a_grant_needs_its_approval_number_and_cannot_be_in_the_future(world, actors, catalogue):
    approval = _plan(actors, world.mulei_project)[0]
    with pytest.raises(ValidationError) as refused:
        _record(actors["planner"], approval, done_date=date(2026, 10, 4))
    assert set(refused.value.message_dict) == {"done_date", "approval_number"}
    approval.refresh_from_db()
    assert approval.done_date is None


def test_moving_the_planned_date_needs_a_reason_kept_in_the_history(world, actors, catalogue):
    approval = _plan(actors, world.mulei_project)[0]
    with pytest.raises(ValidationError):
        _record(actors["planner"], approval, planned_date=date(2026, 12, 1))
    procedures.procedure_record(
        actor=actors["planner"],
        procedure=approval,
        now=NOW,
        started_date=None,
        planned_date=date(2026, 12, 1),
        done_date=None,
        reason="可研报告修改",
    )
    assert approval.history.first().history_change_reason == "可研报告修改"


def test_a_document_of_a_refused_type_is_not_stored(world, actors, catalogue):
    approval = _plan(actors, world.mulei_project)[0]
    upload = SimpleUploadedFile("批复.exe", b"MZ")
    with pytest.raises(ValidationError) as refused:
        _record(actors["planner"], approval, document=upload)
    assert "document" in refused.value.message_dict
    approval.refresh_from_db()
    assert not approval.document


def test_the_project_waits_for_the_late_parallel_procedure_since_the_last_grant(world, actors, catalogue):
    world.mulei_project.approval_type = ApprovalType.GOVERNMENT
    added = {p.kind.code: p for p in _plan(actors, world.mulei_project)}
    _record(
        actors["planner"], added["approval"], done_date=date(2026, 6, 18), approval_number="昌发改〔2026〕1号"
    )
    _record(
        actors["planner"], added["land"], done_date=date(2026, 7, 30), approval_number="昌自然资预〔2026〕3号"
    )
    found = selectors.project_procedures(actor=actors["leader"], project=world.mulei_project, on=TODAY)
    waiting = found.waiting
    assert [row.procedure.kind.code for row in waiting] == ["eia"]
    assert waiting[0].status is ProcedureStatus.OVERDUE
    assert waiting[0].waiting.since == date(2026, 6, 18)  # the day its group could start
    assert [row.procedure.kind.code for row in found.late] == ["eia", "permit"]
    assert next(r for r in found.rows if r.procedure.kind.code == "land").granted_late


def test_a_departments_queue_lists_its_procedures_in_progress_and_late_by_project(
    world, actors, catalogue, land_actor
):
    for project in (world.mulei_project, world.qitai_project):
        _plan(actors, project, start=date(2026, 9, 1))
    qitai_land = world.qitai_project.procedures.get(kind=catalogue.land)
    _record(land_actor, qitai_land, started_date=date(2026, 9, 20))
    mulei_land = world.mulei_project.procedures.get(kind=catalogue.land)
    _record(land_actor, mulei_land, planned_date=date(2026, 9, 30), reason="提前")
    queue = selectors.department_queue(actor=land_actor, department=catalogue.land_bureau, on=TODAY)
    assert [group.project for group in queue] == [world.mulei_project, world.qitai_project]  # the late first
    assert [row.status for row in queue[0].rows] == [ProcedureStatus.OVERDUE]
    assert [row.status for row in queue[1].rows] == [ProcedureStatus.IN_PROGRESS]


def test_a_county_reporter_does_not_see_a_departments_queue(world, actors, catalogue):
    with pytest.raises(PermissionDenied):
        selectors.department_queue(actor=actors["mulei"], department=catalogue.land_bureau, on=TODAY)
    assert selectors.queue_departments(actor=actors["mulei"]) == []


def test_blocked_projects_are_counted_per_kind_within_the_actors_scope(world, actors, catalogue):
    for project in (world.mulei_project, world.qitai_project):
        _plan(actors, project, start=date(2026, 6, 1))
    counts = {
        c.kind.code: (c.projects, c.late)
        for c in selectors.blocked_by_kind(actor=actors["planner"], on=TODAY)
    }
    assert counts == {"approval": (2, 2)}
    mulei_counts = selectors.blocked_by_kind(actor=actors["mulei"], on=TODAY)
    assert [(c.kind.code, c.projects) for c in mulei_counts] == [("approval", 1)]


def test_late_procedures_name_the_department_first_among_their_owners(world, actors, catalogue):
    _plan(actors, world.mulei_project, start=date(2026, 6, 1))
    late = selectors.late_procedures(on=TODAY)
    assert late and all(item.days_overdue > 0 for item in late)
    first = late[0]
    assert first.owner_unit_ids[0] == first.procedure.department_id
    assert world.mulei_county.pk in first.owner_unit_ids


def test_the_late_query_agrees_with_the_overdue_rule(world, catalogue):
    days = [TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)]
    cases = [(planned, done) for planned in days for done in [None, *days]]
    project = world.mulei_project
    rows = []
    for index, (planned, done) in enumerate(cases):
        kind = ProcedureKind.objects.create(code=f"k{index}", name=f"k{index}", department=world.drc)
        rows.append(
            ProjectProcedure.objects.create(
                project=project, kind=kind, department=world.drc, planned_date=planned, done_date=done
            )
        )
    found = set(ProjectProcedure.objects.filter(selectors.overdue_q(TODAY)).values_list("pk", flat=True))
    for row, (planned, done) in zip(rows, cases, strict=True):
        assert (row.pk in found) == overdue.is_overdue(planned, on=TODAY, done=done), (planned, done)
