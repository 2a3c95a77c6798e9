"""Which slot of the schedule is due: daily after its time, monthly from its day on."""

from datetime import datetime, time

import pytest

from lantu.core import schedule

DAILY = schedule.Entry(name="escalate", func="x.y", every="day", at=time(6, 0))
MONTHLY = schedule.Entry(name="open", func="x.y", every="month", at=time(1, 0), day=1)


def test_daily_work_is_due_from_its_time_on_for_that_day():
    assert schedule.due_slot(DAILY, datetime(2026, 12, 6, 5, 59)) is None
    assert schedule.due_slot(DAILY, datetime(2026, 12, 6, 6, 0)) == "2026-12-06"
    assert schedule.due_slot(DAILY, datetime(2026, 12, 6, 23, 0)) == "2026-12-06"


def test_monthly_work_has_one_slot_per_month():
    assert schedule.due_slot(MONTHLY, datetime(2026, 12, 1, 0, 30)) is None
    assert schedule.due_slot(MONTHLY, datetime(2026, 12, 1, 1, 0)) == "2026-12"
    assert schedule.due_slot(MONTHLY, datetime(2026, 12, 20, 9, 0)) == "2026-12"


def test_a_bad_schedule_entry_is_refused():
    with pytest.raises(ValueError):
        schedule.parse({"name": "x", "func": "a.b", "every": "week"})
    with pytest.raises(ValueError):
        schedule.parse({"name": "x", "func": "a.b", "every": "month", "day": 31})
