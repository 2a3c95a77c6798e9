"""How statuses moved: counts today, what turned worse, what recovered (the dashboard's sentence)."""

from hypothesis import given
from hypothesis import strategies as st

from lantu.core.status import ATTENTION, SEVERITY, Status, status_change

statuses = st.sampled_from(list(Status))
maps = st.dictionaries(st.integers(0, 20), statuses, max_size=15)


def test_a_value_that_turns_lagging_is_worsened_and_one_back_on_track_recovered():
    change = status_change(
        {1: Status.LAGGING, 2: Status.ON_TRACK, 3: Status.OFF_TRACK, 4: Status.NO_DATA},
        {1: Status.ON_TRACK, 2: Status.OFF_TRACK, 3: Status.LAGGING},
    )
    assert (change.worsened, change.recovered, change.total) == ([1, 3], [2], 4)
    assert change.counts[Status.LAGGING] == 1 and change.counts[Status.AHEAD] == 0


@given(maps, maps)
def test_counts_add_up_and_worsened_and_recovered_are_disjoint_and_consistent(now, before):
    change = status_change(now, before)
    assert change.total == len(now)
    assert not set(change.worsened) & set(change.recovered)
    for key in change.worsened:
        assert now[key] in ATTENTION
        earlier = before.get(key, Status.NO_DATA)
        assert earlier not in ATTENTION or SEVERITY[now[key]] < SEVERITY[earlier]
    for key in change.recovered:
        assert before[key] in ATTENTION and now[key] not in ATTENTION


@given(maps)
def test_nothing_moves_when_nothing_changed(now):
    change = status_change(now, now)
    assert change.worsened == [] and change.recovered == []
