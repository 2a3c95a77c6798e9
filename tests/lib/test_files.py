"""A transaction that fails leaves no stored file: every upload goes through lantu.lib.files."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from lantu.dispatch import report_evidence, tasks
from lantu.dispatch import services as reporting
from lantu.dispatch.models import Attachment
from lantu.imports import services as imports
from lantu.imports.models import Finding, ImportDocument
from lantu.lib.files import files_atomic, store_file
from lantu.supervision import services as supervision

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Store files under a fresh media folder and return it."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("证明.pdf", b"%PDF-1.4 evidence")


class Boom(Exception):
    """A failure after the file was written."""


def refuse(*args, **kwargs):
    """Stand in for a step after the file that refuses."""
    raise ValidationError("refused")


def test_a_failing_transaction_removes_the_files_it_stored(media, db):
    with pytest.raises(Boom), files_atomic():
        store_file(Attachment().file, "a.pdf", ContentFile(b"x"))
        assert len(_stored(media)) == 1
        raise Boom
    assert _stored(media) == []


def test_a_committed_transaction_keeps_its_files(media, db):
    with files_atomic():
        name = store_file(Attachment().file, "a.pdf", ContentFile(b"x"))
    assert [path.name for path in _stored(media)] == [Path(name).name]


def test_an_inner_block_that_succeeded_is_undone_when_the_outer_one_fails(media, db):
    with pytest.raises(Boom), files_atomic():
        with files_atomic():
            store_file(Attachment().file, "a.pdf", ContentFile(b"x"))
        raise Boom
    assert _stored(media) == []


def test_storing_outside_a_files_transaction_is_a_programming_error(media, db):
    with pytest.raises(RuntimeError):
        store_file(Attachment().file, "a.pdf", ContentFile(b"x"))
    assert _stored(media) == []


def test_report_evidence_is_removed_when_the_submit_after_it_fails(
    media, world, actors, open_period, monkeypatch
):
    monkeypatch.setattr(reporting, "report_submit", refuse)
    with pytest.raises(ValidationError):
        report_evidence.report_edit(
            actor=actors["mulei"],
            project=world.mulei_project,
            period="2026-09",
            version=None,
            now=NOW,
            evidence=[_pdf()],
            submit=True,
            completed_investment=Decimal("100"),
            cumulative_investment=Decimal("900"),
        )
    assert _stored(media) == [] and not Attachment.objects.exists()


def test_task_evidence_is_removed_when_the_submit_after_it_fails(media, world, actors, monkeypatch):
    monkeypatch.setattr(tasks, "task_report_submit", refuse)
    with pytest.raises(ValidationError):
        tasks.task_report_file(
            actor=actors["industry"],
            item=world.task,
            period="2026-09",
            version=None,
            progress=Decimal("40"),
            narrative="进展顺利",
            evidence=_pdf(),
            submit=True,
            now=NOW,
        )
    assert _stored(media) == []


def test_a_supervision_answers_evidence_is_removed_when_the_answer_fails(media, world, actors, monkeypatch):
    order = supervision.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        project=world.mulei_project,
        title="督办",
        requirement="说明原因",
        deadline=datetime(2026, 11, 20).date(),
        now=NOW,
    )

    monkeypatch.setattr(supervision.review, "submit", refuse)
    with pytest.raises(ValidationError):
        supervision.order_respond(actor=actors["mulei"], order=order, text="已整改", evidence=_pdf(), now=NOW)
    assert _stored(media) == []


def test_an_imported_document_is_removed_when_its_findings_fail(media, world, actors, monkeypatch):
    monkeypatch.setattr(Finding.objects, "bulk_create", refuse)
    with pytest.raises(ValidationError):
        imports.document_upload(
            actor=actors["planner"],
            user=world.users["planner"],
            filename="规划.txt",
            data="2026年，地区生产总值达到320.5亿元。\n".encode(),
            title="",
            now=NOW,
        )
    assert _stored(media) == [] and not ImportDocument.objects.exists()
