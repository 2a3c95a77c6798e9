"""Generations interrupted by a restart are marked failed and can be generated again; period labels."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lantu.reports import services
from lantu.reports.exporters.common import period_text
from lantu.reports.models import GeneratedReport


def _running(world, minutes_ago: int) -> GeneratedReport:
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    return GeneratedReport.objects.create(
        kind="stocktake",
        plan=world.plan,
        unit=world.prefecture,
        year=2026,
        language="zh-hans",
        state="running",
        progress=30,
        created_at=moment,
        updated_at=moment,
    )


def test_listing_marks_a_long_silent_generation_failed_and_keeps_a_live_one(login, data):
    world = data.world
    stuck, live = _running(world, 30), _running(world, 1)
    page = login("planner").get(reverse("reports:index")).content.decode()
    stuck.refresh_from_db()
    live.refresh_from_db()
    assert (stuck.state, stuck.message) == ("failed", "生成中断，请重新生成")
    assert live.state == "running"
    assert "生成中断，请重新生成" in page and "重新生成</button>" in page


def test_polled_row_of_a_stuck_generation_stops_polling(login, data):
    stuck = _running(data.world, 30)
    row = login("planner").get(reverse("reports:row", args=[stuck.pk])).content.decode()
    assert "hx-trigger" not in row and "生成中断" in row


def test_failed_report_is_generated_again_as_a_new_report(login, data):
    stuck = _running(data.world, 30)
    services.reports_expire_stale(now=timezone.now())
    response = login("planner").post(reverse("reports:regenerate", args=[stuck.pk]))
    assert response.status_code == 302
    again = GeneratedReport.objects.exclude(pk=stuck.pk).get()
    assert (again.kind, again.plan, again.unit, again.year, again.state) == (
        "stocktake",
        stuck.plan,
        stuck.unit,
        2026,
        "done",
    )
    assert again.updated_at is not None


def test_a_finished_report_is_not_generated_again(login, generate):
    report = generate("stocktake")
    login("planner").post(reverse("reports:regenerate", args=[report.pk]))
    assert GeneratedReport.objects.count() == 1


def test_regenerating_outside_ones_scope_is_not_found(login, data):
    stuck = _running(data.world, 30)
    services.reports_expire_stale(now=timezone.now())
    assert login("mulei").post(reverse("reports:regenerate", args=[stuck.pk])).status_code == 404
    assert GeneratedReport.objects.count() == 1


@pytest.mark.parametrize(
    ("period", "chinese", "english"),
    [
        ("2026Q3", "2026年第3季度", "Q3\u00a02026"),
        ("2026-10", "2026年10月", "2026-10"),
        ("2026", "2026年", "2026"),
    ],
)
def test_period_labels_are_written_in_words_that_do_not_break(period, chinese, english):
    with translation.override("zh-hans"):
        assert period_text(period) == chinese
    with translation.override("en"):
        assert period_text(period) == english
