"""Uploading: readable documents become findings; malformed files are refused with a clear message."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import Finding, ImportDocument
from lantu.jobs.models import Job
from lantu.jobs.services import job_run


def _post(client, name: str, data: bytes):
    return client.post(reverse("imports:index"), {"file": SimpleUploadedFile(name, data), "title": ""})


def test_planner_upload_creates_findings_and_opens_the_review(world, login, sample_bytes):
    client = login("planner")
    response = _post(client, "任务.txt", sample_bytes)
    doc = ImportDocument.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:review", args=[doc.pk])
    kinds = set(doc.findings.values_list("kind", flat=True))
    assert kinds == {Finding.Kind.ITEM, Finding.Kind.QUANTITY, Finding.Kind.PROJECT}
    gdp = doc.findings.get(kind="quantity", payload__value=320.5)
    assert doc.text[gdp.start : gdp.end] == "320.5亿元"
    page = client.get(response.url)
    assert page.status_code == 200
    assert f'id="src-{gdp.pk}"' in page.content.decode()


def test_gb18030_text_is_decoded(world, login, sample_bytes):
    client = login("planner")
    _post(client, "plan.txt", sample_bytes.decode("utf-8").encode("gb18030"))
    assert "高标准农田" in ImportDocument.objects.get().text


def test_docx_paragraphs_are_read(world, login):
    document = docx.Document()
    document.add_paragraph("2025年，全县粮食产量达到45万吨。")
    buffer = io.BytesIO()
    document.save(buffer)
    _post(login("planner"), "report.docx", buffer.getvalue())
    assert ImportDocument.objects.get().findings.filter(kind="quantity", payload__value=45).exists()


def _blank_pdf() -> bytes:
    """A PDF whose page has no text layer, as a scanned document has."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "The file is empty"),
        ("blob.txt", b"\x00\x01\x02PK\x00" * 50, "binary"),
        ("latin.txt", "Résumé numéro".encode("latin-1") * 20, "encoding"),
        ("fake.docx", b"not a zip file at all", "not a valid Word"),
        ("fake.pdf", b"%PDF-1.4 broken", "PDF"),
        ("sheet.xlsx", b"whatever", "Only .txt, .docx and .pdf"),
        ("scan.pdf", _blank_pdf(), "no text layer"),
    ],
)
def test_malformed_file_is_refused_with_a_message_and_nothing_is_saved(world, login, name, data, message):
    response = _post(login("planner"), name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportDocument.objects.exists()


def test_fifty_megabyte_upload_is_refused_without_reading_it(world, login):
    response = _post(login("planner"), "huge.txt", b"a" * (50 * 1024 * 1024))
    assert response.status_code == 200
    assert "larger than 20 MB" in response.content.decode()
    assert not ImportDocument.objects.exists()


@pytest.mark.parametrize("username", ["industry", "leader"])
def test_reporters_and_leaders_cannot_import(world, login, username, sample_bytes):
    client = login(username)
    assert client.get(reverse("imports:index")).status_code == 403
    assert _post(client, "a.txt", sample_bytes).status_code == 403
    assert not ImportDocument.objects.exists()


def test_import_link_is_shown_to_planners_only(world, login):
    assert 'data-nav="imports"' in login("planner").get(reverse("dashboard")).content.decode()
    assert 'data-nav="imports"' not in login("leader").get(reverse("dashboard")).content.decode()


def test_a_large_document_is_read_by_a_job_and_its_staged_upload_removed(
    world, login, sample_bytes, settings
):
    settings.LANTU_IMPORT_JOB_BYTES = 10
    settings.LANTU_JOBS_SYNC = False
    client = login("planner")
    response = _post(client, "任务.txt", sample_bytes)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk]) and not ImportDocument.objects.exists()
    job_run(job.pk)  # what the worker does
    job.refresh_from_db()
    doc = ImportDocument.objects.get()
    assert job.state == "done" and job.result["url"] == reverse("imports:review", args=[doc.pk])
    assert doc.findings.exists()
    assert list((settings.MEDIA_ROOT / "jobs" / "imports").iterdir()) == []
