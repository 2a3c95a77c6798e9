"""A reporter on a phone: the jump warning while typing, site photos from the camera, the reviewer's view."""

from PIL import ExifTags, Image

from lantu.dispatch.models import ProgressReport
from lantu.projects.models import Project


def _photo(path, *, taken=None, gps=None):
    exif = Image.Exif()
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    if gps:
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[1], info[2], info[3], info[4] = "N", gps[0], "E", gps[1]
    Image.new("RGB", (800, 600), "olivedrab").save(path, "JPEG", exif=exif)
    return str(path)


def test_a_reporter_confirms_a_jump_and_sends_photos_the_reviewer_sees(
    page_as, live_server, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    project = Project.objects.get(code="ML-102")
    photos = [
        _photo(
            tmp_path / "现场1.jpg", taken="2026:10:28 10:31:05", gps=((44.0, 9.0, 30.0), (90.0, 17.0, 12.0))
        ),
        _photo(tmp_path / "现场2.jpg"),
    ]
    mulei = page_as("mulei")
    mulei.set_viewport_size({"width": 390, "height": 844})
    mulei.goto(f"{live_server.url}/projects/{project.pk}/report/2026-10/")
    assert mulei.get_attribute("#id_photos", "accept") == "image/*"
    # The saved draft already jumps: mark the panel to wait for the one drawn for the figures typed here.
    mulei.eval_on_selector("#ytd-check", "panel => panel.dataset.stale = 'yes'")
    mulei.fill("#id_cumulative_investment", "")
    mulei.fill("#id_completed_investment", "999999")
    mulei.wait_for_selector("#ytd-check:not([data-stale]) #ytd-jump")
    assert "%" in mulei.text_content("#ytd-jump")
    mulei.set_input_files("#id_photos", photos)
    mulei.check("#confirm-jump")
    mulei.click("#save-submit")
    mulei.wait_for_selector("#evidence-list")
    assert "已报送" in mulei.text_content(".messages")
    report = ProgressReport.objects.filter(project=project, period="2026-10").order_by("-revision").first()
    assert report.state == "submitted" and report.attachments.count() == 2

    planner = page_as("planner")
    planner.goto(f"{live_server.url}/projects/reports/{report.pk}/")
    planner.wait_for_function(
        "() => [...document.querySelectorAll('#evidence-list img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    evidence = planner.text_content("#evidence-list")
    assert "拍摄于 2026-10-28 10:31" in evidence and "北纬 44.15833°" in evidence
