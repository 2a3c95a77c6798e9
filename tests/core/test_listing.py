"""The pure rules of a list's order: the whitelist, the toggle, missing values last, the search text."""

from hypothesis import given
from hypothesis import strategies as st

from lantu.core.listing import Sort, clean_query, parse_sort, sort_rows

ALLOWED = ("code", "name", "rate")


def test_a_whitelisted_key_sorts_in_the_direction_asked():
    assert parse_sort("name", ALLOWED, "code") == Sort("name")
    assert parse_sort("-rate", ALLOWED, "code") == Sort("rate", descending=True)


@given(st.text(max_size=30))
def test_anything_outside_the_whitelist_falls_back_to_the_default(raw):
    sort = parse_sort(raw, ALLOWED, "-code")
    assert sort.key in ALLOWED
    if raw.lstrip("-") not in ALLOWED:
        assert sort == Sort("code", descending=True)


def test_clicking_the_sorted_column_turns_it_around_and_another_starts_ascending():
    assert Sort("name").toggled("name") == Sort("name", descending=True)
    assert Sort("name", descending=True).toggled("name") == Sort("name")
    assert Sort("name", descending=True).toggled("rate") == Sort("rate")
    assert Sort("rate", descending=True).param == "-rate" and Sort("rate").aria == "ascending"


@given(st.lists(st.one_of(st.none(), st.integers()), max_size=20), st.booleans())
def test_rows_without_a_value_come_last_in_either_direction(values, descending):
    ordered = sort_rows(values, lambda value: value, descending)
    present = [value for value in ordered if value is not None]
    assert ordered == present + [None] * (len(values) - len(present))
    assert present == sorted(present, reverse=descending)


def test_a_search_text_is_trimmed_folded_and_bounded():
    assert clean_query("  煤化工   项目 ") == "煤化工 项目"
    assert clean_query(None) == ""
    assert len(clean_query("字" * 500)) == 100
