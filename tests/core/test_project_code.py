"""The national project code (项目代码): 24 characters, 4-6-2-2-6 digits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantu.core.project_code import CodeProblem, InvalidCode, normalize, parse, problem


def test_a_code_of_the_standard_splits_into_its_parts():
    code = parse("2107-652301-04-01-583026")
    assert (code.time, code.region, code.department, code.kind, code.serial) == (
        "2107",
        "652301",
        "04",
        "01",
        "583026",
    )
    assert code.year == 2021 and code.province == "65"


def test_a_code_given_before_the_standard_starts_with_the_year():
    assert parse("2019-652300-44-03-012345").year == 2019


def test_full_width_digits_other_dashes_and_spaces_are_folded():
    assert normalize(" ２０２１－６５２３０１—04–01-583026 ") == "2021-652301-04-01-583026"
    assert parse("２１０７－６５２３０１－０４－０１－５８３０２６").text == "2107-652301-04-01-583026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2107-652301-04-01-58302", CodeProblem.LENGTH),
        ("21076523010401583026", CodeProblem.LENGTH),  # hyphens missing
        ("2107-652301-04-0158-3026", CodeProblem.SHAPE),
        ("2107-65230A-04-01-583026", CodeProblem.SHAPE),
        ("2113-652301-04-01-583026", CodeProblem.TIME),  # month 13
        ("1999-652301-04-01-583026", CodeProblem.TIME),  # before the platform
        ("2107-992301-04-01-583026", CodeProblem.REGION),  # no province 99
    ],
)
def test_a_malformed_code_says_what_is_wrong(text, expected):
    assert problem(text) is expected
    with pytest.raises(InvalidCode):
        parse(text)


@given(
    time=st.sampled_from(["2016", "2020", "2107", "2512"]),
    region=st.sampled_from(["652300", "650000", "110101"]),
    rest=st.from_regex(r"[0-9]{2}-[0-9]{2}-[0-9]{6}", fullmatch=True),
)
def test_every_well_formed_code_passes_and_keeps_24_characters(time, region, rest):
    text = f"{time}-{region}-{rest}"
    assert problem(text) is None
    assert len(parse(text).text) == 24


@given(text=st.text(max_size=30))
def test_any_text_either_parses_to_24_characters_or_names_its_problem(text):
    found = problem(text)
    if found is None:
        assert len(parse(text).text) == 24
    else:
        assert isinstance(found, CodeProblem)
