"""Issuing: the edited Word file uploaded back with number and date, archived read-only by the draft."""

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lantu.orgs.access import actor_for
from lantu.reports import services
from lantu.reports.models import IssuedDocument, OfficeFrame


@pytest.fixture
def draft(data, generate):
    OfficeFrame.objects.create(
        unit=data.world.drc,
        issuer_mark="昌吉回族自治州发展和改革委员会文件",
        number_prefix="昌州发改",
        signature="昌吉回族自治州发展和改革委员会",
    )
    report = generate("stocktake")
    assert report.state == "done", report.message
    return report


def _edited(draft, line: str = "（已由办公室修改）") -> SimpleUploadedFile:
    with draft.file.open("rb") as handle:
        document = docx.Document(handle)
    document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("edited.docx", buffer.getvalue())


def _issue(data, draft, upload, now, username="planner", **extra):
    return services.document_issue(
        actor=actor_for(data.world.users[username]),
        draft=draft,
        upload=upload,
        issued_on=extra.pop("issued_on", date(2026, 12, 1)),
        now=now,
        **extra,
    )


def _bulletin(data, month: int, now):
    return services.report_request(
        actor=actor_for(data.world.users["planner"]),
        kind="bulletin",
        plan=data.world.plan,
        unit=data.world.prefecture,
        year=2026,
        month=month,
        now=now,
        language="zh-hans",
    )


def test_issued_document_takes_the_offices_next_number_of_the_year_and_keeps_the_edit(data, draft, now):
    issued = _issue(data, draft, _edited(draft), now)
    assert issued.document_number == "昌州发改〔2026〕1号" and issued.year == 2026
    with issued.file.open("rb") as handle:
        assert "（已由办公室修改）" in [p.text for p in docx.Document(handle).paragraphs]
    assert issued.draft == draft and draft.file  # the draft stays beside it
    second = _bulletin(data, 10, now)
    assert _issue(data, second, _edited(second), now).number == 2


def test_a_number_given_twice_a_draft_issued_twice_or_a_bad_file_change_nothing(data, draft, now, settings):
    _issue(data, draft, _edited(draft), now, number=7)
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="该公文已印发"):
        _issue(data, draft, _edited(draft), now)
    other = _bulletin(data, 9, now)
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="昌州发改〔2026〕7号已被"):
        _issue(data, other, _edited(other), now, number=7)
    with pytest.raises(ValidationError):
        _issue(data, other, SimpleUploadedFile("edited.docx", b"not a word file"), now)
    assert IssuedDocument.objects.count() == 1
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == files  # no orphan file


def test_a_leader_may_not_issue(data, draft, now):
    with pytest.raises(PermissionDenied):
        _issue(data, draft, _edited(draft), now, username="leader")


def test_issued_documents_are_listed_by_kind_and_year_beside_their_draft(data, draft, now, login):
    client = login("planner")
    response = client.post(
        reverse("reports:issue", args=[draft.pk]),
        {"upload": _edited(draft), "issued_on": "2026-12-02"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "昌州发改〔2026〕1号" in page and "2026-12-02" in page
    issued = IssuedDocument.objects.get()
    assert reverse("reports:download", args=[draft.pk]) in page
    download = client.get(reverse("reports:issued_download", args=[issued.pk]))
    assert download.status_code == 200
    assert login("mulei").get(reverse("reports:issued_download", args=[issued.pk])).status_code == 404
