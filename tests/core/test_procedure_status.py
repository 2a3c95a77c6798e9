"""Procedure status on a day and what a project waits for (前期手续)."""

from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st

from lantu.core import overdue
from lantu.core.procedures import ProcedureStatus, Step, planned_from, procedure_status, waiting_for

S = ProcedureStatus
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
maybe_days = st.none() | days
RANK = {S.NOT_STARTED: 0, S.IN_PROGRESS: 1, S.OVERDUE: 2}


def test_a_procedure_moves_from_not_started_to_in_progress_to_late_to_done():
    planned, started, done = date(2026, 5, 31), date(2026, 4, 1), date(2026, 6, 10)
    status = lambda on: procedure_status(on=on, planned=planned, started=started, done=done)  # noqa: E731
    assert status(date(2026, 3, 31)) is S.NOT_STARTED
    assert status(date(2026, 4, 1)) is S.IN_PROGRESS
    assert status(date(2026, 5, 31)) is S.IN_PROGRESS  # the planned day itself is not late
    assert status(date(2026, 6, 1)) is S.OVERDUE
    assert status(date(2026, 6, 10)) is S.DONE


def test_a_procedure_never_lodged_is_late_once_its_planned_day_has_passed():
    assert (
        procedure_status(on=date(2026, 7, 1), planned=date(2026, 6, 30), started=None, done=None) is S.OVERDUE
    )


def test_a_procedure_without_a_planned_day_is_never_late():
    assert (
        procedure_status(on=date(2030, 1, 1), planned=None, started=date(2026, 1, 1), done=None)
        is S.IN_PROGRESS
    )


def test_the_planned_day_follows_the_default_duration():
    assert planned_from(date(2026, 1, 30), 30) == date(2026, 3, 1)


@given(on=days, planned=maybe_days, started=maybe_days, done=maybe_days)
def test_late_is_exactly_the_overdue_rule(on, planned, started, done):
    status = procedure_status(on=on, planned=planned, started=started, done=done)
    late = planned is not None and overdue.is_overdue(planned, on=on, done=done)
    assert (status is S.OVERDUE) == late
    assert (status is S.DONE) == overdue.is_done(on=on, done=done)


@given(first=days, later=days, planned=maybe_days, started=maybe_days)
def test_an_ungranted_procedure_never_looks_better_as_days_pass(first, later, planned, started):
    assume(first <= later)
    before = procedure_status(on=first, planned=planned, started=started, done=None)
    after = procedure_status(on=later, planned=planned, started=started, done=None)
    assert RANK[after] >= RANK[before]


@given(on=days, planned=maybe_days, started=maybe_days, done=days)
def test_a_granted_procedure_stays_granted_on_every_later_day(on, planned, started, done):
    status = procedure_status(on=max(on, done), planned=planned, started=started, done=done)
    assert status is S.DONE


def test_a_project_waits_for_the_open_procedures_of_its_first_unfinished_group():
    steps = [
        Step("立项", 1, planned=date(2026, 2, 1), started=date(2026, 1, 5), done=date(2026, 1, 20)),
        Step("用地预审", 2, planned=date(2026, 3, 1), done=date(2026, 2, 25)),
        Step("环评", 2, planned=date(2026, 3, 10)),
        Step("施工许可", 3, planned=date(2026, 6, 1), started=date(2026, 3, 1)),
    ]
    waiting = waiting_for(steps, date(2026, 4, 1))
    assert [w.key for w in waiting] == ["环评"]
    # never lodged: it waits since the last grant of the group before it
    assert waiting[0].since == date(2026, 1, 20)
    assert waiting[0].days_waiting == (date(2026, 4, 1) - date(2026, 1, 20)).days
    assert waiting[0].status is S.OVERDUE and waiting[0].days_overdue == 22


def test_a_project_with_every_procedure_granted_waits_for_nothing():
    steps = [Step("立项", 1, done=date(2026, 1, 20)), Step("环评", 2, done=date(2026, 2, 1))]
    assert waiting_for(steps, date(2026, 3, 1)) == []


steps_strategy = st.lists(
    st.builds(
        Step, key=st.uuids(), group=st.integers(1, 4), planned=maybe_days, started=maybe_days, done=maybe_days
    ),
    max_size=8,
)


@given(steps=steps_strategy, on=days)
def test_what_a_project_waits_for_is_one_group_after_every_earlier_one_is_granted(steps, on):
    waiting = waiting_for(steps, on)
    by_key = {step.key: step for step in steps}
    if not waiting:
        assert all(overdue.is_done(on=on, done=step.done) for step in steps)
        return
    groups = {by_key[w.key].group for w in waiting}
    assert len(groups) == 1
    (group,) = groups
    for step in steps:
        if step.group < group:
            assert overdue.is_done(on=on, done=step.done)
    for w in waiting:
        assert w.status is not S.DONE
        assert w.since is None or w.since <= on
        assert (w.days_overdue > 0) == (w.status is S.OVERDUE)


@given(steps=steps_strategy, on=days)
def test_waiting_never_starts_before_the_previous_group_or_after_today(steps, on):
    for w in waiting_for(steps, on):
        if w.since is not None:
            assert w.days_waiting is not None and w.days_waiting >= 0
            assert w.since <= on
