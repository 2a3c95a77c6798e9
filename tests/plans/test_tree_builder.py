"""The pure forest builder behind the plan tree."""

from lantu.core.tree import build_forest, prune, walk


def test_rows_become_nested_nodes_in_input_order():
    roots = build_forest([(1, None), (2, 1), (3, 1), (4, 2), (5, None)])
    assert [root.id for root in roots] == [1, 5]
    assert [child.id for child in roots[0].children] == [2, 3]
    assert [node.id for node in walk(roots)] == [1, 2, 4, 3, 5]
    assert [node.depth for node in walk(roots)] == [0, 1, 2, 1, 0]


def test_child_listed_before_its_parent_still_nests():
    roots = build_forest([(4, 2), (2, None)])
    assert [root.id for root in roots] == [2]
    assert roots[0].children[0].id == 4


def test_row_whose_parent_is_missing_becomes_a_root():
    roots = build_forest([(2, 1), (3, 2)])
    assert [root.id for root in roots] == [2]
    assert roots[0].children[0].depth == 1


def test_cycle_is_dropped_instead_of_looping():
    roots = build_forest([(1, None), (2, 3), (3, 2)])
    assert [node.id for node in walk(roots)] == [1]


def test_prune_keeps_matches_and_their_ancestors_only():
    roots = build_forest([(1, None), (2, 1), (3, 1), (4, 2), (5, None)])
    kept = prune(roots, {4}.__contains__)
    assert [node.id for node in walk(kept)] == [1, 2, 4]
    assert [node.depth for node in walk(kept)] == [0, 1, 2]
