"""The figures behind the reports: which months count, and how completion is judged against time."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from lantu.reports.exporters import data as figures


def test_reports_count_months_up_to_the_last_one_due():
    assert figures.reported_until(date(2026, 11, 23)) == "2026-10"
    assert figures.reported_until(date(2026, 1, 15)) == "2025-12"
    assert figures.reported_until(date(2026, 12, 31)) == "2026-12"  # the year-end stocktake takes December


def test_task_progress_is_judged_against_the_time_to_its_deadline():
    start, deadline = date(2026, 1, 1), date(2026, 12, 31)
    assert figures.task_status(Decimal(50), start, deadline, date(2026, 7, 1)) == "on_track"
    assert figures.task_status(Decimal(45), start, deadline, date(2026, 7, 1)) == "lagging"
    assert figures.task_status(Decimal(20), start, deadline, date(2026, 7, 1)) == "off_track"
    assert figures.task_status(Decimal(100), start, deadline, date(2026, 7, 1)) == "ahead"
    assert figures.task_status(None, start, deadline, date(2026, 7, 1)) == "no_data"


def test_midterm_time_share_weighs_each_years_plan(data, now):
    """Only 2026 has a plan, so three plan years do not dilute the time elapsed."""
    world = data.world
    _, as_of = figures.mid_term(world.plan, now)
    scope = figures.scope_for(world.plan, world.prefecture, as_of)
    by_code = {f.project.code: f for f in figures.project_figures(scope, [2026, 2027, 2028])}
    assert by_code["P-ML-1"].completion.share_of_time == Decimal(10) / 12
    assert by_code["P-ML-1"].status == "lagging"


def test_year_end_is_now_until_the_year_is_over():
    now = timezone.make_aware(datetime(2026, 11, 23, 10))
    assert figures.year_end(2026, now) == now
    assert figures.year_end(2025, now).date() == date(2025, 12, 31)
