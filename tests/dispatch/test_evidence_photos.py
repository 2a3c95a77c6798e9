"""Monthly project reports take site photos: EXIF time and place, upright thumbnails, a size cap."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image

from lantu.dispatch import report_evidence
from lantu.dispatch.models import Attachment, ProgressReport

D = Decimal


def photo(
    name="现场.jpg", *, size=(400, 200), orientation=None, taken=None, offset=None, gps=None
) -> SimpleUploadedFile:
    """Return a JPEG as a phone camera writes it: EXIF orientation, DateTimeOriginal, GPS."""
    exif = Image.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    if offset:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.OffsetTimeOriginal] = offset
    if gps:
        (lat_ref, lat), (lon_ref, lon) = gps
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[ExifTags.GPS.GPSLatitudeRef], info[ExifTags.GPS.GPSLatitude] = lat_ref, lat
        info[ExifTags.GPS.GPSLongitudeRef], info[ExifTags.GPS.GPSLongitude] = lon_ref, lon
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


SITE = (("N", (44.0, 30.0, 0.0)), ("E", (89.0, 31.0, 12.0)))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


def _edit(actors, world, now, evidence, **extra):
    values = {"completed_investment": D("100"), "cumulative_investment": D("900")} | extra
    return report_evidence.report_edit(
        actor=actors["mulei"],
        project=world.mulei_project,
        period="2026-09",
        version=None,
        now=now,
        evidence=evidence,
        **values,
    )


def test_a_photo_keeps_when_and_where_it_was_taken_from_its_exif(world, actors, now, open_period):
    report = _edit(actors, world, now, [photo(taken="2026:09:12 10:31:05", gps=SITE)])
    attachment = report.attachments.get()
    assert attachment.taken_at == datetime(2026, 9, 12, 10, 31, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert (attachment.latitude, attachment.longitude) == (D("44.5"), D("89.52"))


def test_the_exif_offset_decides_the_time_zone_when_the_camera_wrote_one(world, actors, now, open_period):
    report = _edit(actors, world, now, [photo(taken="2026:09:12 04:31:05", offset="+02:00")])
    assert report.attachments.get().taken_at == datetime(
        2026, 9, 12, 10, 31, 5, tzinfo=ZoneInfo("Asia/Shanghai")
    )


def test_the_thumbnail_is_upright_when_the_camera_was_held_sideways(world, actors, now, open_period):
    report = _edit(actors, world, now, [photo(size=(400, 200), orientation=6)])
    attachment = report.attachments.get()
    with attachment.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.width < thumbnail.height
    with attachment.file.open("rb") as handle, Image.open(handle) as original:
        assert original.size == (400, 200)  # the evidence itself is kept as taken


def test_a_photo_without_exif_is_kept_without_time_or_place(world, actors, now, open_period):
    attachment = _edit(actors, world, now, [photo()]).attachments.get()
    assert attachment.taken_at is None and attachment.latitude is None and attachment.thumbnail


def test_a_document_gets_no_thumbnail(world, actors, now, open_period):
    report = _edit(actors, world, now, [SimpleUploadedFile("批复.pdf", b"%PDF-1.4")])
    assert not report.attachments.get().thumbnail


def test_several_photos_from_the_form_are_all_attached_and_shown_to_the_reviewer(
    world, login, open_period, settings
):
    settings.LANGUAGE_CODE = "en"
    client = login("mulei")
    url = reverse("projects:report_edit", args=[world.mulei_project.pk, "2026-09"])
    response = client.post(
        url,
        {
            "completed_investment": "100",
            "cumulative_investment": "100",
            "version": "0",
            "photos": [
                photo("一.jpg", taken="2026:09:12 10:31:05", gps=SITE),
                photo("二.jpg"),
                photo("三.jpg"),
            ],
            "submit": "1",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(project=world.mulei_project, period="2026-09")
    assert report.state == "submitted"
    assert sorted(report.attachments.values_list("name", flat=True)) == ["一.jpg", "三.jpg", "二.jpg"]
    first = report.attachments.get(name="一.jpg")
    with translation.override("en"):
        page = login("planner").get(reverse("projects:report", args=[report.pk])).content.decode()
        queue = login("planner").get(reverse("projects:review")).content.decode()
    assert reverse("projects:evidence_thumbnail", args=[first.pk]) in page
    assert "Taken 2026-09-12 10:31" in page and "44.50000°N, 89.52000°E" in page
    assert "No place in the photo" in page
    assert reverse("projects:evidence_thumbnail", args=[first.pk]) in queue and "3 files" in queue


def test_the_form_asks_a_phone_for_several_images(world, login, open_period):
    page = login("mulei").get(reverse("projects:report_edit", args=[world.mulei_project.pk, "2026-09"]))
    html = page.content.decode()
    assert 'name="photos"' in html and 'accept="image/*"' in html and "multiple" in html


def test_a_photo_over_the_size_cap_is_refused_in_chinese_and_nothing_is_stored(
    world, login, open_period, media, monkeypatch
):
    monkeypatch.setattr("lantu.lib.uploads.EVIDENCE_MAX_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    Image.effect_noise((1200, 1200), 120).convert("RGB").save(buffer, "JPEG", quality=95)
    big = SimpleUploadedFile("大图.jpg", buffer.getvalue(), content_type="image/jpeg")
    assert big.size > 1024 * 1024
    response = login("mulei").post(
        reverse("projects:report_edit", args=[world.mulei_project.pk, "2026-09"]),
        {
            "completed_investment": "100",
            "cumulative_investment": "100",
            "version": "0",
            "photos": [photo("小图.jpg"), big],
            "submit": "1",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "大图.jpg 超过 1 MB" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_a_file_named_jpg_that_is_no_image_is_refused_and_nothing_is_stored(
    world, actors, now, open_period, media
):
    with pytest.raises(Exception) as error:
        _edit(actors, world, now, [photo("好.jpg"), SimpleUploadedFile("假.jpg", b"not an image")])
    assert "假.jpg" in str(error.value)
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_thumbnails_go_only_to_users_who_may_read_the_report(world, actors, now, login, open_period):
    attachment = _edit(actors, world, now, [photo()]).attachments.get()
    url = reverse("projects:evidence_thumbnail", args=[attachment.pk])
    response = login("planner").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert login("qitai").get(url).status_code == 404
    full = login("mulei").get(reverse("projects:evidence", args=[attachment.pk]))
    assert full.status_code == 200 and not full["Content-Disposition"].startswith("attachment")
