"""History reads like a person wrote it: states in Chinese, people by name, local time to the minute."""

from datetime import UTC, datetime

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.utils import translation

from lantu.dispatch.models import ProgressReport
from lantu.lib.people import display_name
from lantu.orgs.models import Profile


@pytest.fixture(autouse=True)
def chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def names(world):
    Profile.objects.create(user=world.users["mulei"], display_name="王芳")
    Profile.objects.create(user=world.users["planner"], display_name="李强")


def _history(html: str) -> str:
    found = lxml.html.fromstring(html).get_element_by_id("history", None)
    return "" if found is None else " ".join(found.text_content().split())


def test_a_person_is_named_by_display_name_then_full_name_then_login(db):
    user = User.objects.create_user("zhang")
    assert display_name(user) == "zhang"
    user.first_name = "张三"
    assert display_name(user) == "张三"
    Profile.objects.create(user=user, display_name="张三（木垒县发改委）")
    assert display_name(User.objects.get(pk=user.pk)) == "张三（木垒县发改委）"
    assert display_name(None, "—") == "—"


def test_a_reports_history_names_people_and_states_in_chinese(world, login, open_period, names):
    client = login("mulei")
    client.post(
        f"/projects/{world.mulei_project.pk}/report/2026-09/",
        {"completed_investment": "100", "cumulative_investment": "100", "version": "0", "submit": "1"},
    )
    report = ProgressReport.objects.get(project=world.mulei_project)
    page = login("planner").get(f"/projects/reports/{report.pk}/").content.decode()
    history = _history(page)
    assert "王芳" in history and "mulei" not in history
    assert "已报送" in history and "submitted" not in history
    assert "填报人王芳" in " ".join(lxml.html.fromstring(page).text_content().split()).replace(" ", "")


def test_a_changed_time_in_the_history_is_local_to_the_minute(world, open_period, names):
    from lantu.lib.history import changes_of

    report = ProgressReport.objects.create(
        project=world.mulei_project, period="2026-09", completed_investment=1, cumulative_investment=1
    )
    report.submitted_at = datetime(2026, 10, 3, 1, 30, 15, tzinfo=UTC)
    report.state = "submitted"
    report.save()
    [change, _created] = changes_of(report)
    fields = {label: new for label, _old, new in change.fields}
    assert "2026-10-03 09:30" in fields.values()
    assert "已报送" in fields.values()


def test_a_foreign_key_in_the_history_is_named(world, open_period, names):
    from lantu.lib.history import changes_of

    report = ProgressReport.objects.create(
        project=world.mulei_project, period="2026-09", completed_investment=1, cumulative_investment=1
    )
    report.entered_by = world.users["mulei"]
    report.save()
    [change, _created] = changes_of(report)
    assert ("—", "王芳") in [(old, new) for _label, old, new in change.fields]


def test_the_page_header_shows_the_display_name_not_the_login(world, login, names):
    html = login("mulei").get("/").content.decode()
    [who] = lxml.html.fromstring(html).find_class("who")
    assert "王芳" in who.text_content() and "mulei" not in who.text_content()
