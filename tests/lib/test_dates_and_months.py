"""Date inputs take the ISO value in every language; months in URLs exist and have begun, else 404."""

from datetime import date, timedelta

import lxml.html
import pytest
from django import forms
from django.utils import timezone, translation

from lantu.core import periods
from lantu.dispatch.forms import PeriodForm


@pytest.fixture(autouse=True)
def chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


def _input_value(html: str, name: str) -> str:
    [found] = lxml.html.fromstring(html).xpath(f'//input[@name="{name}"]')
    return found.get("value", "")


def test_a_date_input_writes_its_value_in_iso_in_chinese():
    assert forms.DateInput(attrs={"type": "date"}).format_value(date(2026, 12, 20)) == "2026-12-20"


def test_a_chinese_date_is_still_read_in_the_forms_people_type():
    field = forms.DateField()
    for typed in ("2026-12-20", "2026/12/20", "2026年12月20日"):
        assert field.clean(typed) == date(2026, 12, 20)


def test_the_supervision_form_keeps_its_default_deadline(world, login):
    page = login("planner").get("/supervision/new/", {"project": world.mulei_project.pk}).content.decode()
    expected = timezone.localdate() + timedelta(days=15)
    assert _input_value(page, "deadline") == expected.isoformat()


def test_every_date_form_writes_iso(world):
    form = PeriodForm(initial={"deadline": date(2026, 10, 5)})
    assert _input_value(str(form["deadline"]), "deadline") == "2026-10-05"


def test_a_month_in_reach_exists_and_has_begun():
    today = date(2026, 12, 6)
    assert periods.month_in_reach("2026-12", today) == "2026-12"
    for label in ("2026-13", "2026-00", "2027-01", "26-01"):
        with pytest.raises(ValueError):
            periods.month_in_reach(label, today)


def _future() -> str:
    return periods.next_month(periods.month_of(timezone.localdate()))


@pytest.mark.parametrize(
    "path",
    [
        "/projects/{pk}/report/{month}/",
        "/projects/{pk}/report/{month}/year-to-date/",
        "/projects/tasks/{task}/report/{month}/",
        "/projects/dispatch/excel/mulei/{month}/",
        "/projects/dispatch/?period={month}",
        "/projects/dispatch/unit/?unit=mulei&period={month}",
        "/?period={month}",
    ],
)
@pytest.mark.parametrize("month", ["2026-13", "future"])
def test_a_month_that_does_not_exist_or_lies_ahead_is_404(world, login, path, month):
    month = _future() if month == "future" else month
    url = path.format(pk=world.mulei_project.pk, task=world.task.pk, month=month)
    assert login("planner").get(url).status_code == 404


def test_this_months_report_form_opens(world, login, open_period):
    month = periods.month_of(timezone.localdate())
    assert login("mulei").get(f"/projects/{world.mulei_project.pk}/report/{month}/").status_code == 200


def test_the_overview_links_no_month_ahead(world, login):
    month = periods.month_of(timezone.localdate())
    page = login("planner").get("/projects/dispatch/", {"period": month}).content.decode()
    assert f"?period={_future()}" not in page
    assert f"?period={periods.previous_month(month)}" in page
