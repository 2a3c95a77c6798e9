"""Problems ledger lifecycle and figures; task reports with evidence files."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lantu.dispatch import tasks
from lantu.lib import uploads
from lantu.lib.errors import StaleEdit
from lantu.problems import selectors as problem_selectors
from lantu.problems import services as problems


@pytest.fixture(autouse=True)
def english(settings):
    """Read the services' messages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _raise(actors, world, now, **extra):
    values = {
        "title": "用地指标未落实",
        "factor": "land",
        "urgency": "high",
        "unit": world.drc,
        "due_date": date(2026, 11, 1),
        **extra,
    }
    return problems.problem_raise(actor=actors["mulei"], project=world.mulei_project, now=now, **values)


def test_problem_goes_open_in_progress_solved_and_solving_needs_a_resolution(world, actors, now):
    problem = _raise(actors, world, now)
    assert problem.state == "open"
    problems.problem_move(actor=actors["planner"], problem=problem, state="in_progress", now=now)
    with pytest.raises(ValidationError):
        problems.problem_move(actor=actors["planner"], problem=problem, state="solved", now=now)
    problems.problem_move(
        actor=actors["planner"], problem=problem, state="solved", now=now, resolution="已协调"
    )
    assert problem.state == "solved" and problem.closed_at == now
    with pytest.raises(ValidationError):
        problems.problem_move(actor=actors["planner"], problem=problem, state="open", now=now)


def test_only_the_office_escalates_and_other_counties_cannot_raise(world, actors, now):
    problem = _raise(actors, world, now)
    with pytest.raises(PermissionDenied):
        problems.problem_move(actor=actors["mulei"], problem=problem, state="escalated", now=now)
    problems.problem_move(actor=actors["planner"], problem=problem, state="escalated", now=now)
    with pytest.raises(PermissionDenied):
        _raise({"mulei": actors["qitai"]}, world, now)


def test_problem_with_an_unknown_factor_or_past_due_date_is_refused(world, actors, now):
    with pytest.raises(ValidationError) as error:
        _raise(actors, world, now, factor="luck", due_date=date(2020, 1, 1))
    assert {"factor", "due_date"} <= set(error.value.message_dict)


def test_figures_count_open_resolution_rate_age_and_breakdowns(world, actors, now):
    first = _raise(actors, world, now - timedelta(days=10))
    _raise(
        actors,
        world,
        now - timedelta(days=4),
        factor="water",
        unit=world.industry_bureau,
        due_date=date(2026, 12, 1),
    )
    problems.problem_move(actor=actors["planner"], problem=first, state="solved", now=now, resolution="ok")
    figures = problem_selectors.problem_figures(actor=actors["leader"], now=now)
    assert (figures.total, figures.open, figures.solved) == (2, 1, 1)
    assert figures.resolution_rate == Decimal("50.0")
    assert figures.average_age_days == Decimal("4.0")
    assert {row["factor"]: row["open"] for row in figures.by_factor} == {"water": 1, "land": 0}
    assert {row["label"]: row["rate"] for row in figures.by_unit} == {
        "州工信局": Decimal("0.0"),
        "州发改委": Decimal("100.0"),
    }


def test_task_report_takes_pdf_evidence_and_refuses_other_types_and_stale_saves(
    world, actors, now, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = tasks.task_report_save(
        actor=actors["industry"],
        item=world.task,
        period="2026-09",
        version=None,
        progress=Decimal("40"),
        narrative="推进中",
    )
    attachment = tasks.attachment_add(
        actor=actors["industry"], report=report, upload=SimpleUploadedFile("批复.pdf", b"%PDF-1.4"), now=now
    )
    assert attachment.file.storage.exists(attachment.file.name) and attachment.size == 8
    with pytest.raises(ValidationError, match="only PDF"):
        tasks.attachment_add(
            actor=actors["industry"], report=report, upload=SimpleUploadedFile("x.exe", b"MZ"), now=now
        )
    opened = report.version
    tasks.task_report_save(
        actor=actors["industry"],
        item=world.task,
        period="2026-09",
        version=opened,
        progress=Decimal("45"),
        narrative="",
    )
    with pytest.raises(StaleEdit):
        tasks.task_report_save(
            actor=actors["industry"],
            item=world.task,
            period="2026-09",
            version=opened,
            progress=Decimal("50"),
            narrative="",
        )


def test_task_report_is_reported_by_its_lead_unit_and_reviewed_by_the_office(world, actors, now):
    with pytest.raises(PermissionDenied):
        tasks.task_report_save(
            actor=actors["mulei"],
            item=world.task,
            period="2026-09",
            version=None,
            progress=Decimal("1"),
            narrative="",
        )
    report = tasks.task_report_save(
        actor=actors["industry"],
        item=world.task,
        period="2026-09",
        version=None,
        progress=Decimal("10"),
        narrative="",
    )
    tasks.task_report_submit(actor=actors["industry"], report=report, now=now)
    with pytest.raises(PermissionDenied):
        tasks.task_report_review(actor=actors["industry"], report=report, approve=True, now=now)
    tasks.task_report_review(actor=actors["planner"], report=report, approve=True, now=now)
    assert report.state == "approved"


def test_oversized_evidence_is_refused(world, actors, now, monkeypatch):
    monkeypatch.setattr(uploads, "EVIDENCE_MAX_BYTES", 4)
    report = tasks.task_report_save(
        actor=actors["industry"],
        item=world.task,
        period="2026-09",
        version=None,
        progress=Decimal("10"),
        narrative="",
    )
    with pytest.raises(ValidationError, match="larger than"):
        tasks.attachment_add(
            actor=actors["industry"], report=report, upload=SimpleUploadedFile("a.pdf", b"12345"), now=now
        )
