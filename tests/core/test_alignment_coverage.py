"""Coverage of a plan tree by links from lower plans: carried, aligned, gaps and shares."""

from hypothesis import given
from hypothesis import strategies as st

from lantu.core.alignment import GAP_LEVELS, Gap, Row, aligned, carried, gaps, share

LEVELS = ("goal", "measure", "task")
# 1 goal › 2 measure › 3, 4 tasks; 5 measure › 6 task; 7 goal › 8 measure
TREE = [
    Row(1, None, "goal"),
    Row(2, 1, "measure"),
    Row(3, 2, "task"),
    Row(4, 2, "task"),
    Row(5, 1, "measure"),
    Row(6, 5, "task"),
    Row(7, None, "goal"),
    Row(8, 7, "measure"),
]


def test_a_linked_task_carries_its_measure_and_goal_but_not_its_siblings():
    assert carried(TREE, [3]) == {3, 2, 1}


def test_a_link_to_a_measure_does_not_carry_its_tasks():
    assert carried(TREE, [2]) == {2, 1}


def test_gaps_list_the_top_of_each_open_branch_at_the_listed_levels():
    covered = carried(TREE, [3])
    assert gaps(TREE, covered, GAP_LEVELS) == [Gap(4), Gap(5, below=1), Gap(8)]


def test_a_goal_with_nothing_below_it_is_listed_as_a_gap():
    rows = [*TREE, Row(9, None, "goal")]
    assert gaps(rows, carried(rows, [3, 6, 8]), GAP_LEVELS) == [Gap(4), Gap(9)]


def test_gaps_at_every_level_list_a_whole_open_tree_once():
    assert gaps(TREE, set(), None) == [Gap(1, below=5), Gap(7, below=1)]


def test_an_item_under_a_linked_section_is_aligned_and_so_is_the_section_above():
    assert aligned(TREE, [2]) == {1, 2, 3, 4}


def test_share_counts_the_covered_items_of_one_level():
    covered = carried(TREE, [3, 6])
    result = share(TREE, covered, "measure")
    assert (result.done, result.total, result.ratio) == (2, 3, 2 / 3)
    assert share(TREE, covered, "action").ratio is None


def test_links_to_unknown_ids_are_ignored():
    assert carried(TREE, [99]) == set() and aligned(TREE, [99]) == set()


@st.composite
def trees(draw):
    size = draw(st.integers(1, 25))
    rows = []
    for pk in range(1, size + 1):
        parent = draw(st.one_of(st.none(), st.integers(1, pk - 1))) if pk > 1 else None
        rows.append(Row(pk, parent, draw(st.sampled_from(LEVELS))))
    linked = draw(st.sets(st.integers(1, size)))
    return rows, linked


@given(trees())
def test_carried_items_have_carried_parents_and_gaps_count_every_open_item_once(case):
    rows, linked = case
    parent = {row.id: row.parent for row in rows}
    covered = carried(rows, linked)
    assert linked <= covered
    assert all(parent[pk] is None or parent[pk] in covered for pk in covered)
    found = gaps(rows, covered, GAP_LEVELS)
    parents = {row.parent for row in rows}
    open_items = [
        row.id for row in rows if row.id not in covered and (row.level in GAP_LEVELS or row.id not in parents)
    ]
    assert sum(1 + gap.below for gap in found) == len(open_items)
    assert not {gap.id for gap in found} & covered


@given(trees())
def test_aligned_is_what_has_a_link_on_its_line_of_ancestors_and_descendants(case):
    rows, linked = case
    parent = {row.id: row.parent for row in rows}

    def ancestors(pk):
        while pk is not None:
            yield pk
            pk = parent[pk]

    expected = {
        row.id
        for row in rows
        if set(ancestors(row.id)) & linked or any(row.id in set(ancestors(pk)) for pk in linked)
    }
    assert aligned(rows, linked) == expected
